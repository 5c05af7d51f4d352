import type { Reply } from '../src/chat/message.js';
import type { Locale } from '../src/chat/types.js';
import type { CommandSpec } from './types.js';

export function helpReply(specs: CommandSpec[], locale: Locale): Reply {
  const title = locale === 'zh' ? 'whoowns 命令' : 'whoowns commands';
  const lines = specs
    .filter((s) => s.name !== 'help')
    .map((s) => `**${s.summary[locale]}**\n${s.usage[locale].map((u) => `• \`${u}\``).join('\n')}`);
  const tail =
    locale === 'zh'
      ? '也可以直接 @我 或私信提问。钉钉里不用斜杠,直接发 “posture sg”、“帮助”。'
      : 'You can also @mention me or send a direct message. On DingTalk, type the words without the slash: "posture sg", "help".';
  return { summary: title, blocks: [{ type: 'header', text: title }, ...lines.map((text) => ({ type: 'text' as const, text })), { type: 'context', text: tail }] };
}

/** Built by the index with the full list, so help always matches what is registered. */
export function makeHelp(all: () => CommandSpec[]): CommandSpec {
  return {
    name: 'help',
    aliases: ['帮助', '?', 'h'],
    access: 'open',
    summary: { zh: '显示命令和示例', en: 'Show commands with examples' },
    usage: { zh: ['/whoowns help', '帮助'], en: ['/whoowns help', 'help'] },
    async run(ctx) {
      await ctx.reply(helpReply(all(), ctx.locale));
    },
  };
}
