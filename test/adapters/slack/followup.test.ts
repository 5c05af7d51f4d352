import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, createDispatch } from '../../../commands/index.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { decodeButtonValue } from '../../../src/adapters/slack/button-value.js';
import { toBlockKit } from '../../../src/adapters/slack/render.js';
import { formatEntry } from '../../../src/chat/qa-view.js';
import { createThreadMemory } from '../../../src/chat/thread-memory.js';
import { createLogger } from '../../../src/core/logger.js';
import { defaultEngine } from '../../builders/engine.js';
import { harness as commandHarness } from '../../commands/helpers.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { FORM, JSON_TYPE, SECRET, blockAction, eventCallback, post } from './slack-requests.js';

// Follow-ups and the "Full answer" button through the real Bolt app (HTTP mode, signed requests),
// the real commands and Q&A engine, and a fake Slack; the thread memory runs on a test clock.

const TTL = 10 * 60_000;

interface World {
  fake: FakeSlack;
  adapter: SlackAdapter;
  events: string;
  clock: { t: number };
  logs: string[];
}

const open: World[] = [];

afterEach(async () => {
  for (const w of open.splice(0)) {
    await w.adapter.stop().catch(() => undefined);
    await w.fake.close();
  }
});

async function world(): Promise<World> {
  const fake = await startFakeSlack();
  const clock = { t: 1_700_000_000_000 };
  const { services } = commandHarness();
  services.threads = createThreadMemory({ ttlMs: TTL, now: () => clock.t });
  const logs: string[] = [];
  const adapter = createSlackAdapter({
    botToken: 'xoxb-followup-test',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    dispatch: createDispatch(() => COMMANDS, services),
    log: createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(l) } }),
  });
  await adapter.start();
  const w = { fake, adapter, events: `http://127.0.0.1:${adapter.port()}/slack/events`, clock, logs };
  open.push(w);
  return w;
}

let seq = 0;
const nextTs = () => `1700000${String(++seq).padStart(3, '0')}.000100`;

/** @mention the bot (in a thread when `thread` is given) and return the bot's reply there. */
async function mention(w: World, text: string, o: { channel?: string; thread?: string; team?: string } = {}) {
  const ts = nextTs();
  const before = w.fake.callsTo('chat.postMessage').length;
  const event = { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, ts, channel: o.channel ?? 'C1', event_ts: ts, ...(o.thread ? { thread_ts: o.thread } : {}) };
  const body = JSON.parse(eventCallback(event));
  const res = await post(w.events, JSON.stringify({ ...body, team_id: o.team ?? 'T1' }), JSON_TYPE);
  expect(res.status).toBe(200);
  const call = await w.fake.waitFor(() => w.fake.callsTo('chat.postMessage')[before]);
  return { ts, body: call.body as { thread_ts?: string; text: string; blocks: SlackBlock[] } };
}

async function dm(w: World, text: string) {
  const ts = nextTs();
  const before = w.fake.callsTo('chat.postMessage').length;
  await post(w.events, eventCallback({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text, ts }), JSON_TYPE);
  const call = await w.fake.waitFor(() => w.fake.callsTo('chat.postMessage')[before]);
  return call.body as { blocks: SlackBlock[] };
}

interface SlackBlock {
  type: string;
  elements?: { type: string; text?: string | { text: string }; value?: string; action_id?: string }[];
}

/** The answer's best entry, from its "Sources:" line (the first id in parentheses). */
function bestEntry(blocks: SlackBlock[]): string | undefined {
  const context = blocks.find((b) => b.type === 'context' && JSON.stringify(b).includes('Sources') || JSON.stringify(b).includes('来源'));
  return /\(([a-z0-9.-]+)\)/.exec(JSON.stringify(context?.elements ?? ''))?.[1];
}

const ENCRYPTION = 'Who is responsible for encrypting data?';

describe('follow-up questions in Slack', () => {
  it('answers "and for disks?" in a thread in the sense of the earlier question', async () => {
    const w = await world();
    const first = await mention(w, ENCRYPTION);
    const sense = bestEntry(first.body.blocks);
    expect(sense).toBeDefined();
    expect(first.body.thread_ts).toBe(first.ts);
    const follow = await mention(w, 'and for disks?', { thread: first.ts });
    expect(follow.body.thread_ts).toBe(first.ts);
    expect(bestEntry(follow.body.blocks)).toBe(sense);
    // A second follow-up takes the earlier question again, not the first follow-up's subject.
    const again = await mention(w, 'what about snapshots?', { thread: first.ts });
    expect(bestEntry(again.body.blocks)).toBe(sense);
  });

  it('does not carry a subject into another thread, channel or workspace', async () => {
    const w = await world();
    const first = await mention(w, ENCRYPTION);
    const sense = bestEntry(first.body.blocks);
    const other = await mention(w, 'and for disks?', { thread: '1600000000.000001' });
    expect(bestEntry(other.body.blocks)).not.toBe(sense);
    const otherChannel = await mention(w, 'and for disks?', { channel: 'C2', thread: first.ts });
    expect(bestEntry(otherChannel.body.blocks)).not.toBe(sense);
    const otherTeam = await mention(w, 'and for disks?', { team: 'T2', thread: first.ts });
    expect(bestEntry(otherTeam.body.blocks)).not.toBe(sense);
  });

  it('forgets the thread after the TTL', async () => {
    const w = await world();
    const first = await mention(w, ENCRYPTION);
    const sense = bestEntry(first.body.blocks);
    w.clock.t += TTL - 1000;
    expect(bestEntry((await mention(w, 'and for disks?', { thread: first.ts })).body.blocks)).toBe(sense);
    w.clock.t += TTL;
    expect(bestEntry((await mention(w, 'and for disks?', { thread: first.ts })).body.blocks)).not.toBe(sense);
  });

  it('follows up in a direct message, in Chinese, and never logs the question', async () => {
    const w = await world();
    const sense = bestEntry((await dm(w, '谁负责数据加密?')).blocks);
    expect(sense).toBeDefined();
    expect(bestEntry((await dm(w, '那磁盘呢?')).blocks)).toBe(sense);
    // Our own log lines, debug included (Bolt's own debug lines echo payloads and are off in production).
    const ours = w.logs.filter((l) => JSON.parse(l).component !== 'slack.bolt').join('\n');
    expect(ours).not.toContain('谁负责数据加密');
    expect(ours).not.toContain('那磁盘呢');
  });
});

describe('the "Full answer" button', () => {
  it('carries only the entry id and language, and a click answers the asker with the full entry', async () => {
    const w = await world();
    const first = await mention(w, ENCRYPTION);
    const id = bestEntry(first.body.blocks)!;
    const button = first.body.blocks.flatMap((b) => (b.type === 'actions' ? b.elements ?? [] : []))[0]!;
    expect(button.text).toMatchObject({ text: 'Full answer' });
    expect(decodeButtonValue(button.value)).toEqual({ cmd: `kb show ${id}`, lang: 'en' });
    expect(button.value).not.toMatch(/encrypt/i);

    const res = await post(w.events, blockAction({ action_id: button.action_id!, value: button.value! }, w.fake.respondUrl('more')), FORM);
    expect(res.status).toBe(200);
    const answer = await w.fake.waitFor(() => w.fake.responses.find((r) => r.id === 'more'));
    const kb = defaultEngine().kb;
    const expected = toBlockKit(formatEntry(kb, kb.byId.get(id)!, 'en'), { locale: 'en' });
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: expected.text });
    expect(answer.body.blocks).toEqual(expected.blocks);
    expect(JSON.stringify(answer.body)).toContain(kb.byId.get(id)!.body.en.slice(0, 40));
  });

  it('is labelled 完整回答 on a Chinese answer and answers in Chinese', async () => {
    const w = await world();
    const { blocks } = await dm(w, '谁负责数据加密?');
    const button = blocks.flatMap((b) => (b.type === 'actions' ? b.elements ?? [] : []))[0]!;
    expect(button.text).toMatchObject({ text: '完整回答' });
    await post(w.events, blockAction({ action_id: button.action_id!, value: button.value! }, w.fake.respondUrl('zh'), { channel: { id: 'D1', name: 'directmessage' } }), FORM);
    const answer = await w.fake.waitFor(() => w.fake.responses.find((r) => r.id === 'zh'));
    expect(JSON.stringify(answer.body)).toMatch(/负责方:/);
  });
});
