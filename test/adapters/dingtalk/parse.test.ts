import { describe, expect, it } from 'vitest';
import { parseRobotMessage, stripMentions, toChatRequest } from '../../../src/adapters/dingtalk/parse.js';
import { robotPayload } from './builders.js';

describe('parseRobotMessage', () => {
  it('accepts a text message from a JSON string', () => {
    const r = parseRobotMessage(JSON.stringify(robotPayload({ msgId: 'm1', content: ' hello' })));
    expect(r.ok && r.message.msgId).toBe('m1');
    expect(r.ok && r.message.text.content).toBe(' hello');
  });

  it('rejects bad JSON and missing fields without echoing values', () => {
    expect(parseRobotMessage('{not json')).toEqual({ ok: false, reason: 'data is not JSON' });
    const { sessionWebhook: _w, ...noHook } = robotPayload({ msgId: 'm2' });
    const r = parseRobotMessage(JSON.stringify(noHook));
    expect(r).toMatchObject({ ok: false, msgId: 'm2' });
    expect(!r.ok && r.reason).toContain('sessionWebhook');
    const bad = parseRobotMessage(JSON.stringify({ ...robotPayload(), sessionWebhook: 'javascript:secret-x' }));
    expect(JSON.stringify(bad)).not.toContain('secret-x');
  });

  it('needs a sender id', () => {
    const r = parseRobotMessage(JSON.stringify(robotPayload({ senderStaffId: undefined, senderId: undefined })));
    expect(r.ok).toBe(false);
  });

  it('reads richText and refuses pictures', () => {
    const rich = { ...robotPayload(), msgtype: 'richText', text: undefined, content: { richText: [{ text: 'posture ' }, { type: 'picture' }, { text: 'sg' }] } };
    const r = parseRobotMessage(JSON.stringify(rich));
    expect(r.ok && r.message.text.content).toBe('posture sg');
    const pic = { ...robotPayload(), msgtype: 'picture', text: undefined, content: { downloadCode: 'x' } };
    expect(parseRobotMessage(JSON.stringify(pic))).toMatchObject({ ok: false, reason: 'unsupported msgtype picture' });
  });
});

describe('toChatRequest', () => {
  it.each([
    ['posture sg', 'posture', 'sg'],
    ['/posture sg', 'posture', 'sg'],
    ['Posture', 'posture', ''],
    ['帮助', 'help', ''],
    ['/帮助', 'help', ''],
    ['help', 'help', ''],
    ['digest status', 'digest', 'status'],
    ['/whoowns 谁负责补丁', 'whoowns', '谁负责补丁'],
    ['谁负责补丁', 'ask', '谁负责补丁'],
    ['postures are hard', 'ask', 'postures are hard'],
    ['', 'help', ''],
  ])('%j → %s %j', (text, command, rest) => {
    expect(toChatRequest(text)).toEqual({ command, text: rest });
  });

  it('strips the leading @bot mention and spaces', () => {
    expect(stripMentions(' @whoowns  谁负责补丁 ')).toBe('谁负责补丁');
    expect(stripMentions(' 谁负责 @张三')).toBe('谁负责 @张三');
  });
});
