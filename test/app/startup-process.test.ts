import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/store/db.js';
import { startFakeSlack } from '../adapters/slack/fake-slack.js';

// The real built bot (node dist/src/main.js, and `whoowns serve`) at start-up: what it says and
// which exit code it ends with when the setup is wrong. Needs `npx tsc -p tsconfig.build.json`.
// WHOOWNS_TEST_DIST points these tests at another build (to see them fail on an older one).

const DIST = resolve(process.env.WHOOWNS_TEST_DIST ?? 'dist');
const MAIN = join(DIST, 'src/main.js');
const BIN = join(DIST, 'src/cli/bin.js');
const built = existsSync(MAIN) && existsSync(BIN);
if (!built) console.warn(`test/app/startup-process skipped: ${MAIN} is missing — run \`npx tsc -p tsconfig.build.json\` first.`);

const MARK = 'Zq9markvalue';
const TOKEN = `xoxb-1111-2222-${MARK}`;
const NOBODY = 65534;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'whoowns-start-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Start `node <args>` with stdin at /dev/null (no terminal) and wait for it to end. */
function run(args: string[], env: NodeJS.ProcessEnv, opts: { uid?: number; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], uid: opts.uid, gid: opts.uid });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`node ${args.join(' ')} still running after ${opts.timeoutMs ?? 15_000} ms\n${stderr}`));
    }, opts.timeoutMs ?? 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setTimeout(() => done({ code, stdout, stderr }), 50);
    });
  });
}

/** A local Slack Web API whose auth.test refuses the token and, like a careless proxy, echoes the Authorization header. */
async function echoingSlack(): Promise<string> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'invalid_auth', seen: req.headers.authorization }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
}

function baseEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'en_US.UTF-8',
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DATA_DIR: join(home, 'data'),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ...extra,
  };
}

describe.skipIf(!built)('start-up of the built bot', () => {
  it('a SLACK_BOT_TOKEN with a newline: exit 2, names the variable, never prints the value', async () => {
    const r = await run([MAIN], baseEnv(tmp(), { SLACK_BOT_TOKEN: `${TOKEN}\nsecond-line`, SLACK_SIGNING_SECRET: 'abcdefgh1234', WHOOWNS_DEMO: 'true' }));
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr).toMatch(/whitespace or a line break/);
    expect(r.stderr + r.stdout).not.toContain(MARK);
    expect(r.code).toBe(2);
  });

  it('an uncaught rejection carrying the token is reported redacted by the last-resort handler the bot installs', async () => {
    // The bot's own start installs the handler (server.ts, bin.ts); a library rejection nobody awaits is
    // the case it exists for. Bolt's auth.test no longer escapes (the adapter retries it), so the process
    // here raises one itself, after the same install the bot does.
    const script = [
      `import { installLastResort } from ${JSON.stringify(join(DIST, 'src/core/last-resort.js'))};`,
      `import { createRedactor } from ${JSON.stringify(join(DIST, 'src/core/redact.js'))};`,
      `import { secretsFromEnv } from ${JSON.stringify(join(DIST, 'src/core/secrets.js'))};`,
      'installLastResort(createRedactor(secretsFromEnv(process.env)));',
      "Promise.reject(new Error('An API error occurred: invalid_auth for token ' + process.env.SLACK_BOT_TOKEN));",
    ].join('\n');
    const r = await run(['--input-type=module', '-e', script], baseEnv(tmp(), { SLACK_BOT_TOKEN: TOKEN }));
    expect(r.stderr).toContain('whoowns stopped on an unhandled promise rejection');
    expect(r.stderr).toContain('invalid_auth'); // the detail is kept…
    expect(r.stderr).toContain('[redacted]'); // …with the token taken out
    expect(r.stderr + r.stdout).not.toContain(MARK);
    expect(r.code).toBe(1);
  });

  it.each([
    ['node dist/src/main.js', [MAIN]],
    ['whoowns serve', [BIN, 'serve']],
  ])('%s with no chat platform and no terminal: says so and exits 2', async (_name, args) => {
    const r = await run(args, baseEnv(tmp(), { WHOOWNS_DEMO: 'true' }));
    expect(r.stderr).toContain('No chat platform is configured');
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stdout).not.toContain('whoowns>');
    expect(r.code).toBe(2);
  });

  it('WHOOWNS_CONSOLE=stdin runs the console on a pipe (scripts, benchmarks) and ends with its input', async () => {
    const child = spawn(process.execPath, [MAIN], { env: baseEnv(tmp(), { WHOOWNS_DEMO: 'true', WHOOWNS_CONSOLE: 'stdin' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stdin.end('who patches the OS?\n');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(stdout).toContain('Owner: You (customer)');
    expect(code).toBe(0);
  });

  it('WHOOWNS_DEMO=false with no cloud credentials fails at start', async () => {
    // Slack on a local fake, so even a build that gets past the check reaches nothing outside.
    const r = await run([MAIN], baseEnv(tmp(), { WHOOWNS_DEMO: 'false', SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 'abcdefgh1234', SLACK_API_URL: await echoingSlack() }));
    expect(r.stderr).toContain('WHOOWNS_DEMO=false');
    expect(r.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(r.code).toBe(2);
  });

  it('warns at start about name-shaped WHOOWNS_POSTURE_USERS entries, runs, and stops cleanly on SIGTERM', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    const env = baseEnv(tmp(), { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 'abcdefgh1234', SLACK_API_URL: fake.apiUrl, WHOOWNS_DEMO: 'true', WHOOWNS_POSTURE_USERS: ' U0ADMIN1 , ,U2 U3 @alice' });
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const deadline = Date.now() + 15_000;
    while (!stderr.includes('slack adapter started') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const warning = stderr.split('\n').find((l) => l.includes('WHOOWNS_POSTURE_USERS'));
    expect(warning).toContain('\\"@alice\\"');
    expect(warning).not.toContain('U0ADMIN1');
    expect(stderr).toContain('"level":40');
  });

  describe('the data directory and the database', () => {
    const chat = async () => ({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 'abcdefgh1234', SLACK_API_URL: await echoingSlack(), WHOOWNS_DEMO: 'true' });

    it('a data dir that is a file: exit 2, names WHOOWNS_DATA_DIR', async () => {
      const home = tmp();
      writeFileSync(join(home, 'data'), 'not a directory');
      const r = await run([MAIN], baseEnv(home, await chat()));
      expect(r.stderr).toContain('WHOOWNS_DATA_DIR');
      expect(r.stderr).toContain(join(home, 'data'));
      expect(r.stderr).not.toContain('Internal error');
      expect(r.code).toBe(2);
    });

    it('a garbage header over a real database: exit 2, names the file and what to do', async () => {
      const home = tmp();
      const path = join(home, 'data', 'whoowns.db');
      openSqlite(path).close();
      writeFileSync(path, Buffer.alloc(4096, 0x41));
      const r = await run([MAIN], baseEnv(home, await chat()));
      expect(r.stderr).toContain(`The database ${path} is damaged`);
      expect(r.stderr).toContain(`mv ${path} ${path}.broken`);
      expect(r.code).toBe(2);
    });

    // Root ignores permission bits, so the bot runs as nobody here (spawn's uid): a real "not writable".
    it.skipIf(process.getuid?.() !== 0)('a data dir the bot cannot write (run as nobody): exit 2, names WHOOWNS_DATA_DIR', async () => {
      const home = tmp();
      chmodSync(home, 0o755);
      mkdirSync(join(home, 'data'), { mode: 0o755 }); // root's, not nobody's
      const r = await run([MAIN], baseEnv(home, await chat()), { uid: NOBODY });
      expect(r.stderr).toContain(`The data directory ${join(home, 'data')} is not writable`);
      expect(r.stderr).toContain('WHOOWNS_DATA_DIR');
      expect(r.code).toBe(2);
    });
  });
});
