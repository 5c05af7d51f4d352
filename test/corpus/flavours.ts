import { consoleRequest } from '../../src/adapters/console/repl.js';
import { toConsoleText } from '../../src/adapters/console/render.js';
import { stripMentions, toChatRequest } from '../../src/adapters/dingtalk/parse.js';
import { toDingTalkMarkdown } from '../../src/adapters/dingtalk/render.js';
import { stripBotMention } from '../../src/adapters/slack/listeners/events.js';
import { toBlockKit } from '../../src/adapters/slack/render.js';
import type { Reply } from '../../src/chat/message.js';
import type { ChatRequest, Locale, Platform } from '../../src/chat/types.js';
import { localeOf } from '../../src/adapters/slack/context.js';

// How each platform turns what a person typed into a request, exactly as its adapter does, and
// how it renders the reply. The corpus runs through all of them.

export interface Flavour {
  name: string;
  platform: Platform;
  /** The request the adapter would dispatch for this text. */
  request(text: string): ChatRequest;
  locale(text: string): Locale;
  /** The reply as the platform would send it (Block Kit JSON, DingTalk markdown, terminal text). */
  render(reply: Reply, locale: Locale): string;
}

export const FLAVOURS: Flavour[] = [
  {
    name: 'slack slash /whoowns',
    platform: 'slack',
    request: (text) => ({ command: 'whoowns', text: text.trim() }),
    locale: (text) => localeOf(text, 'en'),
    render: (reply, locale) => JSON.stringify(toBlockKit(reply, { locale })),
  },
  {
    name: 'slack @mention',
    platform: 'slack',
    request: (text) => ({ command: 'ask', text: stripBotMention(`<@UBOT> ${text}`, 'UBOT') }),
    locale: (text) => localeOf(text, 'en'),
    render: (reply, locale) => JSON.stringify(toBlockKit(reply, { locale })),
  },
  {
    name: 'dingtalk robot',
    platform: 'dingtalk',
    request: (text) => toChatRequest(stripMentions(`@whoowns ${text}`)),
    locale: (text) => localeOf(stripMentions(text), 'zh'),
    render: (reply) => JSON.stringify(toDingTalkMarkdown(reply, { mentionStaffId: 'staff01' })),
  },
  {
    name: 'console',
    platform: 'console',
    request: (text) => consoleRequest(text),
    locale: (text) => localeOf(text, 'en'),
    render: (reply) => toConsoleText(reply, false),
  },
];
