import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDingTalkAdapter, type DingTalkAdapter } from '../../../src/adapters/dingtalk/index.js';
import { textReply } from '../../../src/chat/message.js';
import { loadConfig } from '../../../src/config/config.js';
import { createLogger } from '../../../src/core/logger.js';
import { robotPayload } from './builders.js';
import { startFakeApi, type FakeApi } from './fake-api.js';
import { startFakeGateway, type FakeGateway } from './fake-gateway.js';

// DINGTALK_API_URL and DINGTALK_GATEWAY_URL, like SLACK_API_URL: for private DingTalk deployments,
// and for tests that run the real DWClient against local servers with nothing but settings.

const creds = { DINGTALK_CLIENT_ID: 'ding-app-key', DINGTALK_CLIENT_SECRET: 'ding-app-secret', HOME: '/nonexistent' };
const load = (env: Record<string, string>) => loadConfig({ ...creds, ...env }, { exists: () => false, home: '/nonexistent' });

describe('DingTalk endpoint settings', () => {
  it('default to DingTalk itself', () => {
    expect(load({}).dingtalk).toEqual({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret' });
  });

  it('take an https API base and derive the gateway from it', () => {
    expect(load({ DINGTALK_API_URL: 'https://ding.corp.example/' }).dingtalk).toMatchObject({
      apiBaseUrl: 'https://ding.corp.example',
      gatewayUrl: 'https://ding.corp.example/v1.0/gateway/connections/open',
    });
    expect(load({ DINGTALK_API_URL: 'https://ding.corp.example', DINGTALK_GATEWAY_URL: 'https://stream.corp.example/open' }).dingtalk?.gatewayUrl).toBe('https://stream.corp.example/open');
  });

  it('allow plain http only on a loopback address', () => {
    expect(load({ DINGTALK_API_URL: 'http://127.0.0.1:4010' }).dingtalk?.apiBaseUrl).toBe('http://127.0.0.1:4010');
    expect(load({ DINGTALK_GATEWAY_URL: 'http://localhost:4011/open' }).dingtalk?.gatewayUrl).toBe('http://localhost:4011/open');
  });

  it.each([
    ['DINGTALK_API_URL', 'http://ding.corp.example'],
    ['DINGTALK_API_URL', 'api.dingtalk.com'],
    ['DINGTALK_GATEWAY_URL', 'http://10.0.0.5/open'],
    ['DINGTALK_API_URL', 'ftp://127.0.0.1/'],
  ])('refuse %s=%s, saying what to set', (name, value) => {
    expect(() => load({ [name]: value })).toThrow(new RegExp(`${name} must be an https URL such as https://api\\.dingtalk\\.com`));
  });
});

describe('the real DWClient, pointed at local servers by settings alone', () => {
  let gateway: FakeGateway;
  let api: FakeApi;
  let adapter: DingTalkAdapter | undefined;
  beforeEach(async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    gateway = await startFakeGateway();
    api = await startFakeApi();
  });
  afterEach(async () => {
    await adapter?.stop();
    await gateway.close();
    await api.close();
    vi.restoreAllMocks();
  });

  it('connects to DINGTALK_GATEWAY_URL and answers on a webhook under DINGTALK_API_URL', async () => {
    const config = load({ DINGTALK_API_URL: api.url, DINGTALK_GATEWAY_URL: gateway.openUrl });
    adapter = createDingTalkAdapter({ ...config.dingtalk!, dispatch: async (_req, ctx) => ctx.reply(textReply('pong')), log: createLogger({ level: 'silent' }) });
    await adapter.start();
    await gateway.waitForConnections(1);
    gateway.sendCallback(robotPayload({ content: 'ping', sessionWebhook: `${api.url}/robot/sendBySession?session=s-1` }));
    const post = await api.waitFor('/robot/sendBySession');
    expect(post.body.markdown.text).toContain('pong');
    await adapter.sendGroupMessage({ openConversationId: 'cid-1', robotCode: 'ding-robot-1', reply: textReply('digest') });
    expect(api.on('/v1.0/robot/groupMessages/send')).toHaveLength(1);
  });
});
