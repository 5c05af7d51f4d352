import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { SECRET } from '../adapters/slack/slack-requests.js';
import { describePostgres } from '../builders/store.js';

// The whole bot, twice, on one PostgreSQL (Slack HTTP mode, fake Slack): both replicas fire the
// every-minute slot, the queue makes it one job, and the channel gets one digest.

describePostgres('two bot replicas on PostgreSQL', (url) => {
  let fake: FakeSlack;
  const apps: App[] = [];
  const schema = `app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const name = `m${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });

  beforeAll(async () => {
    fake = await startFakeSlack();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const dir = mkdtempSync(join(tmpdir(), 'whoowns-replicas-'));
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `schedules:\n  - name: ${name}\n    cron: "* * * * *"\n    timezone: UTC\n    destinations:\n      - slack: { channel: CREPL01 }\n`, { mode: 0o600 });
    const env = (i: number): NodeJS.ProcessEnv => ({
      HOME: '/nonexistent',
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      WHOOWNS_HOST: '127.0.0.1',
      WHOOWNS_DEMO: 'true',
      WHOOWNS_DATA_DIR: mkdtempSync(join(dir, `data-${i}-`)),
      WHOOWNS_CONFIG: file,
      WHOOWNS_DATABASE_URL: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    });
    for (const i of [0, 1]) apps.push(await startApp(loadConfig(env(i)), silentLogger()));
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await fake?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('both ready (the database answers); the next minute slot is posted once', async () => {
    for (const a of apps) expect((await fetch(`http://127.0.0.1:${a.port()}/readyz`)).status).toBe(200);
    const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CREPL01');
    await fake.waitFor(() => posts()[0], 75_000);
    await new Promise((r) => setTimeout(r, 3_000)); // room for a duplicate to show up
    expect(posts()).toHaveLength(1);
    const runs = await admin.query(`SELECT status FROM ${schema}.digest_runs WHERE schedule = $1`, [name]);
    expect(runs.rows).toEqual([{ status: 'sent' }]);
    const jobs = await admin.query(`SELECT count(*)::int AS n FROM whoowns_jobs.job WHERE name = 'digest' AND data->>'schedule' = $1`, [name]);
    expect(jobs.rows[0].n).toBe(1);
  }, 90_000);
});
