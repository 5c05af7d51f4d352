import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { isWhoownsError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, SECRET, post, slashCommand } from '../adapters/slack/slack-requests.js';

// Digests inside the whole bot: schedules from the config file, /digest over real Slack HTTP.

let fake: FakeSlack;
let app: App;
let dir: string;

function env(configYaml: string): NodeJS.ProcessEnv {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, configYaml, { mode: 0o600 });
  return {
    HOME: '/nonexistent',
    SLACK_BOT_TOKEN: 'xoxb-digest-app',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DEMO: 'true',
    WHOOWNS_DATA_DIR: mkdtempSync(join(dir, 'data-')),
    WHOOWNS_POSTURE_USERS: 'U_SEC',
    WHOOWNS_POSTURE_CHANNELS: 'C_SEC',
    WHOOWNS_CONFIG: file,
  };
}

const GOOD = 'schedules:\n  - name: morning\n    cron: "0 9 * * 1-5"\n    timezone: Asia/Shanghai\n    destinations:\n      - slack: { channel: CDIGEST01 }\n';

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'whoowns-digest-app-'));
  app = await startApp(loadConfig(env(GOOD)), silentLogger());
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

async function slash(text: string) {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const res = await post(`http://127.0.0.1:${app.slack!.port()}/slack/events`, slashCommand({ command: '/digest', text, response_url: fake.respondUrl(id), user_id: 'U_SEC', channel_id: 'C_SEC' }), FORM);
  expect(res.status).toBe(200);
  return id;
}

describe('digests in the app', () => {
  it('/digest status answers from the configured schedule', async () => {
    const id = await slash('status');
    const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === id));
    expect(JSON.stringify(answer.body)).toContain('Slack channel CDIGEST01');
  });

  it('/digest now posts the digest to the configured channel', async () => {
    await slash('now');
    const posted = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'CDIGEST01'), 15_000);
    expect(posted.body.text).toContain('Security digest');
    expect(JSON.stringify(posted.body.blocks)).toContain('DEMO DATA');
  });

  it('a bad schedule stops the bot before it connects anywhere', async () => {
    const err = await startApp(loadConfig(env(GOOD.replace('Asia/Shanghai', 'Asia/Shangai'))), silentLogger()).catch((e: unknown) => e);
    expect(isWhoownsError(err) && err.code).toBe('CONFIG_INVALID');
    expect((err as Error).message).toContain('schedules[0] (morning).timezone');
    const noDingTalk = await startApp(loadConfig(env(GOOD.replace('slack: { channel: CDIGEST01 }', 'dingtalk: { openConversationId: cid1, robotCode: r }'))), silentLogger()).catch((e: unknown) => e);
    expect((noDingTalk as Error).message).toContain('the DingTalk robot is not configured');
  });
});
