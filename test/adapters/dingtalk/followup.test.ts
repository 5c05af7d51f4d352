import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, createDispatch } from '../../../commands/index.js';
import { createDingTalkAdapter } from '../../../src/adapters/dingtalk/index.js';
import { createThreadMemory } from '../../../src/chat/thread-memory.js';
import { createLogger } from '../../../src/core/logger.js';
import { harness as commandHarness } from '../../commands/helpers.js';
import { robotPayload } from './builders.js';
import { startFakeApi, type FakeApi } from './fake-api.js';
import { startFakeGateway, type FakeGateway } from './fake-gateway.js';

// Follow-ups through the real DWClient on a local gateway, the real commands and engine; the
// replies land on a local session webhook. The thread memory runs on a test clock.

const TTL = 10 * 60_000;
const open: { stop(): Promise<void> }[] = [];

beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(async () => {
  for (const h of open.splice(0)) await h.stop();
  vi.restoreAllMocks();
});

async function world() {
  const gateway: FakeGateway = await startFakeGateway();
  const api: FakeApi = await startFakeApi();
  const clock = { t: 1_700_000_000_000 };
  const { services } = commandHarness();
  services.threads = createThreadMemory({ ttlMs: TTL, now: () => clock.t });
  const logs: string[] = [];
  const adapter = createDingTalkAdapter({
    clientId: 'ding-app-key',
    clientSecret: 'ding-app-secret',
    dispatch: createDispatch(() => COMMANDS, services),
    log: createLogger({ level: 'debug', destination: { write: (s: string) => void logs.push(s) } }),
    endpointOverride: gateway.openUrl,
    apiBaseUrl: api.url,
  });
  open.push({ stop: async () => (await adapter.stop(), await gateway.close(), await api.close()) });
  await adapter.start();
  await gateway.waitForConnections(1);
  let sent = 0;
  /** Send a robot message and return the markdown of the reply to it. */
  const say = async (content: string, conversationId = 'cid-group-1'): Promise<string> => {
    gateway.sendCallback(robotPayload({ content: ` @whoowns ${content}`, conversationId, sessionWebhook: `${api.url}/robot/sendBySession?session=s` }));
    sent += 1;
    const reply = await api.waitFor('/robot/sendBySession', sent);
    const all = api.on('/robot/sendBySession');
    return String((all[sent - 1] ?? reply).body.markdown?.text ?? JSON.stringify(reply.body));
  };
  return { say, clock, logs };
}

/** The answer's best entry, from its sources line (the first id in parentheses). */
const best = (markdown: string) => /(?:来源|Sources)[::]\s*[^(]*\(([a-z0-9.-]+)\)/.exec(markdown)?.[1];

describe('follow-up questions on DingTalk', () => {
  it('answers 那磁盘呢? in the same conversation in the sense of the earlier question', async () => {
    const w = await world();
    const sense = best(await w.say('谁负责数据加密?'));
    expect(sense).toBeDefined();
    expect(best(await w.say('那磁盘呢?'))).toBe(sense);
    expect(best(await w.say('那快照呢?'))).toBe(sense);
    // The More line is enough here: no button that would send a command as whoever taps it.
    expect(await w.say('谁负责数据加密?')).not.toMatch(/完整回答|dtmd:/);
  });

  it('keeps conversations apart and forgets after the TTL', async () => {
    const w = await world();
    const sense = best(await w.say('谁负责数据加密?'));
    expect(best(await w.say('那磁盘呢?', 'cid-other'))).not.toBe(sense);
    w.clock.t += TTL + 1;
    expect(best(await w.say('那磁盘呢?'))).not.toBe(sense);
    const ours = w.logs.join('\n');
    expect(ours).not.toContain('那磁盘呢');
    expect(ours).not.toContain('谁负责数据加密');
  });
});
