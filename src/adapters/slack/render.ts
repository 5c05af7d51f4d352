import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Block, Reply } from '../../chat/message.js';
import type { Locale } from '../../chat/types.js';
import { ACTION_ID_PREFIX, encodeButtonValue } from './button-value.js';
import { mrkdwnText, plainText, splitMrkdwn, toMrkdwn, truncateMrkdwn, truncatePlain } from './mrkdwn.js';

// Reply → Block Kit. Slack rejects a whole message when one limit is broken (invalid_blocks),
// so every limit below is enforced here rather than hoped for upstream.

export const LIMITS = {
  blocks: 50,
  header: 150,
  section: 3000,
  fieldsPerSection: 10,
  field: 2000,
  context: 3000,
  buttonsPerActions: 25,
  buttonLabel: 75,
  fallback: 3000,
} as const;

export interface RenderOptions {
  /** Language of the demo label, the truncation note and the buttons' follow-up replies. */
  locale?: Locale;
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function toBlockKit(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const locale = opts.locale ?? 'en';
  const counter = { buttons: 0 };
  const blocks: KnownBlock[] = [];
  if (reply.demo) blocks.push(context(locale === 'zh' ? '演示数据' : 'DEMO DATA'));
  const ping = mentionText(reply);
  // Raw mrkdwn on purpose: every other text is escaped so nothing users typed can ping anybody.
  if (ping) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: ping } });
  for (const block of reply.blocks) blocks.push(...renderBlock(block, locale, counter));
  return {
    text: truncateMrkdwn(`${ping ? `${ping} ` : ''}${mrkdwnText(reply.summary)}`, LIMITS.fallback),
    blocks: capBlocks(blocks, locale),
  };
}

/** <!subteam^S…> per configured user group (ids checked against /^S[A-Z0-9]+$/ again here). */
function mentionText(reply: Reply): string {
  return (reply.mentions?.slackUsergroups ?? []).filter((id) => /^S[A-Z0-9]+$/.test(id)).map((id) => `<!subteam^${id}>`).join(' ');
}

function renderBlock(block: Block, locale: Locale, counter: { buttons: number }): KnownBlock[] {
  switch (block.type) {
    case 'header': {
      const text = truncatePlain(plainText(block.text.replace(/\s+/g, ' ').trim()), LIMITS.header);
      return text ? [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }] : [];
    }
    case 'text':
      return splitMrkdwn(toMrkdwn(block.text), LIMITS.section)
        .filter((t) => t.trim() !== '')
        .map((t): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
    case 'fields':
      return chunk(block.fields, LIMITS.fieldsPerSection).map(
        (group): SectionBlock => ({
          type: 'section',
          fields: group.map((f) => ({
            type: 'mrkdwn',
            text: truncateMrkdwn(`*${mrkdwnText(f.label)}*\n${toMrkdwn(f.value)}`, LIMITS.field),
          })),
        }),
      );
    case 'context':
      return block.text.trim() ? [context(truncateMrkdwn(toMrkdwn(block.text), LIMITS.context), true)] : [];
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions': {
      const buttons = block.buttons.flatMap((b): Button[] => {
        const value = encodeButtonValue({ cmd: b.command, lang: locale });
        if (!value) return [];
        const button: Button = {
          type: 'button',
          action_id: `${ACTION_ID_PREFIX}${counter.buttons++}`,
          text: { type: 'plain_text', text: truncatePlain(plainText(b.label), LIMITS.buttonLabel) || '…', emoji: true },
          value,
        };
        if (b.style) button.style = b.style;
        return [button];
      });
      return chunk(buttons, LIMITS.buttonsPerActions).map((elements): ActionsBlock => ({ type: 'actions', elements }));
    }
  }
}

function context(text: string, converted = false): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: converted ? text : mrkdwnText(text) }] };
}

/** Keep the first blocks and say how many were left out and how to see one of them. */
function capBlocks(blocks: KnownBlock[], locale: Locale): KnownBlock[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  while (kept.length > 0 && kept[kept.length - 1]!.type === 'divider') kept.pop();
  const dropped = blocks.slice(kept.length).filter((b) => b.type !== 'divider').length;
  const note =
    locale === 'zh'
      ? `… 还有 ${dropped} 项未显示,请用 /posture check <id> 查看单项`
      : `… ${dropped} more, use /posture check <id>`;
  return [...kept, context(note)];
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
