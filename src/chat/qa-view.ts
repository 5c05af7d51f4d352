import type { KnowledgeBase } from '../kb/load.js';
import type { Entry } from '../kb/schema.js';
import { OWNER_LABEL } from '../qa/compose.js';
import type { QaAnswer } from '../qa/engine.js';
import type { Block, Reply } from './message.js';
import type { Locale } from './types.js';

export interface AnswerView {
  /**
   * Add a "Full answer" button that runs `kb show <id>` for the best entry. Only where buttons
   * run commands (Slack); elsewhere the answer's "More: `whoowns kb show <id>`" line does the job.
   */
  moreButton?: boolean;
}

/** The chat command a "Full answer" button runs: the entry id only, never the question's text. */
export function moreCommand(entryId: string): string {
  return `kb show ${entryId}`;
}

/** A Q&A answer as a chat reply: owner line as the header, explanation, then sources. */
export function formatAnswer(a: QaAnswer, view: AnswerView = {}): Reply {
  const [first, ...rest] = a.answer.split('\n');
  const sources = a.sources.map((s) => `${s.title} (${s.id})`).join(a.language === 'zh' ? ';' : '; ');
  const blocks: Block[] = [
    { type: 'text', text: `**${first ?? ''}**` },
    { type: 'text', text: rest.join('\n') },
    { type: 'context', text: `${a.language === 'zh' ? '来源:' : 'Sources: '}${sources}` },
  ];
  const best = a.sources[0];
  if (view.moreButton && best) {
    blocks.push({ type: 'actions', buttons: [{ label: a.language === 'zh' ? '完整回答' : 'Full answer', command: moreCommand(best.id) }] });
  }
  return { summary: first ?? '', blocks };
}

/** One knowledge-base entry in full (what "Full answer" and `kb show` give), in `lang`. */
export function formatEntry(kb: KnowledgeBase, e: Entry, lang: Locale): Reply {
  const zh = lang === 'zh';
  const colon = zh ? ':' : ': ';
  const lines: string[] = [e.summary[lang], '', e.body[lang]];
  if (e.limits) lines.push('', `${zh ? '限制' : 'Limits'}${colon}${e.limits[lang]}`);
  if (e.standards.length) lines.push(`${zh ? '标准' : 'Standards'}${colon}${e.standards.join(', ')}`);
  const related = e.related.map((id) => kb.byId.get(id)).filter((r): r is Entry => r !== undefined);
  if (related.length) lines.push(`${zh ? '相关' : 'Related'}${colon}${related.map((r) => `${r.title[lang]} (${r.id})`).join(zh ? ';' : '; ')}`);
  if (e.docs) lines.push(`${zh ? '官方文档' : 'Docs'}${colon}${e.docs[lang]}`);
  const owner = `${zh ? '负责方' : 'Owner'}${colon}${OWNER_LABEL[e.owner][lang]}`;
  return {
    summary: `${e.title[lang]} — ${owner}`,
    blocks: [
      { type: 'header', text: e.title[lang] },
      { type: 'text', text: `**${owner}**` },
      { type: 'text', text: lines.join('\n') },
      { type: 'context', text: e.id },
    ],
  };
}
