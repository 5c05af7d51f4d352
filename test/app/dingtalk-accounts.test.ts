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
import { startFakeApi, type FakeApi } from '../adapters/dingtalk/fake-api.js';
import { startFakeGateway, type FakeGateway } from '../adapters/dingtalk/fake-gateway.js';
import { robotPayload } from '../adapters/dingtalk/builders.js';

// Many accounts through the real DWClient: the emulator serves a Resource Directory, the bot
// discovers its members over the stream gateway's messages, answers /posture accounts, --account
// and /posture use per group, keeps a member hidden where accountAccess says so, and posts the
// digest across accounts to a group with one line per account and the unreadable one named.

let gateway: FakeGateway;
let api: FakeApi;
let emu: RunningEmulator;
let app: App;

beforeAll(async () => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  gateway = await startFakeGateway();
  api = await startFakeApi();
  emu = await startEmulator({
    scenario: scenario({
      account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
      resourceDirectory: {
        members: [
          { accountId: '2000000000000002', displayName: 'shop', scenario: 'demo' },
          { accountId: '3000000000000003', displayName: 'staging', scenario: 'clean' },
          { accountId: '4000000000000004', displayName: 'sandbox', scenario: 'clean', role: 'missing' },
          { accountId: '5000000000000005', displayName: 'finance', scenario: 'clean' },
        ],
      },
    }),
  });
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', DEFAULT_EMULATOR_CREDENTIAL.accessKeyId);
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
  const file = {
    resourceDirectory: { roleName: 'whoowns-reader', exclude: ['1000000000000001'] },
    // finance: only in the security group chat.
    accountAccess: { '5000000000000005': { channels: ['cid-sec'] } },
    schedules: [{ name: 'fleet', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai', accounts: 'all', destinations: [{ dingtalk: { openConversationId: 'cid-ops', robotCode: 'ding-app-key' } }] }],
  };
  const config = loadConfig(
    {
      HOME: '/nonexistent',
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
      DINGTALK_CLIENT_ID: 'ding-app-key',
      DINGTALK_CLIENT_SECRET: 'ding-app-secret',
      DINGTALK_API_URL: api.url,
      PORT: '0',
      WHOOWNS_HOST: '127.0.0.1',
      WHOOWNS_REGIONS: 'cn-hangzhou',
      WHOOWNS_CONFIG: '/whoowns.yaml',
      WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-dt-accounts-')),
      WHOOWNS_POSTURE_USERS: 'staff01',
      WHOOWNS_POSTURE_CHANNELS: 'cid-ops,cid-sec,cid-shop',
      ...endpointEnv(emu.url),
    },
    { readFile: () => fileSchema.parse(file), exists: () => false },
  );
  app = await startApp(config, createLogger({ level: 'silent' }), { dingtalk: { endpointOverride: gateway.openUrl } });
  await gateway.waitForConnections(1);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await emu?.stop();
  await api?.close();
  await gateway?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

let n = 0;
/** Send one robot message; the answer is the last session-webhook post that is not "Scanning…". */
async function say(content: string, conversationId = 'cid-ops'): Promise<string> {
  const session = `s${++n}`;
  const before = api.on('/robot/sendBySession').length;
  const id = gateway.sendCallback(robotPayload({ content, conversationId, sessionWebhook: `${api.url}/robot/sendBySession?session=${session}` }));
  await gateway.waitForAck(id);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mine = api.on('/robot/sendBySession').slice(before).filter((r) => r.query.get('session') === session).map((r) => JSON.stringify(r.body));
    const answer = mine.find((b) => !/正在扫描|Scanning/.test(b));
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`no answer to ${content}: ${mine.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('many accounts on DingTalk, end to end', { timeout: 60_000 }, () => {
  it('/posture accounts lists the discovered members this group may see', async () => {
    const ops = await say('/posture accounts');
    expect(ops).toMatch(/Accounts: 3 accounts/);
    expect(ops).toMatch(/shop\*\* \(2000000000000002\)/);
    expect(ops).not.toMatch(/finance/);
    expect(await say('/posture accounts', 'cid-sec')).toMatch(/Accounts: 4 accounts/);
  });

  it('--account reads one member; a hidden one answers like an unknown one', async () => {
    expect(await say('/posture sg --account staging')).toMatch(/3000000000000003/);
    const hidden = await say('/posture --account finance');
    expect(hidden).toMatch(/No account finance that you can see here; accounts you can see: shop, staging, sandbox\./);
    const text = (body: string) => (JSON.parse(body) as { markdown: { text: string } }).markdown.text;
    expect(text(hidden).replaceAll('finance', 'X')).toBe(text(await say('/posture --account nosuch')).replaceAll('nosuch', 'X'));
  });

  it('/posture use keeps a default per group', async () => {
    expect(await say('/posture use shop', 'cid-shop')).toMatch(/answer about account shop by default/);
    expect(await say('/posture', 'cid-shop')).toMatch(/2000000000000002/);
    expect(await say('/posture', 'cid-ops')).toMatch(/Posture across 3 accounts/);
  });

  it('the digest across accounts goes to the group: a line per account, the unreadable one named, incomplete in the headline', async () => {
    const before = api.on('/v1.0/robot/groupMessages/send').length;
    await say('/digest now fleet');
    const sent = await api.waitFor('/v1.0/robot/groupMessages/send', before + 1, 60_000);
    expect(sent.body.openConversationId).toBe('cid-ops');
    const text = (JSON.parse(sent.body.msgParam) as { text: string }).text;
    expect(text).toMatch(/incomplete: 1 account could not be read/);
    expect(text).toMatch(/By account \(3\)/);
    expect(text).toMatch(/shop\*\* \(2000000000000002\): \d+ open/);
    expect(text).toMatch(/Could not read: sandbox \(Account sandbox: cannot assume role/);
    // finance may only be seen in cid-sec: the digest to cid-ops leaves it out.
    expect(text).not.toMatch(/finance|5000000000000005/);
  });
});
