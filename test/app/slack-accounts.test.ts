import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { loadConfig } from '../../src/config/config.js';
import { fileSchema } from '../../src/config/file.js';
import { createLogger } from '../../src/core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, SECRET, post, slashCommand } from '../adapters/slack/slack-requests.js';

// Many accounts through the real Bolt app: the emulator serves a Resource Directory, the bot
// discovers its members, assumes the reader role in each and answers about every one of them.

let fake: FakeSlack;
let emu: RunningEmulator;
let app: App;

beforeAll(async () => {
  fake = await startFakeSlack();
  emu = await startEmulator({
    scenario: scenario({
      account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
      resourceDirectory: {
        members: [
          { accountId: '2000000000000002', displayName: 'shop', scenario: 'demo' },
          { accountId: '3000000000000003', displayName: 'staging', scenario: 'clean' },
          { accountId: '4000000000000004', displayName: 'sandbox', scenario: 'clean', role: 'missing' },
        ],
      },
    }),
  });
  // The SDK's default credential chain reads the process environment.
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', DEFAULT_EMULATOR_CREDENTIAL.accessKeyId);
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
  const config = loadConfig(
    {
      HOME: '/nonexistent',
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
      SLACK_BOT_TOKEN: 'xoxb-accounts-e2e',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      WHOOWNS_HOST: '127.0.0.1',
      WHOOWNS_REGIONS: 'cn-hangzhou',
      WHOOWNS_CONFIG: '/whoowns.yaml',
      WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-accounts-')),
      WHOOWNS_POSTURE_USERS: 'U_SEC',
      WHOOWNS_POSTURE_CHANNELS: 'C_SEC,C_SHOP,C0FLEET',
      ...endpointEnv(emu.url),
    },
    {
      readFile: () =>
        fileSchema.parse({
          resourceDirectory: { roleName: 'whoowns-reader', exclude: ['1000000000000001'] },
          schedules: [{ name: 'fleet', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai', accounts: 'all', destinations: [{ slack: { channel: 'C0FLEET' } }] }],
        }),
      exists: () => false,
    },
  );
  app = await startApp(config, createLogger({ level: 'silent' }));
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await emu?.stop();
  await fake?.close();
  vi.unstubAllEnvs();
});

async function slash(text: string, channel = 'C_SEC', command = '/posture') {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const res = await post(`http://127.0.0.1:${app.slack!.port()}/slack/events`, slashCommand({ command, text, response_url: fake.respondUrl(id), user_id: 'U_SEC', channel_id: channel }), FORM);
  expect(res.status).toBe(200);
  const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === id && !/Scanning (the|every) account/.test(JSON.stringify(r.body))), 20_000);
  return JSON.stringify(answer.body);
}

describe('many accounts on Slack, end to end', () => {
  it('/posture accounts lists the discovered members', async () => {
    const json = await slash('accounts');
    expect(json).toMatch(/Accounts: 3 accounts/);
    expect(json).toMatch(/\*shop\* \(2000000000000002\) · resource directory: not scanned yet/);
  });

  it('/posture summarises across the members; the one without the role is its own gap', async () => {
    const json = await slash('');
    expect(json).toMatch(/Posture across 3 accounts: .*1 account could not be read/);
    expect(json).toMatch(/sandbox\* \(4000000000000004\) · resource directory: ⚠️ could not be read: Account sandbox: cannot assume role acs:ram::4000000000000004:role\/whoowns-reader \(EntityNotExist.Role/);
    expect(json).toMatch(/\*shop\* \(2000000000000002\) · resource directory: critical \d+ · high \d+/);
  });

  it('--account and /posture use answer about one member, with its own data', async () => {
    expect(await slash('sg --account staging')).toMatch(/Account 3000000000000003/);
    expect(await slash('use shop', 'C_SHOP')).toMatch(/account shop by default/);
    const json = await slash('', 'C_SHOP');
    expect(json).toMatch(/Account 2000000000000002/);
    // The place's default also applies to its buttons, so they need not name the account.
    expect(json).toMatch(/posture sg\\+"/);
    expect(json).not.toMatch(/posture sg --account/);
  });

  it('the digest across accounts is posted to the channel: a line per account, the unreadable one named, incomplete in the headline', async () => {
    await slash('now fleet', 'C_SEC', '/digest');
    const posted = await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => JSON.stringify(c.body).includes('By account')), 60_000);
    const json = JSON.stringify(posted.body);
    expect(json).toContain('C0FLEET');
    expect(json).toMatch(/incomplete: 1 account could not be read/);
    expect(json).toMatch(/shop\* \(2000000000000002\): \d+ open/);
    expect(json).toMatch(/Could not read: sandbox \(Account sandbox: cannot assume role/);
  }, 60_000);
});
