import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { isWhoownsError, type WhoownsError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import { knowledgeDir } from '../../src/core/paths.js';
import { loadKnowledge } from '../../src/kb/load.js';
import { createCore } from '../../src/wiring/core.js';

// Malformed YAML where people edit it: the knowledge base, the WHOOWNS_CONFIG file and the
// suppressions file. Each error names the file and the line; a bad file stops the bot before
// anything listens.

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fails(fn: () => unknown): WhoownsError {
  try {
    fn();
  } catch (e) {
    if (isWhoownsError(e)) return e;
    throw e;
  }
  throw new Error('expected a WhoownsError, nothing was thrown');
}

async function rejects(p: Promise<unknown>): Promise<WhoownsError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isWhoownsError(e)) throw new Error(`expected a WhoownsError, got ${String(e)}`);
  return e;
}

/** A private temp file (config files that are world-readable are refused for another reason). */
function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'whoowns-files-')), name);
  writeFileSync(path, text);
  chmodSync(path, 0o600);
  return path;
}

/** Copy of the knowledge base with line `line` (1-based) of `file` replaced. */
function brokenKnowledge(file: string, line: number, replace: (old: string) => string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'whoowns-kb-'));
  cpSync(knowledgeDir(), dir, { recursive: true });
  const path = join(dir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[line - 1] = replace(lines[line - 1]!);
  writeFileSync(path, lines.join('\n'));
  return { dir, path };
}

function lineOf(file: string, pattern: RegExp): number {
  const i = readFileSync(join(knowledgeDir(), file), 'utf8').split('\n').findIndex((l) => pattern.test(l));
  if (i < 0) throw new Error(`no line matching ${pattern} in ${file}`);
  return i + 1;
}

describe('knowledge base YAML', () => {
  it('loads the shipped copy (the baseline for the broken ones below)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whoowns-kb-'));
    cpSync(knowledgeDir(), dir, { recursive: true });
    expect(loadKnowledge(dir).entries.length).toBeGreaterThan(10);
  });

  const cases: { name: string; file: string; at: RegExp; replace: (l: string) => string; want: RegExp }[] = [
    { name: 'unclosed flow sequence', file: 'responsibilities.yaml', at: /^ {4}kind: context$/, replace: (l) => l.replace('context', '[context'), want: /YAML syntax error/ },
    { name: 'tab indentation', file: 'products.yaml', at: /^ {4}owner: customer$/, replace: (l) => `\t${l.trim()}`, want: /YAML syntax error/ },
    { name: 'unterminated quote', file: 'synonyms.yaml', at: /^ {2}- \[负责,/, replace: (l) => l.replace('[负责,', '["负责,'), want: /YAML syntax error/ },
    { name: 'unknown owner', file: 'responsibilities.yaml', at: /^ {4}owner: shared$/, replace: (l) => l.replace('shared', 'nobody'), want: /field entries\.\d+\.owner is invalid/ },
    { name: 'bad id', file: 'products.yaml', at: /^ {2}- id: group\.os-security$/, replace: (l) => l.replace('group.os-security', 'Group OS'), want: /field entries\.\d+\.id is invalid/ },
  ];

  it.each(cases)('$name: names the file and the line', ({ file, at, replace, want }) => {
    const line = lineOf(file, at);
    const { dir, path } = brokenKnowledge(file, line, replace);
    const err = fails(() => loadKnowledge(dir));
    expect(err.code).toBe('KB_INVALID');
    const m = new RegExp(`^${escape(path)}:(\\d+):? `).exec(err.messages.en);
    expect(m, err.messages.en).not.toBeNull();
    // The YAML parser may report the line after an unclosed construct; never a far-off one.
    expect(Number(m![1])).toBeGreaterThanOrEqual(line);
    expect(Number(m![1])).toBeLessThanOrEqual(line + 2);
    expect(err.messages.en).toMatch(want);
    expect(err.messages.zh).toContain(path);
  });
});

describe('WHOOWNS_CONFIG file', () => {
  const env = (path: string) => ({ HOME: '/nonexistent', WHOOWNS_CONFIG: path, WHOOWNS_DEMO: 'true' });

  it.each([
    ['syntax error', 'regions: [cn-hangzhou\nlimits:\n  global: 4\n', 1, /YAML syntax error/],
    ['bad indentation', 'limits:\n  global: 4\n perService: 2\n', 3, /YAML syntax error/],
    ['value out of range', 'regions: [cn-hangzhou]\nlimits:\n  global: 1000\n', 3, /field limits\.global is invalid/],
    ['region of the wrong shape', 'regions:\n  - cn-hangzhou\n  - Hangzhou\n', 3, /field regions\.1 is invalid: is not a region id/],
    ['unknown key', 'regions: [cn-hangzhou]\n\nregoins: [cn-beijing]\n', 3, /regoins/],
    ['account role of the wrong shape', 'accounts:\n  - name: prod\n    roleArn: arn:aws:iam::1:role/x\n', 3, /field accounts\.0\.roleArn is invalid: must look like acs:ram::/],
  ])('%s: names the file and the line, before anything starts', (_name, text, line, want) => {
    const path = tempFile('whoowns.yaml', text);
    const err = fails(() => loadConfig(env(path)));
    expect(err.code).toBe('CONFIG_FILE');
    // The YAML parser may only notice an unclosed construct on the next line.
    const at = Number(new RegExp(`^${escape(path)}:(\\d+)`).exec(err.messages.en)?.[1]);
    expect(at, err.messages.en).toBeGreaterThanOrEqual(line);
    expect(at, err.messages.en).toBeLessThanOrEqual(line + 1);
    expect(err.messages.en).toMatch(want);
    expect(err.messages.zh).toContain(`${path}:${at}`);
  });

  it('a missing file is named', () => {
    const err = fails(() => loadConfig(env('/nonexistent/whoowns.yaml')));
    expect(err.messages.en).toMatch(/Cannot read \/nonexistent\/whoowns\.yaml/);
  });
});

describe('suppressions file', () => {
  const SYNTAX = '- check: ecs.sg.admin-port-open-world\n  resource: sg-1\n  reason: [unclosed\n  by: alice\n  until: 2099-01-01\n';
  const BAD_ENTRY = [
    '- check: ecs.sg.admin-port-open-world',
    '  resource: sg-1',
    '  reason: bastion',
    '  by: alice',
    '  until: 2099-01-01',
    '- check: ecs.sg.no-such-check',
    '  resource: sg-2',
    '  reason: typo in the check id',
    '  by: bob',
    '  until: 2099-13-45',
    '',
  ].join('\n');

  it.each([
    ['syntax error', SYNTAX, [/:[34]: YAML syntax error/]],
    ['bad entries', BAD_ENTRY, [/:6: unknown check id "ecs\.sg\.no-such-check"/, /:10: "until" must be a date written YYYY-MM-DD/]],
  ])('%s: createCore refuses it with file:line', async (_name, text, wants) => {
    const path = tempFile('suppressions.yaml', text);
    const config = loadConfig({ HOME: '/nonexistent', WHOOWNS_DEMO: 'false', WHOOWNS_SUPPRESSIONS: path, ALIBABA_CLOUD_ACCESS_KEY_ID: 'x' });
    const err = await rejects(createCore(config, silentLogger()));
    expect(err.code).toBe('SUPPRESSIONS_INVALID');
    for (const want of wants) expect(err.messages.en).toMatch(new RegExp(`${escape(path)}${want.source}`));
    expect(err.messages.en).toMatch(/nothing was muted/);
  });
});

describe('the bot does not start half-configured', () => {
  /** Servers in this process that are bound to a port (Node keeps no public list; tests may look). */
  const servers = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => h instanceof Server && h.listening).length;
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
  });

  /** A port nobody listens on right now. */
  async function freePort(): Promise<number> {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    return port;
  }

  async function portIsFree(port: number): Promise<boolean> {
    const srv = createServer();
    return new Promise((resolve) => {
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
  }

  it.each([
    ['a broken suppressions file', 'suppressions'],
    ['a broken digest schedule', 'schedule'],
  ])('%s: startApp throws and leaves no server listening (Slack, probes, demo emulator)', async (_name, what) => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'whoowns-data-'));
    const env: NodeJS.ProcessEnv = {
      HOME: '/nonexistent',
      WHOOWNS_DEMO: 'true',
      WHOOWNS_DATA_DIR: dataDir,
      PORT: String(port),
      WHOOWNS_HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-half-configured',
      SLACK_SIGNING_SECRET: 'half-configured-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    };
    if (what === 'suppressions') env.WHOOWNS_SUPPRESSIONS = tempFile('suppressions.yaml', '- check: [oops\n');
    else env.WHOOWNS_CONFIG = tempFile('whoowns.yaml', 'schedules:\n  - name: weekly\n    cron: "not a cron"\n');
    const config = loadConfig(env);
    const before = servers();
    const started = startApp(config, silentLogger());
    started.then((app) => stops.push(() => app.stop()), () => undefined);
    const err = await rejects(started);
    expect(err.code).not.toBe('INTERNAL');
    expect(servers()).toBe(before);
    expect(await portIsFree(port)).toBe(true);
  });

  it('a port already in use: startApp throws and the demo emulator does not stay behind', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => taken.close(() => r())));
    const config = loadConfig({
      HOME: '/nonexistent',
      WHOOWNS_DEMO: 'true',
      WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-data-')),
      PORT: String((taken.address() as { port: number }).port),
      WHOOWNS_HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-half-configured',
      SLACK_SIGNING_SECRET: 'half-configured-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    const before = servers();
    const started = startApp(config, silentLogger());
    started.then((app) => stops.push(() => app.stop()), () => undefined);
    const err = await rejects(started);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.messages.en).toMatch(/Port 127\.0\.0\.1:\d+ is already in use.*set PORT/);
    expect(servers()).toBe(before);
  });
});
