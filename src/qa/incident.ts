import type { Lang } from '../core/i18n.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Entry } from '../kb/schema.js';
import { OWNER_LABEL } from '../core/i18n.js';

// An incident answer is read by someone in the middle of one: who owns it and what to do now
// come first, the full split and the tools after. The short form fits a chat message.

/** The short form must fit a chat answer. */
export const SHORT_MAX = 600;

const L = {
  owner: { zh: '负责方:', en: 'Owner: ' },
  dash: { zh: '——', en: ' — ' },
  cloudPart: { zh: '阿里云的部分:', en: "Alibaba Cloud's part: " },
  yourPart: { zh: '您的部分:', en: 'Your part: ' },
  first: { zh: '首先:', en: 'First:' },
  helps: { zh: '可用的阿里云产品:', en: 'What helps: ' },
  duties: { zh: '对应的责任:', en: 'Duties: ' },
  more: { zh: '详情:', en: 'More: ' },
} as const;

const LIST_SEP = { zh: '、', en: ', ' } as const;
const DUTY_SEP = { zh: ';', en: '; ' } as const;

export interface IncidentRenderOptions {
  long?: boolean;
  /** The closing "More: `whoowns kb show <id>`" line; off when the caller adds its own. */
  pointer?: boolean;
}

export function renderIncident(kb: KnowledgeBase, e: Entry, lang: Lang, opts: IncidentRenderOptions = {}): string {
  const r = e.response;
  const steps = r ? firstSteps(e, lang) : [];
  const tail = [...(opts.long ? helpLines(kb, e, lang) : []), ...(opts.pointer === false ? [] : [`${L.more[lang]}\`whoowns kb show ${e.id}\``])];
  if (opts.long) return [ownerSplit(e, lang, true), e.summary[lang], ...partLines(e, lang), ...steps, ...tail].join('\n');
  // Short: the owner split, what happened in one sentence, the first steps. Whatever does not fit
  // in SHORT_MAX goes, the summary first and then the other side's share; the owner always leads.
  const tries = [
    [ownerSplit(e, lang, true), e.summary[lang], ...steps, ...tail],
    [ownerSplit(e, lang, true), ...steps, ...tail],
    [ownerSplit(e, lang, false), ...steps, ...tail],
  ];
  const fits = tries.find((lines) => lines.join('\n').length <= SHORT_MAX) ?? tries.at(-1)!;
  return (r ? fits : [ownerSplit(e, lang, false), e.summary[lang], ...tail]).join('\n');
}

/** Each side's part in full, labelled; none for an entry without a response. */
export function partLines(e: Entry, lang: Lang): string[] {
  const r = e.response;
  return r ? [`${L.cloudPart[lang]}${r.cloud[lang]}`, `${L.yourPart[lang]}${r.customer[lang]}`] : [];
}

/** "First:" and the numbered steps; none for an entry without a response. */
export function firstSteps(e: Entry, lang: Lang): string[] {
  const r = e.response;
  return r ? [L.first[lang], ...r.first.map((step, i) => `${i + 1}. ${step[lang]}`)] : [];
}

/** "Owner: You (customer) — Alibaba Cloud's part: …": the owner, then the other side's share. */
function ownerSplit(e: Entry, lang: Lang, withParts: boolean): string {
  const head = `${L.owner[lang]}${OWNER_LABEL[e.owner][lang]}`;
  const r = e.response;
  if (!r || !withParts) return head;
  const cloud = firstSentence(r.cloud[lang]);
  const customer = firstSentence(r.customer[lang]);
  const cloudPart = `${L.cloudPart[lang]}${cloud}`;
  const yourPart = `${L.yourPart[lang]}${customer}`;
  if (e.owner === 'customer') return `${head}${L.dash[lang]}${cloudPart}`;
  if (e.owner === 'alibaba-cloud') return `${head}${L.dash[lang]}${yourPart}`;
  return `${head}${L.dash[lang]}${cloudPart}${lang === 'zh' ? '' : ' '}${yourPart}`;
}

function helpLines(kb: KnowledgeBase, e: Entry, lang: Lang): string[] {
  const related = e.related.map((id) => kb.byId.get(id)).filter((r): r is Entry => r !== undefined);
  const products = related.filter((r) => r.kind === 'product' || r.kind === 'product-group');
  const duties = related.filter((r) => r.kind !== 'product' && r.kind !== 'product-group');
  const out: string[] = [];
  if (products.length) out.push(`${L.helps[lang]}${products.map((p) => p.title[lang]).join(LIST_SEP[lang])}`);
  if (duties.length) {
    out.push(`${L.duties[lang]}${duties.map((d) => `${d.title[lang]} (${OWNER_LABEL[d.owner][lang]})`).join(DUTY_SEP[lang])}`);
  }
  return out;
}

/** The first sentence of a part: the incident file writes each part so that it stands alone. */
export function firstSentence(text: string): string {
  const m = /^.*?(?:[。!?]|[.!?](?=\s|$))/su.exec(text.trim());
  return (m ? m[0] : text).trim();
}
