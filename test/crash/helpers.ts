import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/store/db.js';

export interface DueDigest {
  dir: string;
  dataDir: string;
  dbPath: string;
  env: NodeJS.ProcessEnv;
  runId: string;
}

export interface DueDigestOptions {
  schedule: string;
  channels: readonly string[];
  slackApiUrl: string;
  /** Names the temporary folder and the fake tokens, so a leftover says which test made it. */
  tag: string;
  logLevel: string;
  extraEnv?: NodeJS.ProcessEnv;
}

/**
 * A schedule whose slot fell two minutes ago (within its grace), registered before that slot so the
 * bot starting now owes exactly one run; a config file (mode 600), a seeded database, and the
 * environment of a real bot posting to a fake Slack on the demo account.
 */
export function dueDigest(o: DueDigestOptions): DueDigest {
  const dir = mkdtempSync(join(tmpdir(), `whoowns-${o.tag}-`));
  const dataDir = join(dir, 'data');
  const now = Date.now();
  const slot = new Date(Math.floor(now / 60_000) * 60_000 - 2 * 60_000);
  const config = join(dir, 'whoowns.yaml');
  writeFileSync(
    config,
    [
      'schedules:',
      `  - name: ${o.schedule}`,
      `    cron: "${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *"`,
      '    timezone: UTC',
      '    graceMinutes: 1440',
      '    destinations:',
      ...o.channels.map((c) => `      - slack: { channel: ${c} }`),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const dbPath = join(dataDir, 'whoowns.db');
  // Synchronous on purpose (the raw SQLite handle): the store's own registerSchedule is async.
  const db = openSqlite(dbPath);
  db.prepare('INSERT INTO digest_schedules (name, first_seen) VALUES (?, ?)').run(o.schedule, new Date(now - 3_600_000).toISOString());
  db.close();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    SLACK_BOT_TOKEN: `xoxb-${o.tag}-test`,
    SLACK_SIGNING_SECRET: `${o.tag}-test-signing-secret`,
    SLACK_API_URL: o.slackApiUrl,
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DEMO: 'true',
    WHOOWNS_DATA_DIR: dataDir,
    WHOOWNS_CONFIG: config,
    WHOOWNS_LOG_LEVEL: o.logLevel,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ...o.extraEnv,
  };
  return { dir, dataDir, dbPath, env, runId: `${o.schedule}@${slot.toISOString()}` };
}
