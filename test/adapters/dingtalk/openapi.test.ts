import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textReply } from '../../../src/chat/message.js';
import { WhoownsError } from '../../../src/core/errors.js';
import { createOpenApi, customRobotSign, sendCustomRobot } from '../../../src/adapters/dingtalk/openapi.js';
import { startFakeApi, type FakeApi } from './fake-api.js';

let api: FakeApi;
beforeAll(async () => {
  api = await startFakeApi({ customRobotSecret: 'SECtest-secret', tokenExpireIn: 7200 });
});
afterAll(() => api.close());

const digest = { summary: 'Daily digest', blocks: [{ type: 'header' as const, text: '每日安全摘要' }, { type: 'text' as const, text: '2 new findings' }] };

describe('sendGroupMessage', () => {
  it('gets a token, caches it, and posts sampleMarkdown with the token header', async () => {
    let t = 1_000_000;
    const openapi = createOpenApi({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret', apiBaseUrl: api.url, now: () => t });
    const before = api.tokensIssued;
    const r = await openapi.sendGroupMessage({ openConversationId: 'cidXYZ', robotCode: 'ding-robot-1', reply: digest });
    expect(r.processQueryKey).toMatch(/^pq-/);
    await openapi.sendGroupMessage({ openConversationId: 'cidXYZ', robotCode: 'ding-robot-1', reply: digest });
    expect(api.tokensIssued - before).toBe(1);

    const tokenReq = api.on('/v1.0/oauth2/accessToken').at(-1)!;
    expect(tokenReq.body).toEqual({ appKey: 'ding-app-key', appSecret: 'ding-app-secret' });
    const send = api.on('/v1.0/robot/groupMessages/send').at(-1)!;
    expect(send.headers['x-acs-dingtalk-access-token']).toBe(`token-${api.tokensIssued}`);
    expect(send.body).toMatchObject({ robotCode: 'ding-robot-1', openConversationId: 'cidXYZ', msgKey: 'sampleMarkdown' });
    expect(JSON.parse(send.body.msgParam)).toEqual({ title: 'Daily digest', text: '### 每日安全摘要\n\n2 new findings' });

    // Refreshed five minutes before DingTalk's expiry, not after.
    t += 7200_000 - 5 * 60_000;
    await openapi.sendGroupMessage({ openConversationId: 'cidXYZ', robotCode: 'ding-robot-1', reply: digest });
    expect(api.tokensIssued - before).toBe(2);
  });

  it('fetches one token for concurrent sends', async () => {
    const openapi = createOpenApi({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret', apiBaseUrl: api.url });
    const before = api.tokensIssued;
    await Promise.all([1, 2, 3].map(() => openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest })));
    expect(api.tokensIssued - before).toBe(1);
  });

  it('explains refused credentials without leaking the secret', async () => {
    const openapi = createOpenApi({ clientId: 'ding-app-key', clientSecret: 'wrong-secret-value', apiBaseUrl: api.url });
    const err = await openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhoownsError);
    expect((err as WhoownsError).messages.en).toContain('DINGTALK_CLIENT_SECRET');
    expect((err as WhoownsError).messages.zh).toContain('AppSecret');
    expect(JSON.stringify((err as WhoownsError).messages)).not.toContain('wrong-secret-value');
  });

  it('reports a refused send and fetches a fresh token afterwards', async () => {
    const openapi = createOpenApi({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret', apiBaseUrl: api.url });
    await openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest });
    const before = api.tokensIssued;
    api.failNextGroupSend(403);
    const err = (await openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest }).catch((e: unknown) => e)) as WhoownsError;
    expect(err.messages.en).toContain('HTTP 403 Forbidden.AccessDenied');
    expect(err.messages.en).not.toContain('token-');
    await openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest });
    expect(api.tokensIssued - before).toBe(1);
  });

  it('says so when DingTalk is unreachable', async () => {
    const openapi = createOpenApi({ clientId: 'k', clientSecret: 's', apiBaseUrl: await closedPortUrl() });
    const err = (await openapi.sendGroupMessage({ openConversationId: 'c', robotCode: 'r', reply: digest }).catch((e: unknown) => e)) as WhoownsError;
    expect(err.code).toBe('ENDPOINT_UNREACHABLE');
    expect(err.messages.en).toContain('ECONNREFUSED');
  });
});

describe('sendCustomRobot', () => {
  it('signs the request the way DingTalk checks it', async () => {
    await sendCustomRobot(
      { webhookUrl: `${api.url}/robot/send?access_token=robot-token`, secret: 'SECtest-secret', reply: textReply('digest ready') },
      { now: () => 1_700_000_000_000 },
    );
    const req = api.on('/robot/send').at(-1)!;
    expect(req.query.get('timestamp')).toBe('1700000000000');
    expect(req.body).toEqual({ msgtype: 'markdown', markdown: { title: 'digest ready', text: 'digest ready' } });
  });

  it('matches the documented signature example form', () => {
    // base64 output may contain + / =, which must arrive urlencoded.
    expect(customRobotSign('SECabc', 1)).toMatch(/^[A-Za-z0-9%]+$/);
    expect(decodeURIComponent(customRobotSign('SECabc', 1))).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('rejects a wrong secret with a message that does not quote the URL or secret', async () => {
    const err = (await sendCustomRobot({ webhookUrl: `${api.url}/robot/send?access_token=robot-token`, secret: 'SECwrong', reply: textReply('x') }).catch(
      (e: unknown) => e,
    )) as WhoownsError;
    expect(err.messages.en).toContain('errcode 310000');
    expect(JSON.stringify(err.messages)).not.toMatch(/robot-token|SECwrong|127\.0\.0\.1/);
  });

  it('rejects a malformed webhook URL without echoing it', async () => {
    const err = (await sendCustomRobot({ webhookUrl: 'not a url access_token=abc', reply: textReply('x') }).catch((e: unknown) => e)) as WhoownsError;
    expect(err.code).toBe('CONFIG_INVALID');
    expect(JSON.stringify(err.messages)).not.toContain('abc');
  });
});

async function closedPortUrl(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
