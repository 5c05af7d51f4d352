import { formatEntry } from '../src/chat/qa-view.js';
import { echo } from '../src/core/echo.js';
import { WhoownsError } from '../src/core/errors.js';
import { nearestWord } from './suggest.js';
import type { CommandSpec } from './types.js';

// "kb show <id>": one knowledge-base entry in full. What an answer's "More: `whoowns kb show
// <id>`" line names and what the Slack "Full answer" button runs (its value carries only the id).

const SHOW = /^show\s+(\S+)$/i;

export const kb: CommandSpec = {
  name: 'kb',
  aliases: ['知识库'],
  access: 'open',
  summary: { zh: '查看知识库中的一个条目(完整回答)', en: 'Show one knowledge-base entry in full (the full answer)' },
  usage: { zh: ['/whoowns kb show customer.os-patching'], en: ['/whoowns kb show customer.os-patching'] },
  async run(ctx, args, services) {
    const m = SHOW.exec(args.trim());
    if (!m) {
      throw new WhoownsError('USAGE', {
        zh: '用法:kb show <条目 id>,例如 kb show customer.os-patching(id 在回答的“来源”里)。',
        en: 'Usage: kb show <entry id>, e.g. kb show customer.os-patching (ids are listed in an answer’s sources).',
      });
    }
    const kb = services.qa.kb;
    const entry = kb.byId.get(m[1]!);
    if (!entry) {
      const near = nearestWord(m[1]!, kb.entries.map((e) => e.id));
      const id = echo(m[1]!);
      throw new WhoownsError('NOT_FOUND', {
        zh: `没有 id 为 ${id} 的条目。${near ? `你是不是想找:${near}?` : ''}直接提问即可,回答会列出条目 id。`,
        en: `No entry with id ${id}. ${near ? `Did you mean ${near}? ` : ''}Ask a question instead; the answer lists entry ids.`,
      });
    }
    // The full entry is long and only the one who asked for it wants it: keep it to them.
    await ctx.reply({ ...formatEntry(kb, entry, ctx.locale), ephemeral: true });
  },
};
