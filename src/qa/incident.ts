import type { Entry } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Lang } from '../core/i18n.js';
import { ownerLine } from './compose.js';

// Placeholder with the agreed signature: the incident helper's version replaces this file.
// An incident answer: the owner, each side's part, the first three things to do.
export function renderIncident(_kb: KnowledgeBase, e: Entry, lang: Lang, opts: { long?: boolean } = {}): string {
  const lines = [ownerLine(e.owner, lang), e.summary[lang]];
  const r = e.response;
  if (r) {
    lines.push(`${lang === 'zh' ? '阿里云' : 'Alibaba Cloud'}${lang === 'zh' ? ':' : ': '}${r.cloud[lang]}`);
    lines.push(`${lang === 'zh' ? '您这边' : 'Your part'}${lang === 'zh' ? ':' : ': '}${r.customer[lang]}`);
    lines.push(...r.first.map((s, i) => `${i + 1}. ${s[lang]}`));
  }
  if (opts.long) lines.push(e.body[lang]);
  return lines.join('\n');
}
