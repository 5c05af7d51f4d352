import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { DWClientDownStream } from 'dingtalk-stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDingTalkAdapter } from '../../src/adapters/dingtalk/index.js';
import { createSeenSet } from '../../src/adapters/dingtalk/dedupe.js';
import { handleRobotCallback } from '../../src/adapters/dingtalk/robot-callback.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../src/adapters/slack/index.js';
import { textReply } from '../../src/chat/message.js';
import type { ChatRequest } from '../../src/chat/types.js';
import { createLogger } from '../../src/core/logger.js';
import { robotPayload } from '../adapters/dingtalk/builders.js';
import { startFakeApi } from '../adapters/dingtalk/fake-api.js';
import { startFakeGateway } from '../adapters/dingtalk/fake-gateway.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, JSON_TYPE, SECRET, eventCallback, post, slashCommand } from '../adapters/slack/slack-requests.js';

// Chat platforms misbehaving: rate limits, dead response URLs, an unreachable API, a session
// webhook that is gone, a stream that drops. The bot keeps serving, and every message it could
// not deliver is logged with the reason (never with the URL or token).

type Line = Record<string, unknown>;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s().catch(() => undefined);
});

function capture(): { log: ReturnType<typeof createLogger>; lines: Line[] } {
  const lines: Line[] = [];
  return { log: createLogger({ level: 'debug', destination: { write: (l: string) => void lines.push(JSON.parse(l) as Line) } }), lines };
}

async function until<T>(pick: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = pick();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port with nothing listening (taken, then released). */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('Slack', () => {
  const TOKEN = 'xoxb-chat-faults-token';

  async function slackBot(extra: Partial<SlackAdapterOptions> = {}, fake?: FakeSlack) {
    const f = fake ?? (await startFakeSlack());
    if (!fake) stops.push(() => f.close());
    const { log, lines } = capture();
    const seen: ChatRequest[] = [];
    const adapter: SlackAdapter = createSlackAdapter({
      botToken: TOKEN,
      signingSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: f.apiUrl,
      botId: 'BBOT',
      botUserId: 'UBOT',
      log,
      retry: { retries: 2, minTimeoutMs: 20, maxTimeoutMs: 100 },
      dispatch: async (req, ctx) => {
        seen.push(req);
        await ctx.reply(textReply(`answer to ${req.text}`, { ephemeral: req.text.includes('private') }));
      },
      ...extra,
    });
    await adapter.start();
    stops.push(() => adapter.stop());
    const events = `http://127.0.0.1:${adapter.port()}/slack/events`;
    const healthy = async () => (await fetch(`http://127.0.0.1:${adapter.port()}/healthz`)).status === 200;
    return { fake: f, adapter, events, lines, seen, healthy };
  }

  const notDelivered = (lines: Line[]) => lines.filter((l) => l.msg === 'slack message not delivered');

  it('a response_url that is gone (404) is not retried; the loss is logged with its reason and the bot keeps serving', async () => {
    const b = await slackBot();
    b.fake.fail('respond', 2, { kind: 'error', status: 404 });
    await post(b.events, slashCommand({ command: '/whoowns', text: 'lost', response_url: b.fake.respondUrl('gone') }), FORM);
    await until(() => b.lines.some((l) => l.msg === 'error reply not delivered'));
    expect(b.fake.attempts('respond')).toBe(2); // the answer once, the error reply once
    expect(notDelivered(b.lines)[0]).toMatchObject({ route: 'response_url', reason: 'http 404' });
    await post(b.events, slashCommand({ command: '/whoowns', text: 'next', response_url: b.fake.respondUrl('next') }), FORM);
    await b.fake.waitFor(() => b.fake.responses.find((r) => r.id === 'next'));
    expect(await b.healthy()).toBe(true);
    expect(JSON.stringify(b.lines)).not.toContain(TOKEN);
    expect(JSON.stringify(b.lines)).not.toContain('/respond/gone');
  });

  // Bolt's respond() does not expose Retry-After; the retry backs off instead (1 s, 2 s, 4 s in production).
  it('a response_url answering 429 is retried with backoff and delivered', async () => {
    const b = await slackBot();
    b.fake.fail('respond', 1, { kind: 'ratelimit', retryAfterSec: 1 });
    await post(b.events, slashCommand({ command: '/whoowns', text: 'limited', response_url: b.fake.respondUrl('rl') }), FORM);
    const answer = await b.fake.waitFor(() => b.fake.responses.find((r) => r.id === 'rl'), 8000);
    expect(answer.body.text).toBe('answer to limited');
    expect(b.fake.attempts('respond')).toBe(2);
  });

  it('chat.postEphemeral answering 429 with Retry-After waits that long, then delivers', async () => {
    const b = await slackBot();
    b.fake.fail('chat.postEphemeral', 1, { kind: 'ratelimit', retryAfterSec: 1 });
    const t0 = Date.now();
    await post(b.events, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> private please', ts: '1700000000.000100', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    const call = await b.fake.waitFor(() => b.fake.callsTo('chat.postEphemeral')[0], 8000);
    expect(call.at - t0).toBeGreaterThanOrEqual(900);
    expect(b.fake.attempts('chat.postEphemeral')).toBe(2);
    expect(notDelivered(b.lines)).toEqual([]);
  });

  it('Slack unreachable: each lost reply is logged with the network reason, and the bot stays up', async () => {
    const fake = await startFakeSlack();
    stops.push(() => fake.close());
    const b = await slackBot({ apiUrl: `http://127.0.0.1:${await deadPort()}/api/`, retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 20 } }, fake);
    await post(b.events, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> hello', ts: '1700000000.000200', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    await until(() => b.lines.some((l) => l.msg === 'error reply not delivered'), 15_000);
    const lost = notDelivered(b.lines);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]).toMatchObject({ route: 'chat.postMessage' });
    expect(lost[0]!.reason).toBe('fetch failed (ECONNREFUSED)');
    expect(b.seen).toHaveLength(1);
    expect(await b.healthy()).toBe(true);
  });
});

describe('DingTalk', () => {
  const SESSION = 'session-secret-9c1d';

  async function reply(sessionWebhook: string) {
    const { log, lines } = capture();
    const dispatched: ChatRequest[] = [];
    const frame = { headers: { messageId: 'f1' }, data: JSON.stringify(robotPayload({ sessionWebhook, content: '谁负责补丁' })) } as unknown as DWClientDownStream;
    await handleRobotCallback(frame, {
      dispatch: async (req, ctx) => {
        dispatched.push(req);
        await ctx.reply(textReply('答案'));
      },
      log,
      seen: createSeenSet(),
      fetch,
      now: Date.now,
      // The local webhook stands in for a configured DINGTALK_API_URL (only its origin is allowed).
      apiBaseUrl: new URL(sessionWebhook).origin,
      ack: () => undefined,
    });
    return { lines, dispatched };
  }

  it('a session webhook nobody answers: the lost reply is logged with the network reason, never the URL', async () => {
    const r = await reply(`http://127.0.0.1:${await deadPort()}/robot/sendBySession?session=${SESSION}`);
    expect(r.dispatched).toHaveLength(1);
    expect(r.lines.find((l) => l.msg === 'reply not delivered')).toMatchObject({ reason: 'session webhook refused', failure: 'ECONNREFUSED' });
    expect(JSON.stringify(r.lines)).not.toContain(SESSION);
  });

  it('a session webhook answering an HTML 502 page: logged with the status', async () => {
    const server: Server = createHttpServer((_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const r = await reply(`http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/sendBySession?session=${SESSION}`);
    expect(r.lines.find((l) => l.msg === 'reply not delivered')).toMatchObject({ reason: 'session webhook refused', status: 502 });
    expect(JSON.stringify(r.lines)).not.toContain(SESSION);
  });

  describe('over the stream', () => {
    beforeEach(() => {
      // dingtalk-stream prints connection chatter with console.*.
      vi.spyOn(console, 'info').mockImplementation(() => {});
      vi.spyOn(console, 'warn').mockImplementation(() => {});
    });
    afterEach(() => void vi.restoreAllMocks());

    it('the stream drops mid-conversation: after reconnecting, a redelivered message is answered once', async () => {
      const gateway = await startFakeGateway();
      const api = await startFakeApi();
      stops.push(() => gateway.close(), () => api.close());
      const { log, lines } = capture();
      const dispatched: string[] = [];
      const adapter = createDingTalkAdapter({
        clientId: 'ding-app-key',
        clientSecret: 'ding-app-secret',
        log,
        endpointOverride: gateway.openUrl,
        apiBaseUrl: api.url,
        dispatch: async (req, ctx) => {
          dispatched.push(req.text);
          await ctx.reply(textReply('ok'));
        },
      });
      stops.push(() => adapter.stop());
      await adapter.start();
      await gateway.waitForConnections(1);
      const msg = robotPayload({ msgId: 'm-across-drop', content: '谁负责补丁', sessionWebhook: `${api.url}/robot/sendBySession?session=${SESSION}` });
      const first = gateway.sendCallback(msg);
      await gateway.waitForAck(first);
      await api.waitFor('/robot/sendBySession', 1);
      gateway.dropConnections();
      await gateway.waitForConnections(2, 5000);
      // The gateway did not see the ack before the drop and sends the message again.
      const again = gateway.sendCallback(msg);
      await gateway.waitForAck(again);
      gateway.sendCallback(robotPayload({ msgId: 'm-after', content: 'help', sessionWebhook: `${api.url}/robot/sendBySession?session=${SESSION}` }));
      await api.waitFor('/robot/sendBySession', 2);
      expect(dispatched).toEqual(['谁负责补丁', '']);
      expect(lines.some((l) => l.msg === 'duplicate delivery ignored')).toBe(true);
      expect(JSON.stringify(lines)).not.toContain(SESSION);
    });
  });
});
