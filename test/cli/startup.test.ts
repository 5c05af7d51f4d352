import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI loads a heavy dependency only when a command needs it: `--help`, `ask` and `kb` must
// not resolve a cloud SDK, a chat platform SDK or SQLite. Checked on the real built binary with a
// module-resolution tracer (test/cli/load-tracer.mjs), not by timing, so it holds on a busy machine.

const BIN = resolve('dist/src/cli/bin.js');
const TRACER = resolve('test/cli/load-tracer.mjs');
const built = existsSync(BIN);
if (!built) console.warn(`test/cli/startup skipped: ${BIN} is missing — run \`npx tsc -p tsconfig.build.json\` first.`);

const HEAVY = /\/node_modules\/(@alicloud\/|@darabonba\/|@slack\/|dingtalk-stream\/|better-sqlite3\/|@resvg\/|pino\/|croner\/)/;

const dir = mkdtempSync(join(tmpdir(), 'whoowns-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function trace(args: string[]): { code: number | null; stdout: string; loaded: string[] } {
  const file = join(dir, `trace-${n++}.txt`);
  const env = { PATH: process.env.PATH, HOME: dir, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', WHOOWNS_LOAD_TRACE: file };
  const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  const loaded = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  return { code: r.status, stdout: r.stdout, loaded };
}

describe.skipIf(!built)('CLI start-up loads only what the command needs', () => {
  const cases: [string, string[]][] = [
    ['--help', ['--help']],
    ['no arguments', []],
    ['scan --help', ['scan', '--help']],
    ['ask', ['ask', 'who patches the OS?']],
    ['kb list', ['kb', 'list']],
    ['kb show', ['kb', 'show', 'customer.os-patching']],
    ['checks', ['checks']],
    ['policy', ['policy', '--json']],
  ];
  it.each(cases)('%s resolves no cloud SDK, Bolt, DingTalk, SQLite, resvg or logger', (_name, args) => {
    const r = trace(args);
    expect(r.code).toBe(0);
    // The tracer really ran: our own modules are in the trace.
    expect(r.loaded.some((u) => u.endsWith('/dist/src/cli/bin.js'))).toBe(true);
    expect(r.loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('--help does not even load the Q&A engine, the checks or the collector', () => {
    const r = trace(['--help']);
    expect(r.stdout).toContain('scan');
    expect(r.loaded.filter((u) => /\/dist\/src\/(qa|checks|cloud|digest|store|adapters|emulator)\//.test(u))).toEqual([]);
  });

  it('the tracer sees a heavy module when a command does need it', () => {
    const r = trace(['scan', '--demo', '--format', 'json']);
    expect(r.loaded.some((u) => /\/node_modules\/@alicloud\//.test(u))).toBe(true);
  });
});
