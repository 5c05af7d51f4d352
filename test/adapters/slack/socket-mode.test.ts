import { afterEach, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { textReply } from '../../../src/chat/message.js';
import type { ChatRequest } from '../../../src/chat/types.js';
import { silentLogger } from '../../../src/core/logger.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

// Socket Mode through the real Bolt app: the fake Web API hands out a local WebSocket URL,
// which plays Slack's side of the connection (hello, envelopes, acks).

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

it('connects over Socket Mode, acks envelopes and answers at response_url', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.close());
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  cleanup.push(() => new Promise<void>((r) => wss.close(() => r())));
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;

  const acks: unknown[] = [];
  const connected = new Promise<WebSocket>((resolve) =>
    wss.on('connection', (ws) => {
      ws.on('message', (m) => acks.push(JSON.parse(m.toString())));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      resolve(ws);
    }),
  );

  const seen: ChatRequest[] = [];
  const adapter: SlackAdapter = createSlackAdapter({
    botToken: 'xoxb-1',
    appToken: 'xapp-1',
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    log: silentLogger(),
    dispatch: async (req, ctx) => {
      seen.push(req);
      await ctx.reply(textReply('over the socket'));
    },
  });
  cleanup.push(() => adapter.stop());
  await adapter.start();
  const ws = await connected;

  const probe = await fetch(`http://127.0.0.1:${adapter.port()}/readyz`);
  expect(probe.status).toBe(200);

  ws.send(
    JSON.stringify({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/posture',
        text: 'sg',
        user_id: 'U1',
        user_name: 'alice',
        channel_id: 'C1',
        channel_name: 'ops',
        team_id: 'T1',
        api_app_id: 'A1',
        trigger_id: '1.2.3',
        response_url: fake.respondUrl('sock'),
      },
    }),
  );
  const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === 'sock'));
  expect(answer.body.text).toBe('over the socket');
  expect(seen).toEqual([{ command: 'posture', text: 'sg' }]);
  expect(acks).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  expect(fake.callsTo('apps.connections.open')[0]!.authorization).toBe('Bearer xapp-1');
});

it('in Socket Mode, an unreachable Slack at start means /readyz 503 and retries until the socket opens', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.close());
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  cleanup.push(() => new Promise<void>((r) => wss.close(() => r())));
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on('connection', (ws) => ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } })));
  fake.fail('auth.test', 2, { kind: 'error', status: 500 });
  fake.fail('apps.connections.open', 2, { kind: 'error', status: 500 });

  const adapter = createSlackAdapter({
    botToken: 'xoxb-1',
    appToken: 'xapp-1',
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    log: silentLogger(),
    retry: { retries: 0, minTimeoutMs: 10, maxTimeoutMs: 20 },
    connectBackoff: { minMs: 50, maxMs: 100 },
    dispatch: async () => {},
  });
  cleanup.push(() => adapter.stop());
  await adapter.start();
  const readyz = async () => (await fetch(`http://127.0.0.1:${adapter.port()}/readyz`)).status;
  expect(await readyz()).toBe(503);
  const deadline = Date.now() + 10_000;
  while ((await readyz()) !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  expect(await readyz()).toBe(200);
  expect(fake.attempts('auth.test')).toBe(3);
  expect(fake.attempts('apps.connections.open')).toBeGreaterThanOrEqual(3);
});
