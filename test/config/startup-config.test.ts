import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { WhoownsError } from '../../src/core/errors.js';

// Start-up refusals and warnings that come from the environment alone.

const base = { HOME: '/nonexistent', WHOOWNS_DEMO: 'true' };

function refusal(env: NodeJS.ProcessEnv): WhoownsError {
  try {
    loadConfig(env, { exists: () => false, home: '/nonexistent' });
  } catch (e) {
    return e as WhoownsError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('secrets with whitespace', () => {
  it.each([
    ['SLACK_BOT_TOKEN', 'xoxb-1111-2222-abcdefZq9mark\nnext'],
    ['SLACK_APP_TOKEN', 'xapp-1-A0-99-abcdefZq9mark '],
    ['SLACK_SIGNING_SECRET', 'abcdef Zq9mark123'],
    ['DINGTALK_CLIENT_SECRET', 'dingZq9markvalue\t'],
    ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'akZq9markvalue123\r\n'],
  ])('%s with whitespace is refused, naming the variable and never the value', (name, value) => {
    const pair = name.startsWith('SLACK') ? { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12' } : name.startsWith('DINGTALK') ? { DINGTALK_CLIENT_ID: 'ding' } : {};
    const err = refusal({ ...base, ...pair, [name]: value });
    expect(err.code).toBe('CONFIG_INVALID');
    for (const text of [err.messages.en, err.messages.zh, err.message]) {
      expect(text).toContain(name);
      expect(text).not.toContain('Zq9mark');
      expect(text).not.toContain(value.trim());
    }
    expect(err.messages.en).toMatch(/whitespace or a line break/);
  });

  it('reports the whitespace problem together with the other problems', () => {
    const err = refusal({ ...base, SLACK_BOT_TOKEN: 'xoxb-1\n', SLACK_SIGNING_SECRET: 'abcdefgh12', PORT: '99999' });
    expect(err.messages.en).toMatch(/SLACK_BOT_TOKEN/);
    expect(err.messages.en).toMatch(/PORT/);
  });
});

describe('WHOOWNS_POSTURE_USERS and _CHANNELS', () => {
  it('split on commas and whitespace, dropping empty entries', () => {
    const c = loadConfig({ ...base, WHOOWNS_POSTURE_USERS: ' U0ADMIN1 , ,U2 U3\tU4', WHOOWNS_POSTURE_CHANNELS: 'C1 C2,,C3' });
    expect(c.access.postureUsers).toEqual(['U0ADMIN1', 'U2', 'U3', 'U4']);
    expect(c.access.postureChannels).toEqual(['C1', 'C2', 'C3']);
    expect(c.warnings ?? []).toEqual([]);
  });

  it('warn about entries shaped like names, not ids (ids are not secrets: the warning names them)', () => {
    const c = loadConfig({ ...base, WHOOWNS_POSTURE_USERS: 'U0123ABCD,@alice,Bob,张三,staff01,UADMIN' });
    // Still used as given: a warning, not a refusal (a DingTalk staff id can look odd).
    expect(c.access.postureUsers).toEqual(['U0123ABCD', '@alice', 'Bob', '张三', 'staff01', 'UADMIN']);
    const w = (c.warnings ?? []).join('\n');
    for (const name of ['@alice', 'Bob', '张三', 'UADMIN']) expect(w).toContain(`"${name}"`);
    expect(w).not.toContain('"U0123ABCD"');
    expect(w).not.toContain('"staff01"');
    expect(w).toMatch(/WHOOWNS_POSTURE_USERS/);
    expect(w).toMatch(/member ID/);
  });
});

describe('WHOOWNS_DEMO=false', () => {
  it('with no cloud credentials is refused at start, saying how to provide them', () => {
    const err = refusal({ HOME: '/nonexistent', WHOOWNS_DEMO: 'false' });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.messages.en).toMatch(/WHOOWNS_DEMO=false/);
    expect(err.messages.en).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(err.messages.zh).toMatch(/WHOOWNS_DEMO=false/);
  });

  it('with credentials is accepted', () => {
    const c = loadConfig({ HOME: '/nonexistent', WHOOWNS_DEMO: 'false', ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexample', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' }, { exists: () => false, home: '/nonexistent' });
    expect(c.cloud.demo).toBe(false);
  });
});
