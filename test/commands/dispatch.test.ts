import { describe, expect, it } from 'vitest';
import { COMMANDS, route } from '../../commands/index.js';
import { fakeContext, harness } from './helpers.js';

describe('route', () => {
  it.each([
    [{ command: 'whoowns', text: 'who patches the OS?' }, 'ask', 'who patches the OS?'],
    [{ command: 'whoowns', text: 'posture sg sg-1' }, 'posture', 'sg sg-1'],
    [{ command: 'ask', text: '/posture sg' }, 'posture', 'sg'],
    [{ command: 'ask', text: '帮助' }, 'help', ''],
    [{ command: 'ask', text: 'help' }, 'help', ''],
    [{ command: 'posture', text: 'ram bob' }, 'posture', 'ram bob'],
    [{ command: 'help', text: '' }, 'help', ''],
    [{ command: 'ask', text: 'postures of the company?' }, 'ask', 'postures of the company?'],
  ])('%o → %s', (req, name, args) => {
    const r = route(COMMANDS, req);
    expect(r.spec.name).toBe(name);
    expect(r.args).toBe(args);
  });

  it('has unique command names and aliases', () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const c of COMMANDS) {
      expect(c.summary.zh && c.summary.en, c.name).toBeTruthy();
      expect(c.usage.zh.length && c.usage.en.length, c.name).toBeTruthy();
    }
  });
});

describe('dispatch', () => {
  it('answers questions for anyone, in their language', async () => {
    const h = harness();
    const { ctx, text } = fakeContext({ user: 'U_STRANGER', locale: 'zh', kind: 'group', place: 'C_RANDOM' });
    await h.dispatch({ command: 'ask', text: '物理服务器坏了谁负责?' }, ctx);
    expect(text()).toMatch(/负责方:阿里云/);
  });

  it('help lists every command with examples in the user language', async () => {
    const h = harness();
    const zh = fakeContext({ locale: 'zh' });
    await h.dispatch({ command: 'help', text: '' }, zh.ctx);
    expect(zh.text()).toMatch(/posture/);
    expect(zh.text()).toMatch(/显示命令|安全态势/);
    const en = fakeContext();
    await h.dispatch({ command: 'ask', text: 'help' }, en.ctx);
    expect(en.text()).toMatch(/\/whoowns who patches the OS/);
  });

  it('refuses posture to people not on the list, naming the admin contact', async () => {
    const h = harness();
    const { ctx, replies, text } = fakeContext({ user: 'U_STRANGER' });
    await h.dispatch({ command: 'posture', text: '' }, ctx);
    expect(replies[0]?.ephemeral).toBe(true);
    expect(text()).toMatch(/only for authorised people.*secops@example\.com/);
    expect(h.collects.count).toBe(0);
  });

  it('keeps posture results out of channels that are not listed, even for allowed users', async () => {
    const h = harness();
    // Slack can answer only the asker: results come, but ephemeral.
    const slack = fakeContext({ kind: 'group', place: 'C_GENERAL' });
    await h.dispatch({ command: 'posture', text: '' }, slack.ctx);
    expect(slack.replies.length).toBeGreaterThan(0);
    expect(slack.replies.every((r) => r.ephemeral)).toBe(true);
    expect(slack.text()).toMatch(/Posture: \d+ open finding/);
    // DingTalk cannot: refused, with where to ask instead.
    const { ctx, text } = fakeContext({ platform: 'dingtalk', kind: 'group', place: 'cid-general', locale: 'zh' });
    await h.dispatch({ command: 'posture', text: '' }, ctx);
    expect(text()).toMatch(/不能发在这个群里/);
    const ok = fakeContext({ kind: 'group', place: 'C_SEC' });
    await h.dispatch({ command: 'posture', text: '' }, ok.ctx);
    expect(ok.text()).toMatch(/Posture: \d+ open finding/);
  });

  it('rate-limits each user, politely', async () => {
    const h = harness({ burst: 2 });
    const { ctx, text } = fakeContext();
    for (let i = 0; i < 3; i++) await h.dispatch({ command: 'ask', text: 'who owns hot patching?' }, ctx);
    expect(text()).toMatch(/Too many requests/);
  });

  it('turns a handler error into a short reply in the user language', async () => {
    const h = harness();
    const { ctx, replies, text } = fakeContext({ locale: 'zh' });
    await h.dispatch({ command: 'ask', text: '   ' }, ctx);
    expect(replies[0]?.ephemeral).toBe(true);
    expect(text()).toMatch(/问题为空/);
  });
});
