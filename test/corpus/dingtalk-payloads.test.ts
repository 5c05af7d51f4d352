import type { DWClientDownStream } from 'dingtalk-stream';
import { describe, expect, it } from 'vitest';
import { createSeenSet } from '../../src/adapters/dingtalk/dedupe.js';
import { handleRobotCallback } from '../../src/adapters/dingtalk/robot-callback.js';
import type { ChatRequest } from '../../src/chat/types.js';
import { createLogger } from '../../src/core/logger.js';
import { robotPayload } from '../adapters/dingtalk/builders.js';

// Robot callbacks from the DingTalk stream whose `data` is not what DingTalk documents: not JSON,
// JSON of the wrong shape, or the right fields with the wrong types. Each is acked (so the
// gateway does not redeliver it), logged with a reason that names fields but never values,
// and never dispatched or answered.

const WEBHOOK = 'https://oapi.dingtalk.com/robot/sendBySession?session=secret-session-value';

async function deliver(data: unknown, messageId: string | undefined = 'frame-1') {
  const dispatched: ChatRequest[] = [];
  const acked: (string | undefined)[] = [];
  const posted: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const frame = { specVersion: '1.0', type: 'CALLBACK', headers: { messageId, topic: '/v1.0/im/bot/messages/get' }, data } as unknown as DWClientDownStream;
  await expect(
    handleRobotCallback(frame, {
      dispatch: async (req) => void dispatched.push(req),
      log: createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(JSON.parse(l) as Record<string, unknown>) } }),
      seen: createSeenSet({ now: () => 0 }),
      fetch: (async (url: string) => {
        posted.push(url);
        return new Response('{"errcode":0}', { status: 200 });
      }) as typeof fetch,
      now: () => 0,
      ack: (id) => void acked.push(id),
    }),
  ).resolves.toBeUndefined();
  return { dispatched, acked, posted, logs };
}

const valid = () => robotPayload({ sessionWebhook: WEBHOOK, content: 'help' });

describe('malformed robot callbacks are acked, logged and dropped', () => {
  const cases: [string, unknown][] = [
    ['data missing', undefined],
    ['data empty', ''],
    ['not JSON', '{"msgId": "x", oops'],
    ['JSON null', 'null'],
    ['JSON array', JSON.stringify([valid()])],
    ['JSON string', JSON.stringify(JSON.stringify(valid()))],
    ['JSON number', '42'],
    ['msgId is a number', JSON.stringify({ ...valid(), msgId: 12345 })],
    ['msgId empty', JSON.stringify({ ...valid(), msgId: '' })],
    ['conversationId is an object', JSON.stringify({ ...valid(), conversationId: { id: 'cid' } })],
    ['text is a string', JSON.stringify({ ...valid(), text: 'help' })],
    ['text.content is a number', JSON.stringify({ ...valid(), text: { content: 42 } })],
    ['text.content is null', JSON.stringify({ ...valid(), text: { content: null } })],
    ['senderStaffId is a number', JSON.stringify({ ...valid(), senderStaffId: 7, senderId: undefined })],
    ['no sender at all', JSON.stringify({ ...valid(), senderStaffId: undefined, senderId: undefined })],
    ['sessionWebhook is not a URL', JSON.stringify({ ...valid(), sessionWebhook: 'secret-session-value' })],
    ['sessionWebhook is file:', JSON.stringify({ ...valid(), sessionWebhook: 'file:///etc/passwd?secret-session-value' })],
    ['sessionWebhook is an array', JSON.stringify({ ...valid(), sessionWebhook: [WEBHOOK] })],
    ['expiry is a string', JSON.stringify({ ...valid(), sessionWebhookExpiredTime: 'tomorrow' })],
    ['richText is not a list', JSON.stringify({ ...valid(), msgtype: 'richText', text: undefined, content: { richText: 'posture' } })],
    ['richText item text is a number', JSON.stringify({ ...valid(), msgtype: 'richText', text: undefined, content: { richText: [{ text: 5 }] } })],
    ['unknown msgtype without text', JSON.stringify({ ...valid(), msgtype: 'audio', text: undefined, content: { duration: 3 } })],
    ['3 MB of junk', 'x'.repeat(3 * 1024 * 1024)],
  ];

  it.each(cases)('%s', async (_name, data) => {
    const r = await deliver(data);
    expect(r.acked).toEqual(['frame-1']);
    expect(r.dispatched).toEqual([]);
    expect(r.posted).toEqual([]);
    const line = r.logs.find((l) => l.msg === 'robot message ignored');
    expect(line, JSON.stringify(r.logs)).toBeDefined();
    expect(String(line!.reason)).toMatch(/not JSON|missing or invalid fields|unsupported msgtype/);
    // Field names only: the webhook is a credential and message text is the user's.
    expect(JSON.stringify(r.logs)).not.toContain('secret-session-value');
    expect(JSON.stringify(r.logs).length).toBeLessThan(2000);
  });

  it('a well-formed callback still goes through (the baseline for the cases above)', async () => {
    const r = await deliver(JSON.stringify(valid()));
    expect(r.dispatched).toEqual([{ command: 'help', text: '' }]);
    expect(r.acked).toEqual(['frame-1']);
  });

  it('a frame without a message id is still handled, and nothing throws', async () => {
    const r = await deliver(JSON.stringify(valid()), undefined);
    expect(r.dispatched).toHaveLength(1);
  });
});
