import { expect } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { MAX_MARKDOWN_BYTES, utf8Bytes, type DingTalkMarkdown } from '../../src/adapters/dingtalk/render.js';
import { LIMITS, type SlackMessage } from '../../src/adapters/slack/render.js';
import type { Reply } from '../../src/chat/message.js';
import { replyText } from '../commands/helpers.js';
import { LIVE_MENTIONS } from './chat-inputs.js';

// What every reply to bad input must satisfy, whatever the platform.

/** A reply that answers one message is a few paragraphs at most, never a wall of echoed input. */
export const MAX_REPLY_CHARS = 4000;

export function allText(r: Reply): string {
  return `${r.summary}\n${replyText(r)}`;
}

/** Live mention syntax of any platform, in the neutral reply text. */
export function liveMentions(text: string): string[] {
  return [...LIVE_MENTIONS, '<@'].filter((m) => text.includes(m));
}

export function expectSafeReply(r: Reply, input: string): void {
  const text = allText(r);
  expect(liveMentions(text), 'mention syntax echoed back').toEqual([]);
  expect(text.length, 'reply too long').toBeLessThanOrEqual(MAX_REPLY_CHARS);
  expect(text, 'internal error for bad input').not.toMatch(/Internal error|内部错误/);
  // Direction overrides in a reply would flip the text after them on screen.
  expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  if (input.length > 200) {
    // A huge message is never echoed back whole (nor in big pieces).
    const piece = input.slice(input.length / 2, input.length / 2 + 120);
    if (piece.trim()) expect(text.includes(piece), 'huge input echoed back').toBe(false);
  }
}

/** Slack: no token Slack would turn into a ping, and every Block Kit limit held. */
export function expectSafeSlack(m: SlackMessage): void {
  // A button's value is never shown: it comes back to us when pressed (and is checked then).
  const json = JSON.stringify(m, (k, v: unknown) => (k === 'value' ? undefined : v));
  for (const t of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '<@U', '<#C', '@here', '@channel', '@everyone']) {
    expect(json.includes(t), `Slack output contains ${t}`).toBe(false);
  }
  expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallback);
  expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  for (const b of m.blocks as KnownBlock[]) {
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.header);
    if (b.type === 'section') {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.section);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fieldsPerSection);
    }
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(LIMITS.context);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(LIMITS.buttonsPerActions);
      for (const e of b.elements) {
        if (e.type !== 'button') continue;
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
        expect(e.value!.length).toBeLessThanOrEqual(2000);
      }
    }
  }
}

/**
 * DingTalk: an "@" that starts a word notifies people (@all, @所有人, @staffid); only the
 * asker's mention, appended last, may stay live. Size within what the robot API accepts.
 */
export function expectSafeDingTalk(md: DingTalkMarkdown, ownMention?: string): void {
  const body = ownMention && md.text.endsWith(`@${ownMention}`) ? md.text.slice(0, -ownMention.length - 1) : md.text;
  for (const text of [body, md.title]) {
    const live = text.match(/[@＠][^\s\u200B]/g) ?? [];
    expect(live, 'live DingTalk mention').toEqual([]);
  }
  expect(utf8Bytes(md.text)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES + 100);
  expect([...md.title].length).toBeLessThanOrEqual(60);
}
