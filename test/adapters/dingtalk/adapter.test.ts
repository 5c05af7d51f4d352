import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textReply, type Reply } from '../../../src/chat/message.js';
import type { ChatContext, ChatRequest, Dispatch } from '../../../src/chat/types.js';
import { createLogger } from '../../../src/core/logger.js';
import { createDingTalkAdapter, type DingTalkAdapter, type DingTalkAdapterOptions } from '../../../src/adapters/dingtalk/index.js';
import { robotPayload } from './builders.js';
import { startFakeApi, type FakeApi } from './fake-api.js';
import { startFakeGateway, TOPIC_ROBOT, type FakeGateway } from './fake-gateway.js';

// The real DWClient from dingtalk-stream, connected to a local gateway; replies land on a local
// HTTP server standing in for the session webhook.

const SESSION = 'secret-session-5f2a';

interface Harness {
  gateway: FakeGateway;
  api: FakeApi;
  adapter: DingTalkAdapter;
  calls: { req: ChatRequest; ctx: ChatContext }[];
  logs: Record<string, any>[];
  /** The lines as pino wrote them: JSON.parse would hide a key written twice. */
  raw: string[];
  /** Resolves when dispatch has handled n messages (reply included). */
  handled(n: number): Promise<void>;
  payload: typeof robotPayload;
}

const open: { stop(): Promise<void> }[] = [];

async function harness(over: Partial<DingTalkAdapterOptions> & { respond?: (req: ChatRequest, ctx: ChatContext) => Promise<void> } = {}): Promise<Harness> {
  const gateway = await startFakeGateway();
  const api = await startFakeApi();
  const logs: Record<string, any>[] = [];
  const raw: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (s: string) => void (raw.push(s), logs.push(JSON.parse(s))) } });
  const calls: Harness['calls'] = [];
  let done = 0;
  const waiters: (() => void)[] = [];
  const respond = over.respond ?? (async (req, ctx) => ctx.reply(textReply(`${req.command}: ${req.text}`)));
  const dispatch: Dispatch = async (req, ctx) => {
    calls.push({ req, ctx });
    try {
      await respond(req, ctx);
    } finally {
      done += 1;
      for (const w of waiters.splice(0)) w();
    }
  };
  const adapter = createDingTalkAdapter({
    clientId: 'ding-app-key',
    clientSecret: 'ding-app-secret',
    dispatch,
    log,
    endpointOverride: gateway.openUrl,
    apiBaseUrl: api.url,
    ...over,
  });
  open.push({ stop: async () => (await adapter.stop(), await gateway.close(), await api.close()) });
  await adapter.start();
  await gateway.waitForConnections(1);
  const handled = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dispatch did not finish ${n} messages`)), 5000);
      const check = () => (done >= n ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  const payload: typeof robotPayload = (o = {}) => robotPayload({ sessionWebhook: `${api.url}/robot/sendBySession?session=${SESSION}`, ...o });
  return { gateway, api, adapter, calls, logs, raw, handled, payload };
}

beforeEach(() => {
  // dingtalk-stream prints "connect success", "Disconnecting." and socket errors with console.*
  // whatever `debug` says; keep test output readable.
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(async () => {
  for (const h of open.splice(0)) await h.stop();
  vi.restoreAllMocks();
});

const noSecretsIn = (logs: unknown[]) => {
  const all = JSON.stringify(logs);
  expect(all).not.toContain(SESSION);
  expect(all).not.toContain('ding-app-secret');
};

describe('DingTalk adapter over the stream protocol', () => {
  it('answers a group question, @-mentioning the asker, and acks the callback', async () => {
    const h = await harness();
    const messageId = h.gateway.sendCallback(h.payload({ msgId: 'm-1', content: ' @whoowns 谁负责补丁' }));
    await h.handled(1);

    const ack = await h.gateway.waitForAck(messageId);
    expect(ack.code).toBe(200);
    expect(JSON.parse(ack.data)).toHaveProperty('response');

    const { req, ctx } = h.calls[0]!;
    expect(req).toEqual({ command: 'ask', text: '谁负责补丁' });
    expect(ctx.locale).toBe('zh');
    expect(ctx.platform).toBe('dingtalk');
    expect(ctx.user).toEqual({ platform: 'dingtalk', id: 'staff01', name: 'Li Lei' });
    expect(ctx.place).toEqual({ id: 'cid-group-1', kind: 'group' });

    const post = await h.api.waitFor('/robot/sendBySession');
    expect(post.query.get('session')).toBe(SESSION);
    expect(post.body.msgtype).toBe('markdown');
    expect(post.body.at).toEqual({ atUserIds: ['staff01'], isAtAll: false });
    expect(post.body.markdown.text).toBe('ask: 谁负责补丁\n\n@staff01');

    const msgLog = h.logs.find((l) => l.msg === 'robot message');
    expect(msgLog).toMatchObject({ platform: 'dingtalk', user: 'staff01', conversation: 'cid-group-1', msgId: 'm-1', command: 'ask' });
    // One log vocabulary: the platform is named once per line, never twice under one key or under two.
    for (const line of h.raw) {
      expect(line.match(/"platform":/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(line).not.toMatch(/"adapter":|"error":/);
    }
    noSecretsIn(h.logs);
  });

  it('subscribes only to robot callbacks, with our user agent', async () => {
    const h = await harness();
    expect(h.gateway.openRequests[0]).toMatchObject({ clientId: 'ding-app-key', ua: 'whoowns', subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }] });
  });

  it('maps command words with or without a slash, in a direct chat without a mention', async () => {
    const h = await harness();
    h.gateway.sendCallback(h.payload({ content: ' /posture sg', conversationType: '1' }));
    h.gateway.sendCallback(h.payload({ content: 'posture sg', conversationType: '1' }));
    h.gateway.sendCallback(h.payload({ content: ' 帮助' }));
    await h.handled(3);
    const byText = h.calls.map((c) => [c.req.command, c.req.text, c.ctx.locale, c.ctx.place.kind]);
    expect(byText).toEqual(
      expect.arrayContaining([
        ['posture', 'sg', 'en', 'direct'],
        ['posture', 'sg', 'en', 'direct'],
        ['help', '', 'zh', 'group'],
      ]),
    );
    await h.api.waitFor('/robot/sendBySession', 3);
    const direct = h.api.on('/robot/sendBySession').filter((r) => r.body.markdown.text.startsWith('posture'));
    expect(direct).toHaveLength(2);
    for (const r of direct) expect(r.body.at).toBeUndefined();
  });

  it('answers a redelivered message once and acks both deliveries', async () => {
    const h = await harness();
    const p = h.payload({ msgId: 'dup-1' });
    const first = h.gateway.sendCallback(p);
    await h.handled(1);
    const second = h.gateway.sendCallback(p);
    await h.gateway.waitForAck(second);
    await h.gateway.waitForAck(first);
    // One more message proves the duplicate was processed (and skipped) before it.
    h.gateway.sendCallback(h.payload({ msgId: 'after-dup' }));
    await h.handled(2);
    expect(h.calls.map((c) => c.ctx.log.bindings().msgId)).toEqual(['dup-1', 'after-dup']);
    expect(h.logs.some((l) => l.msg === 'duplicate delivery ignored' && l.msgId === 'dup-1')).toBe(true);
  });

  it('acks and logs malformed callbacks and frames, and keeps working', async () => {
    const h = await harness();
    const bad = h.gateway.sendCallback('{"msgId": "x", oops');
    const { sessionWebhook: _s, ...noWebhook } = h.payload({ msgId: 'no-hook' });
    const missing = h.gateway.sendCallback(noWebhook);
    h.gateway.sendRaw('this is not a frame');
    await h.gateway.waitForAck(bad);
    await h.gateway.waitForAck(missing);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(1);
    expect(h.calls).toHaveLength(1);
    const ignored = h.logs.filter((l) => l.msg === 'robot message ignored');
    expect(ignored.map((l) => l.reason)).toEqual(['data is not JSON', 'missing or invalid fields: sessionWebhook']);
    expect(h.logs.some((l) => l.msg === 'ignored a DingTalk frame that could not be handled')).toBe(true);
    noSecretsIn(h.logs);
  });

  it('turns a throwing command into a short error reply in the asker\'s language', async () => {
    const h = await harness({
      respond: async () => {
        throw new Error('boom: database is locked');
      },
    });
    h.gateway.sendCallback(h.payload({ content: ' 谁负责补丁' }));
    const post = await h.api.waitFor('/robot/sendBySession');
    expect(post.body.markdown.text).toContain('内部错误');
    expect(post.body.markdown.text).not.toContain('boom');
    expect(h.logs.some((l) => l.msg === 'command failed' && l.level === 50)).toBe(true);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(2);
  });

  it('drops a reply to an expired session webhook with a logged reason', async () => {
    const h = await harness();
    h.gateway.sendCallback(h.payload({ msgId: 'late', sessionWebhookExpiredTime: Date.now() - 1000 }));
    await h.handled(1);
    expect(h.api.on('/robot/sendBySession')).toHaveLength(0);
    expect(h.logs.find((l) => l.msg === 'reply dropped')).toMatchObject({ reason: 'session webhook expired', msgId: 'late' });
    noSecretsIn(h.logs);
  });

  it('logs a reply the session webhook refuses, without the webhook', async () => {
    const h = await harness();
    h.gateway.sendCallback(h.payload({ msgId: 'revoked-1', sessionWebhook: `${h.api.url}/robot/sendBySession?session=revoked-${SESSION}` }));
    await h.handled(1);
    expect(h.logs.find((l) => l.msg === 'reply not delivered')).toMatchObject({ reason: 'session webhook refused', errcode: '300005', msgId: 'revoked-1' });
    noSecretsIn(h.logs);
  });

  it.each([
    ['a loopback port that is not the configured API', 'http://127.0.0.1:9999/robot/sendBySession', '127.0.0.1:9999'],
    ['the instance metadata service', 'http://100.100.100.200/latest/meta-data', '100.100.100.200'],
    ['DingTalk over plain http', 'http://oapi.dingtalk.com/robot/sendBySession', 'oapi.dingtalk.com'],
    ['a look-alike host', 'https://oapi.dingtalk.com.evil.example/robot/sendBySession', 'oapi.dingtalk.com.evil.example'],
    ['DingTalk on another port', 'https://oapi.dingtalk.com:8443/robot/sendBySession', 'oapi.dingtalk.com:8443'],
  ])('never posts to a session webhook on %s, and logs only its host', async (_what, hook, host) => {
    const posted: string[] = [];
    const h = await harness({ fetch: (async (url, init) => (posted.push(String(url)), fetch(url, init))) as typeof fetch });
    h.gateway.sendCallback(h.payload({ msgId: 'evil-hook', sessionWebhook: `${hook}?session=${SESSION}` }));
    h.gateway.sendCallback(h.payload({ msgId: 'good-hook', content: 'help' }));
    await h.handled(1);
    await h.api.waitFor('/robot/sendBySession');
    expect(posted.filter((u) => !u.startsWith(h.api.url) && u !== h.gateway.openUrl)).toEqual([]);
    expect(h.calls.map((c) => c.ctx.log.bindings().msgId)).toEqual(['good-hook']);
    expect(h.logs.find((l) => l.msgId === 'evil-hook' && l.msg === 'robot message ignored')).toMatchObject({ reason: 'session webhook host not allowed', host });
    noSecretsIn(h.logs);
  });

  it('does not follow a redirect from a session webhook', async () => {
    const h = await harness();
    h.gateway.sendCallback(h.payload({ msgId: 'redirected', sessionWebhook: `${h.api.url}/robot/redirect?session=${SESSION}` }));
    await h.handled(1);
    await h.api.waitFor('/robot/redirect');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.api.on('/robot/sendBySession')).toHaveLength(0);
    expect(h.logs.find((l) => l.msg === 'reply not delivered')).toMatchObject({ reason: 'session webhook refused', msgId: 'redirected' });
    noSecretsIn(h.logs);
  });

  it('sends proactive group messages through the API', async () => {
    const h = await harness();
    await h.adapter.sendGroupMessage({ openConversationId: 'cid-digest', robotCode: 'ding-robot-1', reply: textReply('digest') });
    const sent = await h.api.waitFor('/v1.0/robot/groupMessages/send');
    expect(sent.body).toMatchObject({ openConversationId: 'cid-digest', msgKey: 'sampleMarkdown' });
  });

  it('refuses to start without credentials, naming the settings', () => {
    expect(() => createDingTalkAdapter({ clientId: '', clientSecret: '', dispatch: async () => {}, log: createLogger() })).toThrow(/DINGTALK_CLIENT_ID/);
  });

  it('sends replies with buttons as an ActionCard that sends the command back', async () => {
    const card: Reply = {
      summary: '2 findings',
      blocks: [
        { type: 'text', text: '2 findings' },
        { type: 'actions', buttons: [{ label: 'Security groups', command: 'posture sg' }] },
      ],
    };
    const h = await harness({ respond: (_req, ctx) => ctx.reply(card) });
    h.gateway.sendCallback(h.payload({ content: 'posture' }));
    const post = await h.api.waitFor('/robot/sendBySession');
    expect(post.body.msgtype).toBe('actionCard');
    expect(post.body.actionCard.btns).toEqual([{ title: 'Security groups', actionURL: 'dtmd://dingtalkclient/sendMessage?content=posture%20sg' }]);
    expect(post.body.actionCard.text).toMatch(/mention me with the same words[\s\S]*\n@staff01$/);
  });
});

describe('DingTalk connection upkeep', () => {
  it('reconnects after the gateway drops the connection and keeps answering', async () => {
    const h = await harness();
    h.gateway.dropConnections();
    await h.gateway.waitForConnections(2, 5000);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(1);
    expect(h.gateway.openRequests).toHaveLength(2);
  });

  it('reconnects when the gateway announces a disconnect', async () => {
    const h = await harness();
    h.gateway.sendDisconnect();
    await h.gateway.waitForConnections(2, 5000);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(1);
  });

  it('the watchdog reconnects a silent connection, but not one that is pinged', async () => {
    const h = await harness({ watchdogMs: 400 });
    const ping = setInterval(() => h.gateway.connections === 1 && h.gateway.sendPing(), 100);
    await new Promise((r) => setTimeout(r, 900));
    clearInterval(ping);
    expect(h.gateway.connections).toBe(1);
    expect(h.gateway.received.some((f) => f.code === 200 && JSON.parse(f.data).opaque)).toBe(true);
    // Now silence: within watchdogMs + the SDK's 1 s reconnect delay there is a new connection.
    await h.gateway.waitForConnections(2, 4000);
    expect(h.logs.some((l) => l.msg === 'nothing from DingTalk for too long; reconnecting')).toBe(true);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(1);
  });

  it('retries a gateway outage once a second and logs it once', async () => {
    const h = await harness();
    h.gateway.setUnavailable('open');
    const before = h.gateway.openRequests.length;
    h.gateway.dropConnections();
    await new Promise((r) => setTimeout(r, 2300));
    expect(h.gateway.openRequests.length - before).toBeGreaterThanOrEqual(1);
    expect(h.gateway.openRequests.length - before).toBeLessThanOrEqual(3);
    h.gateway.setUnavailable(false);
    await h.gateway.waitForConnections(2, 3000);
    expect(h.logs.filter((l) => l.msg === 'DingTalk stream gateway unavailable; retrying every second')).toHaveLength(1);
  });

  it('does not multiply retries when the WebSocket itself is refused', async () => {
    const h = await harness();
    h.gateway.setUnavailable('socket');
    const before = h.gateway.upgrades;
    h.gateway.dropConnections();
    await new Promise((r) => setTimeout(r, 3300));
    // The stock DWClient retries twice per failure (connect's catch and the close handler): 1+2+4+8 by now.
    expect(h.gateway.upgrades - before).toBeGreaterThanOrEqual(2);
    expect(h.gateway.upgrades - before).toBeLessThanOrEqual(4);
    h.gateway.setUnavailable(false);
    await h.gateway.waitForConnections(2, 3000);
    h.gateway.sendCallback(h.payload({ content: 'help' }));
    await h.handled(1);
  });

  it('logs refused credentials without the secret', async () => {
    const gateway = await startFakeGateway({ clientSecret: 'the-right-one' });
    const logs: Record<string, any>[] = [];
    const adapter = createDingTalkAdapter({
      clientId: 'ding-app-key',
      clientSecret: 'ding-app-secret',
      dispatch: async () => {},
      log: createLogger({ destination: { write: (s: string) => void logs.push(JSON.parse(s)) } }),
      endpointOverride: gateway.openUrl,
    });
    open.push({ stop: async () => (await adapter.stop(), await gateway.close()) });
    await adapter.start();
    expect(logs.find((l) => l.level === 50)?.msg).toContain('DINGTALK_CLIENT_SECRET');
    noSecretsIn(logs);
  });

  it('stays down after stop()', async () => {
    const h = await harness();
    await h.adapter.stop();
    await new Promise((r) => setTimeout(r, 1300));
    expect(h.gateway.connections).toBe(1);
    expect(h.gateway.openRequests).toHaveLength(1);
  });
});
