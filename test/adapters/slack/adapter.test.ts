import { afterEach, describe, expect, it } from 'vitest';
import { textReply, type Reply } from '../../../src/chat/message.js';
import type { ChatContext, ChatRequest, Dispatch } from '../../../src/chat/types.js';
import { createLogger } from '../../../src/core/logger.js';
import { isWhoownsError } from '../../../src/core/errors.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import { encodeButtonValue } from '../../../src/adapters/slack/button-value.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { FORM, JSON_TYPE, SECRET, blockAction, eventCallback, post, slashCommand } from './slack-requests.js';

// Everything goes through the real Bolt app in HTTP mode on 127.0.0.1, talking to a fake Slack.

const BOT_TOKEN = 'xoxb-test-bot-token-do-not-log';

interface Harness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  events: string;
  seen: { req: ChatRequest; ctx: ChatContext }[];
  logs: string[];
}

const open: Harness[] = [];

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.adapter.stop().catch(() => undefined);
    await h.fake.close();
  }
});

/** A dispatcher fake: records each request and answers with `answer` (or runs it for side effects). */
function recording(seen: Harness['seen'], answer: (req: ChatRequest, ctx: ChatContext) => Promise<Reply | undefined> | Reply | undefined): Dispatch {
  return async (req, ctx) => {
    seen.push({ req, ctx });
    const reply = await answer(req, ctx);
    if (reply) await ctx.reply(reply);
  };
}

async function harness(
  answer: (req: ChatRequest, ctx: ChatContext) => Promise<Reply | undefined> | Reply | undefined = (req) => textReply(`echo: ${req.text}`),
  extra: Partial<SlackAdapterOptions> = {},
): Promise<Harness> {
  const fake = await startFakeSlack();
  const seen: Harness['seen'] = [];
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    dispatch: recording(seen, answer),
    log,
    retry: { retries: 3, minTimeoutMs: 50, maxTimeoutMs: 200 },
    ...extra,
  });
  await adapter.start();
  const h = { fake, adapter, events: `http://127.0.0.1:${adapter.port()}/slack/events`, seen, logs };
  open.push(h);
  return h;
}

const texts = (body: Record<string, unknown>) => JSON.stringify(body);

describe('slash commands', () => {
  it('acks a signed /whoowns and answers at response_url with blocks', async () => {
    const h = await harness((req) => ({ summary: 'Answer', blocks: [{ type: 'header', text: 'Who owns it' }, { type: 'text', text: `**You** own ${req.text}` }] }));
    const res = await post(h.events, slashCommand({ command: '/whoowns', text: ' OS patching ', response_url: h.fake.respondUrl('r1') }), FORM);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'r1'));
    expect(answer.body).toMatchObject({ response_type: 'in_channel', replace_original: false, text: 'Answer' });
    expect(answer.body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Who owns it', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: '*You* own OS patching' } },
    ]);
    const { req, ctx } = h.seen[0]!;
    expect(req).toEqual({ command: 'whoowns', text: 'OS patching' });
    expect(ctx.platform).toBe('slack');
    expect(ctx.user).toEqual({ platform: 'slack', id: 'U1', name: 'alice', inGroups: expect.any(Function) });
    expect(ctx.place).toEqual({ id: 'C1', kind: 'group' });
    expect(ctx.locale).toBe('en');
    expect(h.fake.callsTo('auth.test')).toHaveLength(0);
  });

  it('maps /posture and /digest, detects Chinese, and sends ephemeral replies as ephemeral', async () => {
    const h = await harness((req) => textReply(req.command, { ephemeral: req.command === 'posture' }));
    await post(h.events, slashCommand({ command: '/posture', text: '安全组 检查', response_url: h.fake.respondUrl('p'), channel_id: 'D9', channel_name: 'directmessage' }), FORM);
    await post(h.events, slashCommand({ command: '/digest', text: '', response_url: h.fake.respondUrl('d') }), FORM);
    const p = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'p'));
    const d = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'd'));
    expect(p.body.response_type).toBe('ephemeral');
    expect(d.body.response_type).toBe('in_channel');
    const posture = h.seen.find((s) => s.req.command === 'posture')!;
    expect(posture.ctx.locale).toBe('zh');
    expect(posture.ctx.place.kind).toBe('direct');
    expect(h.seen.find((s) => s.req.command === 'digest')!.ctx.locale).toBe('en');
  });

  it('answers in the default locale when the text is empty', async () => {
    const h = await harness(undefined, { defaultLocale: 'zh' });
    await post(h.events, slashCommand({ command: '/whoowns', text: '', response_url: h.fake.respondUrl('e') }), FORM);
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'e'));
    expect(h.seen[0]!.ctx.locale).toBe('zh');
  });

  it('rejects a bad signature with 401 and never dispatches', async () => {
    const h = await harness();
    const res = await post(h.events, slashCommand({ command: '/whoowns', text: 'x', response_url: h.fake.respondUrl('bad') }), FORM, { secret: 'wrong' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.seen).toHaveLength(0);
    expect(h.fake.responses).toHaveLength(0);
  });

  it('rejects a stale timestamp (replay) and never dispatches', async () => {
    const h = await harness();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await post(h.events, slashCommand({ command: '/whoowns', text: 'x', response_url: h.fake.respondUrl('old') }), FORM, { timestamp: old });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.seen).toHaveLength(0);
  });

  it('acks within 3 s even when the handler takes 5 s, and answers later', async () => {
    const h = await harness(async () => {
      await new Promise((r) => setTimeout(r, 5000));
      return textReply('slow answer');
    });
    const res = await post(h.events, slashCommand({ command: '/whoowns', text: 'slow', response_url: h.fake.respondUrl('slow') }), FORM);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(h.fake.responses).toHaveLength(0);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'slow'), 8000);
    expect(answer.body.text).toBe('slow answer');
  });

  it('turns a throwing handler into a short ephemeral error and keeps serving', async () => {
    const h = await harness((req) => {
      if (req.text.includes('boom')) throw new Error('boom with xoxb-secret-in-message? no');
      return textReply('fine');
    });
    await post(h.events, slashCommand({ command: '/whoowns', text: '爆炸 boom 了吗 出错', response_url: h.fake.respondUrl('boom') }), FORM);
    const err = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'boom'));
    expect(err.body.response_type).toBe('ephemeral');
    expect(String(err.body.text)).toContain('抱歉');
    expect(h.logs.some((l) => l.includes('handler failed'))).toBe(true);
    await post(h.events, slashCommand({ command: '/whoowns', text: 'again', response_url: h.fake.respondUrl('again') }), FORM);
    const ok = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'again'));
    expect(ok.body.text).toBe('fine');
  });

  it('retries a response_url that answers 500', async () => {
    const h = await harness(() => textReply('eventually'));
    h.fake.fail('respond', 2, { kind: 'error', status: 500 });
    await post(h.events, slashCommand({ command: '/whoowns', text: 'x', response_url: h.fake.respondUrl('r5') }), FORM);
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'r5'));
    expect(h.fake.attempts('respond')).toBe(3);
  });

  it('renders handler text with mention tokens defused', async () => {
    const h = await harness(() => ({
      summary: 'hi <!channel>',
      blocks: [
        { type: 'header', text: '<!here> title' },
        { type: 'text', text: 'Ping <!channel> @here <@U123> <!everyone>' },
        { type: 'fields', fields: [{ label: '@channel', value: '<@U123>' }] },
      ],
    }));
    await post(h.events, slashCommand({ command: '/whoowns', text: 'x', response_url: h.fake.respondUrl('inj') }), FORM);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'inj'));
    const raw = texts(answer.body);
    for (const token of ['<!channel>', '<!here>', '<!everyone>', '@here', '@channel', '<@U123>']) expect(raw).not.toContain(token);
    expect(raw).toContain('&lt;!channel&gt;');
  });
});

describe('events', () => {
  it('strips the bot mention and replies in the thread', async () => {
    const h = await harness((req) => textReply(`you asked: ${req.text}`));
    const res = await post(
      h.events,
      eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> who owns OS patching?', ts: '1700000000.000001', channel: 'C1', event_ts: '1700000000.000001' }),
      JSON_TYPE,
    );
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0]);
    expect(h.seen[0]!.req).toEqual({ command: 'ask', text: 'who owns OS patching?' });
    expect(call.body).toMatchObject({ channel: 'C1', thread_ts: '1700000000.000001', text: 'you asked: who owns OS patching?' });
    expect(call.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('sends ephemeral mention replies to the asker only, in the thread', async () => {
    const h = await harness(() => textReply('only you', { ephemeral: true }));
    await post(
      h.events,
      eventCallback({ type: 'app_mention', user: 'U1', text: 'help <@UBOT>', ts: '1700000000.000009', thread_ts: '1700000000.000002', channel: 'C1', event_ts: '1' }),
      JSON_TYPE,
    );
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0]);
    expect(call.body).toMatchObject({ channel: 'C1', user: 'U1', thread_ts: '1700000000.000002' });
    expect(h.seen[0]!.req.text).toBe('help');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers direct messages as questions; an ephemeral reply stays ephemeral there too', async () => {
    const h = await harness((req) => textReply('答案', { ephemeral: req.text.includes('补丁') }));
    await post(h.events, eventCallback({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: '谁负责操作系统补丁?', ts: '1700000000.000003' }), JSON_TYPE);
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0]);
    expect(call.body).toMatchObject({ channel: 'D1', user: 'U1', text: '答案' });
    await post(h.events, eventCallback({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: '谁负责硬件?', ts: '1700000000.000013' }), JSON_TYPE);
    expect((await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0])).body).toMatchObject({ channel: 'D1', text: '答案' });
    const { req, ctx } = h.seen[0]!;
    expect(req).toEqual({ command: 'ask', text: '谁负责操作系统补丁?' });
    expect(ctx.place).toEqual({ id: 'D1', kind: 'direct' });
    expect(ctx.locale).toBe('zh');
  });

  it('ignores bot messages, its own messages, edits, channel chatter and redeliveries', async () => {
    const h = await harness();
    const dm = { type: 'message', channel: 'D1', channel_type: 'im', ts: '1700000000.000004', text: 'hello' };
    await post(h.events, eventCallback({ ...dm, bot_id: 'BBOT', user: 'UBOT' }), JSON_TYPE);
    await post(h.events, eventCallback({ ...dm, bot_id: 'BOTHER', user: 'U7' }), JSON_TYPE);
    await post(h.events, eventCallback({ ...dm, user: 'UBOT' }), JSON_TYPE);
    await post(h.events, eventCallback({ ...dm, subtype: 'message_changed', message: { text: 'edited' } }), JSON_TYPE);
    await post(h.events, eventCallback({ ...dm, channel: 'C1', channel_type: 'channel', user: 'U1' }), JSON_TYPE);
    await post(h.events, eventCallback({ type: 'app_mention', bot_id: 'BOTHER', user: 'U7', text: '<@UBOT> hi', ts: '1', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    await post(h.events, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> in a DM', ts: '1', channel: 'D1', event_ts: '1' }), JSON_TYPE);
    const once = eventCallback({ ...dm, user: 'U1', text: 'once' });
    await post(h.events, once, JSON_TYPE);
    await post(h.events, once, JSON_TYPE);
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0]);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.seen.map((s) => s.req.text)).toEqual(['once']);
  });

  it('retries chat.postMessage after a 429 with Retry-After and delivers', async () => {
    const h = await harness(() => textReply('after the limit'));
    h.fake.fail('chat.postMessage', 1, { kind: 'ratelimit', retryAfterSec: 1 });
    const t0 = Date.now();
    await post(h.events, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts: '1700000000.000005', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0], 8000);
    expect(call.body.text).toBe('after the limit');
    expect(h.fake.attempts('chat.postMessage')).toBe(2);
    expect(call.at - t0).toBeGreaterThanOrEqual(900);
  });

  it('logs a reply Slack never accepts, with the reason, and stays alive', async () => {
    const h = await harness(() => textReply('lost'));
    h.fake.fail('chat.postMessage', 100, { kind: 'error', status: 500 });
    h.fake.fail('chat.postEphemeral', 100, { kind: 'error', status: 500 });
    await post(h.events, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> hi', ts: '1700000000.000006', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    await h.fake.waitFor(() => (h.logs.some((l) => l.includes('error reply not delivered')) ? true : undefined), 8000);
    const notDelivered = h.logs.filter((l) => l.includes('slack message not delivered'));
    expect(notDelivered.length).toBeGreaterThan(0);
    expect(notDelivered[0]).toContain('http 500');
    expect(h.fake.attempts('chat.postMessage')).toBe(4);
    const health = await fetch(`http://127.0.0.1:${h.adapter.port()}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe('buttons', () => {
  it('runs the command carried by the button, in the button language', async () => {
    const h = await harness((req) => textReply(`ran ${req.text}`, { ephemeral: true }));
    const value = encodeButtonValue({ cmd: 'posture sg sg-123', lang: 'zh' })!;
    const res = await post(h.events, blockAction({ action_id: 'whoowns_cmd_0', value }, h.fake.respondUrl('btn')), FORM);
    expect(res.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'btn'));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: 'ran posture sg sg-123' });
    const { req, ctx } = h.seen[0]!;
    expect(req).toEqual({ command: 'whoowns', text: 'posture sg sg-123' });
    expect(ctx.locale).toBe('zh');
    expect(ctx.user.id).toBe('U1');
    expect(ctx.place).toEqual({ id: 'C1', kind: 'group' });
  });

  it('acks and drops a signed button payload without user or team, logging the field names', async () => {
    const h = await harness();
    const value = encodeButtonValue({ cmd: 'posture sg', lang: 'en' })!;
    for (const omit of [['user', 'team'], ['user']]) {
      const res = await post(h.events, blockAction({ action_id: 'whoowns_cmd_0', value }, h.fake.respondUrl('nouser'), { omit }), FORM);
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(h.seen).toHaveLength(0);
    const dropped = h.logs.filter((l) => l.includes('slack payload ignored'));
    expect(dropped).toHaveLength(2);
    expect(JSON.parse(dropped[0]!)).toMatchObject({ kind: 'block_actions', missing: ['user', 'team'] });
    expect(JSON.parse(dropped[1]!)).toMatchObject({ kind: 'block_actions', missing: ['user'] });
    expect((await fetch(`http://127.0.0.1:${h.adapter.port()}/healthz`)).status).toBe(200);
  });

  it('ignores buttons with unreadable values', async () => {
    const h = await harness();
    const res = await post(h.events, blockAction({ action_id: 'whoowns_cmd_3', value: 'not json' }, h.fake.respondUrl('junk')), FORM);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.seen).toHaveLength(0);
  });
});

describe('adapter lifecycle and posting', () => {
  it('serves health and readiness probes', async () => {
    const h = await harness();
    const base = `http://127.0.0.1:${h.adapter.port()}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ready');
  });

  it('posts a digest with an uploaded image', async () => {
    const h = await harness();
    await h.adapter.postMessage('C42', { summary: 'Weekly digest', blocks: [{ type: 'text', text: '3 new findings' }], demo: true }, {
      image: { filename: 'trend.png', data: Buffer.from('fake png bytes'), title: 'Trend' },
    });
    const msg = h.fake.callsTo('chat.postMessage')[0]!;
    expect(msg.body).toMatchObject({ channel: 'C42', text: 'Weekly digest' });
    expect(texts(msg.body)).toContain('DEMO DATA');
    expect(h.fake.callsTo('files.getUploadURLExternal')[0]!.body).toMatchObject({ filename: 'trend.png', length: '14' });
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.callsTo('files.completeUploadExternal')[0]!.body).toMatchObject({ channel_id: 'C42', files: [{ id: 'F1', title: 'Trend' }] });
  });

  it('a chart that cannot be uploaded does not fail the posted message (a retry would post it twice)', async () => {
    const h = await harness();
    h.fake.fail('files.getUploadURLExternal', 100, { kind: 'error', status: 500 });
    await h.adapter.postMessage('C42', textReply('digest'), { image: { filename: 'trend.png', data: Buffer.from('png'), title: 'Trend' } });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.attempts('files.getUploadURLExternal')).toBeGreaterThan(0);
    expect(h.logs.join('')).toContain('files.uploadV2');
  });

  it('throws a bilingual error when a digest cannot be delivered', async () => {
    const h = await harness();
    h.fake.fail('chat.postMessage', 100, { kind: 'error', status: 503 });
    const err = await h.adapter.postMessage('C42', textReply('x')).catch((e: unknown) => e);
    expect(isWhoownsError(err)).toBe(true);
    if (!isWhoownsError(err)) return;
    expect(err.messageIn('en')).toContain('C42');
    expect(err.messageIn('zh')).toContain('C42');
  });

  it('never writes the tokens or the signing secret to the log', async () => {
    const h = await harness(() => {
      throw new Error('kaput');
    });
    await post(h.events, slashCommand({ command: '/whoowns', text: 'x', response_url: h.fake.respondUrl('s') }), FORM);
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 's'));
    const all = h.logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('legacy-verification-token');
  });

  it('refuses to start without a way to receive events', () => {
    expect(() => createSlackAdapter({ botToken: 'xoxb-1', port: 0, dispatch: async () => {}, log: createLogger({ level: 'silent' }) })).toThrow(/SLACK_SIGNING_SECRET/);
  });
});
