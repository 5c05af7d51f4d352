import type { Block, Reply } from '../../chat/message.js';

// Reply → DingTalk markdown / ActionCard. DingTalk renders a small markdown dialect: headings,
// bold, links, "- " lists, "> " quotes, and `dtmd://` links that send a message when tapped.

/** DingTalk rejects markdown much above 20,000 bytes; stay under with room for the mention. */
export const MAX_MARKDOWN_BYTES = 19_000;
const MAX_TITLE_CHARS = 60;
const DEMO_LINE = '**演示数据 DEMO DATA**';
const TRUNCATED_NOTE = '…（内容过长,已截断 / message truncated）';

export interface RenderOptions {
  /** Staff id to @-mention at the end (groups). DingTalk only notifies ids that appear in the text and in at.atUserIds. */
  mentionStaffId?: string;
  maxBytes?: number;
}

export interface DingTalkMarkdown {
  title: string;
  text: string;
}

export interface DingTalkActionCard extends DingTalkMarkdown {
  /** '0' stacks buttons vertically, '1' puts them side by side. */
  btnOrientation: '0' | '1';
  btns: { title: string; actionURL: string }[];
}

/**
 * Reply text can echo what users typed (questions, resource names). A bare "@all", "@所有人" or
 * "@someone" in it must not read as a mention, so a zero-width space goes after every "@" that
 * starts a word. Our own mention is appended after this runs.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/[@＠](?=[^\s\u200B])/g, (at) => `${at}\u200B`);
}

/** The link DingTalk opens when a button or link is pressed: it sends `command` back to the robot. */
export function sendMessageUrl(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

export function toDingTalkMarkdown(reply: Reply, opts: RenderOptions = {}): DingTalkMarkdown {
  return { title: titleOf(reply), text: finish(renderBlocks(reply, reply.blocks, true), atTokens(reply, opts), opts.maxBytes) };
}

/**
 * Whom the message @-mentions: the asker in a group (mentionStaffId) and a team's people where the
 * config allows (reply.mentions). DingTalk notifies only ids both in the text and in `at`.
 */
export function atTargets(reply: Reply, opts: RenderOptions = {}): { atUserIds: string[]; atMobiles: string[] } {
  const ids = [...(opts.mentionStaffId ? [opts.mentionStaffId] : []), ...(reply.mentions?.atUserIds ?? [])];
  return { atUserIds: [...new Set(ids)], atMobiles: [...new Set(reply.mentions?.atMobiles ?? [])] };
}

function atTokens(reply: Reply, opts: RenderOptions): string[] {
  const t = atTargets(reply, opts);
  return [...t.atUserIds, ...t.atMobiles];
}

/** An ActionCard: the non-button blocks as markdown text, every button as a btn. */
export function toActionCard(reply: Reply, opts: RenderOptions = {}): DingTalkActionCard {
  const buttons = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
  return {
    title: titleOf(reply),
    text: finish(renderBlocks(reply, reply.blocks, false), atTokens(reply, opts), opts.maxBytes),
    btnOrientation: buttons.length <= 2 ? '1' : '0',
    btns: buttons.map((b) => ({ title: oneLine(neutraliseMentions(b.label)), actionURL: sendMessageUrl(b.command) })),
  };
}

export function hasActions(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'actions' && b.buttons.length > 0);
}

function titleOf(reply: Reply): string {
  const t = oneLine(neutraliseMentions(reply.summary)).trim();
  const short = [...t].length > MAX_TITLE_CHARS ? `${[...t].slice(0, MAX_TITLE_CHARS - 1).join('')}…` : t;
  return short || 'whoowns';
}

function renderBlocks(reply: Reply, blocks: Block[], withActions: boolean): string {
  const parts: string[] = [];
  if (reply.demo) parts.push(DEMO_LINE);
  for (const b of blocks) {
    const s = renderBlock(b, withActions);
    if (s) parts.push(s);
  }
  // Blank lines between blocks: without them "---" under a line turns that line into a heading.
  return parts.join('\n\n');
}

function renderBlock(b: Block, withActions: boolean): string {
  switch (b.type) {
    case 'header':
      return `### ${oneLine(neutraliseMentions(b.text))}`;
    case 'text':
      return neutraliseMentions(b.text)
        .split('\n')
        .map((line) => line.replace(/^(\s*)• /, '$1- '))
        // Two trailing spaces force a line break; DingTalk otherwise joins lines into one paragraph.
        .join('  \n');
    case 'fields':
      return b.fields.map((f) => `- **${oneLine(neutraliseMentions(f.label))}**: ${oneLine(neutraliseMentions(f.value))}`).join('\n');
    case 'context':
      return neutraliseMentions(b.text)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'divider':
      return '---';
    case 'actions':
      if (!withActions) return '';
      return b.buttons.map((x) => `[${oneLine(neutraliseMentions(x.label))}](${sendMessageUrl(x.command)})`).join(' | ');
  }
}

function finish(body: string, ats: string[], maxBytes?: number): string {
  const mention = ats.length ? `\n\n${ats.map((a) => `@${safeId(a)}`).join(' ')}` : '';
  const max = (maxBytes ?? MAX_MARKDOWN_BYTES) - utf8Bytes(mention);
  return `${truncateMarkdown(body, max)}${mention}`;
}

/** Cut to `maxBytes` of UTF-8, at a line break when one is near, and say so at the end. */
export function truncateMarkdown(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const note = `\n\n${TRUNCATED_NOTE}`;
  let cut = cutUtf8(text, Math.max(0, maxBytes - utf8Bytes(note)));
  const nl = cut.lastIndexOf('\n');
  if (nl > cut.length * 0.8) cut = cut.slice(0, nl);
  return `${cut.trimEnd()}${note}`;
}

function cutUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}

export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

// Staff ids are DingTalk's, but keep the mention a single token whatever arrives.
function safeId(id: string): string {
  return id.replace(/[^\w$:.-]/g, '');
}
