import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { textReply } from '../../../src/chat/message.js';
import type { ChatContext, ChatRequest } from '../../../src/chat/types.js';
import { createLogger } from '../../../src/core/logger.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/index.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { FORM, JSON_TYPE, SECRET, eventCallback, post, slashCommand } from './slack-requests.js';

// Slack's Web API may be down when the bot starts. Bolt's own auth.test then rejected unhandled
// and the process died; now the bot keeps serving its probes, says 503 on /readyz, retries with
// capped backoff, and becomes ready when Slack answers.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

interface Started {
  adapter: SlackAdapter;
  logs: string[];
  seen: { req: ChatRequest; ctx: ChatContext }[];
  probe(path: string): Promise<number>;
}

async function start(apiUrl: string, extra: Partial<SlackAdapterOptions> = {}): Promise<Started> {
  const logs: string[] = [];
  const seen: Started['seen'] = [];
  const adapter = createSlackAdapter({
    botToken: 'xoxb-startup-secret',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl,
    dispatch: async (req, ctx) => {
      seen.push({ req, ctx });
      await ctx.reply(textReply(`echo ${req.text}`));
    },
    log: createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(l) } }),
    retry: { retries: 1, minTimeoutMs: 20, maxTimeoutMs: 40 },
    connectBackoff: { minMs: 50, maxMs: 200 },
    ...extra,
  });
  cleanup.push(() => adapter.stop());
  await adapter.start();
  const probe = async (path: string) => (await fetch(`http://127.0.0.1:${adapter.port()}${path}`)).status;
  return { adapter, logs, seen, probe };
}

async function until(cond: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Slack unreachable at start', () => {
  it('keeps running with /readyz 503, retries auth.test with backoff, and becomes ready when Slack answers', async () => {
    const fake: FakeSlack = await startFakeSlack();
    cleanup.push(() => fake.close());
    fake.fail('auth.test', 6, { kind: 'error', status: 500 });
    const s = await start(fake.apiUrl);
    expect(await s.probe('/healthz')).toBe(200);
    expect(await s.probe('/readyz')).toBe(503);

    // A request while not connected is acknowledged and dropped, not a 500.
    const early = await post(`http://127.0.0.1:${s.adapter.port()}/slack/events`, slashCommand({ command: '/whoowns', text: 'early', response_url: fake.respondUrl('early') }), FORM);
    expect(early.status).toBe(200);

    await until(async () => (await s.probe('/readyz')) === 200);
    expect(fake.attempts('auth.test')).toBe(7);
    expect(s.logs.some((l) => l.includes('slack not reachable yet'))).toBe(true);
    expect(s.seen).toHaveLength(0);

    // Ready means working: the bot now knows its own user id from auth.test.
    await post(`http://127.0.0.1:${s.adapter.port()}/slack/events`, eventCallback({ type: 'app_mention', user: 'U1', text: '<@UBOT> hi there', ts: '1700000000.000001', channel: 'C1', event_ts: '1' }), JSON_TYPE);
    await fake.waitFor(() => fake.callsTo('chat.postMessage')[0]);
    expect(s.seen[0]!.req.text).toBe('hi there');
    expect(s.logs.join('\n')).not.toContain('xoxb-startup-secret');
  });

  it('survives a refused connection, and stop() ends the retries', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const s = await start(`http://127.0.0.1:${port}/api/`);
    await new Promise((r) => setTimeout(r, 600));
    expect(await s.probe('/healthz')).toBe(200);
    expect(await s.probe('/readyz')).toBe(503);
    const attempts = s.logs.filter((l) => l.includes('slack not reachable yet'));
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts[0]).toContain('ECONNREFUSED');
    await s.adapter.stop();
    const after = s.logs.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(s.logs.slice(after).filter((l) => l.includes('slack not reachable yet'))).toHaveLength(0);
  });

  it('skips auth.test when the bot ids are given', async () => {
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const s = await start(fake.apiUrl, { botId: 'BBOT', botUserId: 'UBOT' });
    expect(await s.probe('/readyz')).toBe(200);
    expect(fake.attempts('auth.test')).toBe(0);
  });
});
