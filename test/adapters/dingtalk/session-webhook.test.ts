import { describe, expect, it } from 'vitest';
import { checkSessionWebhook } from '../../../src/adapters/dingtalk/session-reply.js';

// Which session webhooks a reply may go to: DingTalk's own hosts over https, or the configured
// DINGTALK_API_URL (a private deployment, or a local stand-in in tests) — nothing a frame invents.

describe('checkSessionWebhook', () => {
  it.each([
    'https://oapi.dingtalk.com/robot/sendBySession?session=s',
    'https://api.dingtalk.com/v1.0/robot/sendBySession?session=s',
    'https://OAPI.dingtalk.com/robot/sendBySession?session=s',
  ])('allows DingTalk: %s', (url) => {
    expect(checkSessionWebhook(url)).toEqual({ ok: true });
  });

  it.each([
    ['http://oapi.dingtalk.com/robot/sendBySession', 'oapi.dingtalk.com'],
    ['https://oapi.dingtalk.com:444/robot/sendBySession', 'oapi.dingtalk.com:444'],
    ['https://x.oapi.dingtalk.com/robot', 'x.oapi.dingtalk.com'],
    ['https://dingtalk.com.evil.example/robot', 'dingtalk.com.evil.example'],
    ['https://user:pw@oapi.dingtalk.com/robot', 'oapi.dingtalk.com'],
    ['http://127.0.0.1:8080/robot', '127.0.0.1:8080'],
    ['http://[::1]/robot', '[::1]'],
    ['not a url', '(not a URL)'],
  ])('refuses %s, naming only the host', (url, host) => {
    expect(checkSessionWebhook(url)).toEqual({ ok: false, host });
  });

  it('allows the configured API base, with its scheme and port exactly', () => {
    const base = 'http://127.0.0.1:4010/';
    expect(checkSessionWebhook('http://127.0.0.1:4010/robot/sendBySession?session=s', base)).toEqual({ ok: true });
    expect(checkSessionWebhook('http://127.0.0.1:4011/robot/sendBySession?session=s', base)).toEqual({ ok: false, host: '127.0.0.1:4011' });
    expect(checkSessionWebhook('https://ding.corp.example/robot/sendBySession', 'https://ding.corp.example')).toEqual({ ok: true });
  });
});
