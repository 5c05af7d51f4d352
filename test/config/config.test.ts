import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { WhoownsError } from '../../src/core/errors.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({ HOME: '/home/x' });
    expect(c.port).toBe(3000);
    expect(c.slack).toBeUndefined();
    expect(c.dingtalk).toBeUndefined();
    expect(c.access.postureUsers).toEqual([]);
    // The data directory follows the HOME handed in, not the process's: config is a function of its env.
    expect(c.dataDir).toBe('/home/x/.whoowns');
  });
  it('reads Slack HTTP mode and posture lists', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12', WHOOWNS_POSTURE_USERS: 'U1, U2', PORT: '4000' });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', signingSecret: 'abcdefgh12' });
    expect(c.access.postureUsers).toEqual(['U1', 'U2']);
    expect(c.port).toBe(4000);
  });
  it('reports every problem with how to fix it, and never the secret values', () => {
    let err: WhoownsError | undefined;
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'bad-token-value', DINGTALK_CLIENT_ID: 'x', PORT: '99999' });
    } catch (e) {
      err = e as WhoownsError;
    }
    expect(err?.code).toBe('CONFIG_INVALID');
    expect(err?.messages.en).toMatch(/SLACK_BOT_TOKEN must start with xoxb-/);
    expect(err?.messages.en).toMatch(/PORT/);
    expect(err?.messages.en).not.toContain('bad-token-value');
  });
  it('needs a Slack transport and both DingTalk values', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'id' })).toThrow(/DINGTALK_CLIENT_SECRET/);
  });
});
