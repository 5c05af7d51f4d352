import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { MuteStore } from '../../src/store/mutes.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { cli } from '../cli/helpers.js';

// The CLI on the one core: chat mutes apply to `whoowns scan` as they do in chat, and a digest
// posted from the CLI passes the same redaction as the bot's.

let dir: string;
let env: NodeJS.ProcessEnv;
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'whoowns-core-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, ['schedules:', '  - name: morning', '    cron: "0 9 * * 1-5"', '    timezone: Asia/Shanghai', '    destinations:', '      - slack: { channel: C0123456789 }', ''].join('\n'), { mode: 0o600 });
  env = {
    LANG: 'en_US.UTF-8',
    WHOOWNS_CONFIG: config,
    WHOOWNS_DATA_DIR: join(dir, 'data'),
    WHOOWNS_DEMO: 'true',
    SLACK_BOT_TOKEN: 'xoxb-core-test',
    SLACK_SIGNING_SECRET: 'core-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
  };
});
afterAll(async () => {
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
});

interface JsonFinding {
  fingerprint: string;
  status: string;
  muted?: { reason: string };
}

async function scanJson(extra: string[] = []): Promise<JsonFinding[]> {
  const r = await cli(['scan', '--demo', '--format', 'json', ...extra], { env });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

describe('the CLI on the one core', () => {
  it('whoowns scan applies chat mutes; --no-mutes shows everything', async () => {
    const fail = (await scanJson()).find((f) => f.status === 'fail')!;
    expect(fail.muted ?? undefined).toBeUndefined();
    mkdirSync(join(dir, 'data'), { recursive: true });
    const db = openDb(join(dir, 'data', 'whoowns.db'));
    await new MuteStore(db).put({ fingerprint: fail.fingerprint, reason: 'accepted until Q3', mutedBy: 'slack:U1', createdAt: new Date().toISOString(), until: '2099-01-01T00:00:00.000Z' });
    await db.close();
    expect((await scanJson()).find((f) => f.fingerprint === fail.fingerprint)!.muted).toMatchObject({ reason: 'accepted until Q3' });
    expect((await scanJson(['--no-mutes'])).find((f) => f.fingerprint === fail.fingerprint)!.muted ?? undefined).toBeUndefined();
  });

  it('a digest posted from the CLI passes the bot redaction', async () => {
    // A secret that happens to be text of the digest: it must not reach Slack.
    const r = await cli(['digest', '--schedule', 'morning', '--now'], { env: { ...env, SLACK_SIGNING_SECRET: 'Security' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const posted = JSON.stringify(slack.callsTo('chat.postMessage').map((c) => c.body));
    expect(posted).toContain('[redacted]');
    expect(posted).not.toContain('Security');
  });
});

describe('nothing but the wiring builds the pipeline', () => {
  const constructors = /\b(createBackend|openDb|openPostgres|createDigestSystem|prepareDigests)\(|new (MuteStore|PostureSource)\(/;
  // Where each is defined (and createDigestSystem's one caller inside the digest module).
  const allowed = new Set(['src/store/db.ts', 'src/store/postgres.ts', 'src/posture/backend.ts', 'src/digest/index.ts']);

  it('no module outside src/wiring constructs a backend, store, posture source or digest system', () => {
    const root = join(import.meta.dirname, '..', '..');
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const rel = relative(root, p);
          if (rel.startsWith('src/wiring/') || allowed.has(rel)) continue;
          readFileSync(p, 'utf8').split('\n').forEach((line, i) => constructors.test(line) && offenders.push(`${rel}:${i + 1}: ${line.trim()}`));
        }
      }
    };
    walk(join(root, 'src'));
    walk(join(root, 'commands'));
    expect(offenders).toEqual([]);
  });
});
