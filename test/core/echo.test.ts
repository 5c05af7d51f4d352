import { describe, expect, it } from 'vitest';
import { echo } from '../../src/core/echo.js';
import { textReply } from '../../src/chat/message.js';
import { toDingTalkMarkdown } from '../../src/adapters/dingtalk/render.js';
import { toMrkdwn } from '../../src/adapters/slack/mrkdwn.js';

// echo() is what stands between a user's words and every renderer: what it returns must not be
// clickable anywhere, and must still read as what the user typed.

const ZWSP = '\u200B';
const visible = (s: string) => s.replaceAll(ZWSP, '');

describe('echo defuses links, keeping the text readable', () => {
  it.each([
    ['markdown link', '[login](https://evil.example/p)'],
    ['markdown image', '![x](https://evil.example/pixel.png)'],
    ['DingTalk send-message link', '[ok](dtmd://dingtalkclient/sendMessage?content=posture%20unmute)'],
    ['Slack link', '<https://evil.example/p|login>'],
    ['Slack mailto link', '<mailto:ceo@evil.example|mail>'],
    ['bare URL', 'see https://evil.example/p now'],
    ['bare www host', 'see www.evil.example now'],
  ])('%s', (_name, input) => {
    const out = echo(input);
    // No renderer finds a link in it any more…
    expect(toMrkdwn(out)).not.toMatch(/<(https?|mailto|dtmd):/);
    expect(out).not.toMatch(/\]\(/);
    expect(out).not.toMatch(/[a-z]+:\/\//i);
    expect(out).not.toMatch(/<(?!\u200B)/);
    expect(out).not.toMatch(/www\./i);
    // …and every word the user typed is still there.
    for (const word of input.match(/[a-z]{3,}/gi)!) expect(visible(out)).toContain(word);
  });

  it('leaves ordinary text, ids and file names alone', () => {
    for (const t of ['accepted risk until Q3', 'sg-12ab3', 'config.yaml is fine', 'a < b and [draft] (v2)']) expect(echo(t)).toBe(t);
  });

  it('a mute reason with a link reaches neither Slack nor DingTalk as a link', () => {
    const reason = echo('[login](https://evil.example/p) and https://evil.example/q', 500);
    const md = toDingTalkMarkdown(textReply(`Reason: ${reason}`)).text;
    expect(md).not.toMatch(/\]\(|https?:\/\//);
    expect(toMrkdwn(`Reason: ${reason}`)).not.toMatch(/<https?:/);
  });

  it('does not let a user smuggle in their own zero-width characters to undo the defusing', () => {
    expect(echo(`[a]${ZWSP}(https://evil.example)`)).not.toMatch(/https:\/\//);
  });
});
