import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Entry } from '../kb/schema.js';
import { OWNER_LABEL } from '../core/i18n.js';
import { firstSteps, partLines } from '../qa/incident.js';
import type { Lang } from '../qa/engine.js';
import type { CliIo } from './io.js';
import { alignColumns } from '../core/text-width.js';
import { quoted } from './options.js';

export function runKbList(kb: KnowledgeBase, opts: { kind?: string; owner?: string; lang: Lang; json?: boolean }, io: CliIo): number {
  const rows = kb.entries.filter((e) => (!opts.kind || e.kind === opts.kind) && (!opts.owner || e.owner === opts.owner));
  if (opts.json) {
    io.out(`${JSON.stringify(rows.map((e) => ({ id: e.id, kind: e.kind, owner: e.owner, title: e.title })))}\n`);
    return 0;
  }
  const header = opts.lang === 'zh' ? ['id', '类型', '负责方', '标题'] : ['id', 'kind', 'owner', 'title'];
  const lines = alignColumns([header, ...rows.map((e) => [e.id, e.kind, e.owner, e.title[opts.lang]])]);
  for (const l of lines) io.out(`${l}\n`);
  io.out(opts.lang === 'zh' ? `共 ${rows.length} 条\n` : `${rows.length} entries\n`);
  return 0;
}

export function runKbShow(kb: KnowledgeBase, id: string, opts: { lang: Lang; json?: boolean }, io: CliIo): number {
  const e = kb.byId.get(id);
  if (!e) {
    // Fuzzy search costs grow with the length of the input; no id is anywhere near 200 characters.
    const near = id.length > 200 ? [] : new Fuse(kb.entries, { keys: ['id', 'title.en', 'title.zh'], threshold: 0.4 }).search(id, { limit: 3 });
    const hint = near.map((r) => r.item.id).join(', ');
    io.err(
      opts.lang === 'zh'
        ? `错误:没有 id 为 ${quoted(id)} 的条目。${hint ? `你是不是想找:${hint}?` : ''}用 whoowns kb list 查看全部条目。\n`
        : `Error: no entry with id ${quoted(id)}. ${hint ? `Did you mean: ${hint}? ` : ''}Run "whoowns kb list" to see all entries.\n`,
    );
    return 2;
  }
  io.out(opts.json ? `${JSON.stringify(e, null, 2)}\n` : formatEntry(kb, e, opts.lang));
  return 0;
}

function formatEntry(kb: KnowledgeBase, e: Entry, lang: Lang): string {
  const lines = [
    `${e.title[lang]}  [${e.id}]`,
    `${lang === 'zh' ? '类型' : 'Kind'}: ${e.kind}    ${lang === 'zh' ? '负责方' : 'Owner'}: ${OWNER_LABEL[e.owner][lang]}`,
    '',
    e.summary[lang],
    '',
    e.body[lang],
  ];
  // An incident is read mid-incident: each side's part and what to do first, right after the body.
  if (e.response) lines.push('', ...partLines(e, lang), ...firstSteps(e, lang));
  if (e.limits) lines.push('', `${lang === 'zh' ? '限制' : 'Limits'}: ${e.limits[lang]}`);
  if (e.standards.length) lines.push(`${lang === 'zh' ? '标准' : 'Standards'}: ${e.standards.join(', ')}`);
  const aliases = [...e.aliases.zh, ...e.aliases.en];
  if (aliases.length) lines.push(`${lang === 'zh' ? '别名' : 'Aliases'}: ${aliases.join(', ')}`);
  if (e.parent) lines.push(`${lang === 'zh' ? '上级' : 'Parent'}: ${kb.byId.get(e.parent)?.title[lang] ?? e.parent} [${e.parent}]`);
  if (e.related.length) {
    lines.push(`${lang === 'zh' ? '相关' : 'Related'}: ${e.related.map((r) => `${kb.byId.get(r)?.title[lang] ?? r} [${r}]`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
