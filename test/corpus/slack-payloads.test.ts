import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { encodeButtonValue } from '../../src/adapters/slack/button-value.js';
import { textReply } from '../../src/chat/message.js';
import type { ChatRequest } from '../../src/chat/types.js';
import { createLogger } from '../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, JSON_TYPE, SECRET, blockAction, eventCallback, post, sign } from '../adapters/slack/slack-requests.js';

// Slack payloads that are missing fields, replayed, or too old: answered 200/401 as Slack
// expects, logged with a reason, and never dispatched.

interface Bot {
  fake: FakeSlack;
  adapter: SlackAdapter;
  events: string;
  dispatched: ChatRequest[];
  logs: Record<string, unknown>[];
  /** Log lines whose message matches. */
  logged(msg: RegExp): Record<string, unknown>[];
}

const open: Bot[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) {
    await b.adapter.stop().catch(() => undefined);
    await b.fake.close();
  }
});

async function bot(): Promise<Bot> {
  const fake = await startFakeSlack();
  const dispatched: ChatRequest[] = [];
  const logs: Record<string, unknown>[] = [];
  const adapter = createSlackAdapter({
    botToken: 'xoxb-payload-tests',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    log: createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) } }),
    retry: { retries: 0, minTimeoutMs: 10, maxTimeoutMs: 10 },
    dispatch: async (req, ctx) => {
      dispatched.push(req);
      await ctx.reply(textReply('ok'));
    },
  });
  await adapter.start();
  const b: Bot = {
    fake,
    adapter,
    events: `http://127.0.0.1:${adapter.port()}/slack/events`,
    dispatched,
    logs,
    logged: (msg) => logs.filter((l) => msg.test(String(l.msg))),
  };
  open.push(b);
  return b;
}

/** Give the adapter time to (not) act on an acked request. */
const settle = () => new Promise((r) => setTimeout(r, 250));

function slash(fields: Record<string, string | undefined>): string {
  const base: Record<string, string | undefined> = {
    token: 'legacy-verification-token',
    team_id: 'T1',
    channel_id: 'C1',
    channel_name: 'ops',
    user_id: 'U1',
    user_name: 'alice',
    api_app_id: 'A1',
    trigger_id: `trig-${Math.random().toString(36).slice(2)}`,
    command: '/whoowns',
    text: 'who patches the OS?',
    ...fields,
  };
  return new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined)).toString();
}

describe('slash commands with missing fields are not processed', () => {
  it.each([
    ['no text', { text: undefined }],
    ['no user_id', { user_id: undefined }],
    ['no channel_id', { channel_id: undefined }],
    ['no response_url', {}],
  ])('%s', async (_name, fields) => {
    const b = await bot();
    const withUrl = _name === 'no response_url' ? fields : { response_url: b.fake.respondUrl('x'), ...fields };
    const res = await post(b.events, slash(withUrl), FORM);
    expect(res.status).toBeLessThan(500);
    await settle();
    expect(b.dispatched).toEqual([]);
    expect(b.logged(/slack payload ignored/)).not.toEqual([]);
  });
});

describe('events with missing fields are not processed', () => {
  it.each([
    ['mention without user', { type: 'app_mention', text: '<@UBOT> hi', ts: '1700000000.000001', channel: 'C1', event_ts: '1' }],
    ['mention without text', { type: 'app_mention', user: 'U1', ts: '1700000000.000002', channel: 'C1', event_ts: '1' }],
    ['mention without channel', { type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts: '1700000000.000003', event_ts: '1' }],
    ['DM without channel', { type: 'message', channel_type: 'im', user: 'U1', text: 'hi', ts: '1700000000.000004' }],
  ])('%s', async (_name, event) => {
    const b = await bot();
    const res = await post(b.events, eventCallback(event), JSON_TYPE);
    expect(res.status).toBeLessThan(500);
    await settle();
    expect(b.dispatched).toEqual([]);
    expect(b.logged(/slack payload ignored/)).not.toEqual([]);
  });

  it('an event callback with no event at all', async () => {
    const b = await bot();
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev-empty' });
    const res = await post(b.events, body, JSON_TYPE);
    expect(res.status).toBeLessThan(500);
    await settle();
    expect(b.dispatched).toEqual([]);
  });

  it('a button press without a user', async () => {
    const b = await bot();
    const raw = blockAction({ action_id: 'whoowns_cmd_0', value: encodeButtonValue({ cmd: 'help', lang: 'en' })! }, b.fake.respondUrl('btn'));
    const payload = JSON.parse(new URLSearchParams(raw).get('payload')!) as Record<string, unknown>;
    delete payload.user;
    // Bolt itself chokes on this one (500, logged by its error handler); it must still not run.
    await post(b.events, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    await settle();
    expect(b.dispatched).toEqual([]);
    expect(b.logs.some((l) => Number(l.level) >= 40)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${b.adapter.port()}/healthz`)).status).toBe(200);
  });
});

describe('replayed and stale requests', () => {
  it('a signed slash command sent twice is answered once and the replay is logged', async () => {
    const b = await bot();
    const body = slash({ response_url: b.fake.respondUrl('once') });
    const ts = Math.floor(Date.now() / 1000);
    expect((await post(b.events, body, FORM, { timestamp: ts })).status).toBe(200);
    expect((await post(b.events, body, FORM, { timestamp: ts, signature: sign(body, ts) })).status).toBe(200);
    await settle();
    expect(b.dispatched).toHaveLength(1);
    expect(b.logged(/slack request refused/)).toMatchObject([{ reason: 'replayed' }]);
  });

  it('a signed button press sent twice runs once', async () => {
    const b = await bot();
    const body = blockAction({ action_id: 'whoowns_cmd_0', value: encodeButtonValue({ cmd: 'help', lang: 'en' })! }, b.fake.respondUrl('btn2'));
    await post(b.events, body, FORM);
    await post(b.events, body, FORM);
    await settle();
    expect(b.dispatched).toHaveLength(1);
    expect(b.logged(/slack request refused/)).toMatchObject([{ reason: 'replayed' }]);
  });

  it('a signed event sent twice is answered once and the duplicate is logged', async () => {
    const b = await bot();
    const body = eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts: '1700000000.000009', channel: 'C1', event_ts: '1' });
    await post(b.events, body, JSON_TYPE);
    await post(b.events, body, JSON_TYPE);
    await settle();
    expect(b.dispatched).toHaveLength(1);
    expect(b.logged(/slack request refused/)).toMatchObject([{ reason: 'replayed' }]);
  });

  it('a request signed more than five minutes ago is refused with 401 and logged', async () => {
    const b = await bot();
    const ts = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    const res = await post(b.events, slash({ response_url: b.fake.respondUrl('old') }), FORM, { timestamp: ts });
    expect(res.status).toBe(401);
    await settle();
    expect(b.dispatched).toEqual([]);
    expect(b.logs.some((l) => /verif|signature|timestamp|stale/i.test(String(l.msg)))).toBe(true);
  });

  it('a request signed in the future is acked but never handled, and logged', async () => {
    const b = await bot();
    const ts = Math.floor(Date.now() / 1000) + 10 * 60;
    await post(b.events, slash({ response_url: b.fake.respondUrl('future') }), FORM, { timestamp: ts });
    await settle();
    expect(b.dispatched).toEqual([]);
    expect(b.logged(/slack request refused/)).toMatchObject([{ reason: 'timestamp in the future' }]);
  });

  it('an unsigned request is refused with 401', async () => {
    const b = await bot();
    const res = await fetch(b.events, { method: 'POST', headers: { 'content-type': FORM }, body: slash({ response_url: b.fake.respondUrl('u') }) });
    expect(res.status).toBe(401);
    await settle();
    expect(b.dispatched).toEqual([]);
  });

  it('a body that is not JSON or a form is refused without a crash', async () => {
    const b = await bot();
    for (const [body, type] of [['{"type": "event_callback", oops', JSON_TYPE], ['payload=%7Bnot-json', FORM], ['\u0000\u0001', 'application/octet-stream']] as const) {
      const res = await post(b.events, body, type);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    await settle();
    expect(b.dispatched).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${b.adapter.port()}/healthz`)).status).toBe(200);
  });
});
