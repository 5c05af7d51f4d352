import type { Entry, Owner } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import type { Intent } from './intent.js';
import { OWNER_LABEL, type Lang } from '../core/i18n.js';
import { matchForm } from './index.js';
import { renderIncident } from './incident.js';

// Answers are built from entries, never free text: owner first, then why, then what helps.

export { OWNER_LABEL };

const SIDE: Record<Owner, Record<Lang, string>> = {
  'alibaba-cloud': { zh: '这属于“云本身”的安全。', en: 'This is security OF the cloud.' },
  customer: { zh: '这属于“云上”的安全。', en: 'This is security IN the cloud.' },
  shared: { zh: '双方各负其责。', en: 'Each side owns its part.' },
};

const L = {
  owner: { zh: '负责方', en: 'Owner' },
  partOf: { zh: '所属层面', en: 'Part of' },
  helps: { zh: '可用的阿里云产品', en: 'What helps' },
  serves: { zh: '对应的责任', en: 'Duty it serves' },
  limits: { zh: '限制', en: 'Limits' },
  standards: { zh: '标准', en: 'Standards' },
  yourPart: { zh: '您这边', en: 'Your part' },
  docs: { zh: '官方文档', en: 'Docs' },
  includes: { zh: '包括', en: 'It covers' },
} as const;

export function ownerLine(owner: Owner, lang: Lang): string {
  const stop = lang === 'zh' ? '。' : '. ';
  return `${L.owner[lang]}${colon(lang)}${OWNER_LABEL[owner][lang]}${stop}${SIDE[owner][lang]}`;
}

function colon(lang: Lang): string {
  return lang === 'zh' ? ':' : ': ';
}

export function renderAnswer(kb: KnowledgeBase, e: Entry, intent: Intent, lang: Lang): string {
  const lines: string[] = [];
  const isProduct = e.kind === 'product' || e.kind === 'product-group';
  const lead = intent.owner || !isProduct;
  if (lead) lines.push(ownerLine(e.owner, lang));
  lines.push(`${e.title[lang]}${colon(lang)}${e.summary[lang]}`);
  lines.push(e.body[lang]);
  if (e.limits) lines.push(`${L.limits[lang]}${colon(lang)}${e.limits[lang]}`);
  const parent = e.parent ? kb.byId.get(e.parent) : undefined;
  const standards = [...e.standards, ...(parent?.standards ?? [])];
  if (parent && parent.kind === 'layer') lines.push(`${L.partOf[lang]}${colon(lang)}${parent.title[lang]}`);
  if (standards.length) lines.push(`${L.standards[lang]}${colon(lang)}${[...new Set(standards)].join(', ')}`);
  const related = e.related.map((id) => kb.byId.get(id)).filter((r): r is Entry => r !== undefined);
  const products = related.filter((r) => r.kind === 'product');
  const duties = related.filter((r) => r.kind !== 'product' && r.kind !== 'product-group');
  if (isProduct && duties.length) {
    lines.push(`${L.serves[lang]}${colon(lang)}${duties.map((d) => `${d.title[lang]} (${OWNER_LABEL[d.owner][lang]})`).join(lang === 'zh' ? ';' : '; ')}`);
  }
  if (products.length) {
    lines.push(`${L.helps[lang]}${colon(lang)}${products.map((p) => p.title[lang]).join(lang === 'zh' ? '、' : ', ')}`);
  }
  if (e.owner === 'alibaba-cloud' && intent.owner) {
    const inCloud = kb.byId.get('context.in-the-cloud');
    if (inCloud) lines.push(`${L.yourPart[lang]}${colon(lang)}${inCloud.summary[lang]}`);
  }
  if (e.docs) lines.push(`${L.docs[lang]}${colon(lang)}${e.docs[lang]}`);
  return lines.join('\n');
}

/** One part of a question and the entry that answers it. */
export interface Part {
  entry: Entry;
  intent: Intent;
  /** The question's words in matching form, to pick the entry's sentences that answer it. */
  words: string[];
}

/** A chat answer stays under this many characters. */
export const SHORT_MAX = 600;
const SENTENCES_FIRST = 3;
const SENTENCES_MORE = 2;
/** An entry's text is never clipped below this many characters. */
const MIN_TEXT = 120;

const OWNS: Record<Owner, Record<Lang, string>> = {
  'alibaba-cloud': { zh: '这由阿里云负责', en: 'Alibaba Cloud owns this' },
  customer: { zh: '这由您(客户)负责', en: 'this is yours, the customer’s' },
  shared: { zh: '这由阿里云与客户共同承担', en: 'it is shared by Alibaba Cloud and you' },
};
const NOT: Record<'alibaba-cloud' | 'customer', Record<Lang, string>> = {
  'alibaba-cloud': { zh: '不是阿里云', en: 'not Alibaba Cloud’s' },
  customer: { zh: '不是您', en: 'not yours' },
};

/**
 * The premise line of a yes/no question that names who does the thing: "No — …" when the
 * entry's owner contradicts it, "Yes — …" when it agrees, "Partly — …" when both sides share it.
 */
export function premiseLine(e: Entry, claim: 'alibaba-cloud' | 'customer', lang: Lang): string {
  const what = e.title[lang];
  if (e.owner === 'shared') {
    return lang === 'zh' ? `不完全是。${OWNS.shared.zh}:${what}。` : `Partly — ${OWNS.shared.en}: ${what}.`;
  }
  if (e.owner === claim) return lang === 'zh' ? `是的。${OWNS[e.owner].zh}:${what}。` : `Yes — ${OWNS[e.owner].en}: ${what}.`;
  return lang === 'zh' ? `不是。${OWNS[e.owner].zh},${NOT[claim].zh}:${what}。` : `No — ${OWNS[e.owner].en}, ${NOT[claim].en}: ${what}.`;
}

function sentences(text: string, lang: Lang): string[] {
  const parts = lang === 'zh' ? text.split(/(?<=[。!?;])/) : text.split(/(?<=[.!?;])\s+(?=[A-Z(])/);
  return parts.map((s) => s.trim()).filter(Boolean);
}

// Sentences repeat from answer to answer: their matching form is worked out once.
const forms = new Map<string, string>();
function formOf(s: string): string {
  let f = forms.get(s);
  if (f === undefined) forms.set(s, (f = matchForm(s)));
  return f;
}

/** The entry's sentences that answer this question best, in their own order; the summary leads. */
function pickSentences(e: Entry, words: string[], lang: Lang, n: number, prefer: string[]): string[] {
  const [summary, ...rest] = [e.summary[lang], ...sentences(e.body[lang], lang), ...(e.limits ? [e.limits[lang]] : [])];
  const scored = rest.map((s, i) => {
    const form = formOf(s);
    let score = words.filter((w) => form.includes(w)).reduce((sum, w) => sum + Math.min(4, w.length) / 2, 0);
    if (prefer.some((w) => s.toLowerCase().includes(w.toLowerCase()))) score += 3;
    return { s, i, score };
  });
  const chosen = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, n - 1)
    .sort((a, b) => a.i - b.i);
  return [summary!, ...chosen.map((x) => x.s)];
}

function partLines(kb: KnowledgeBase, p: Part, lang: Lang, first: boolean, prefer: string[]): string[] {
  const { entry: e, intent } = p;
  const lines: string[] = [];
  if (e.kind === 'incident') {
    if (intent.yesNo && intent.claim) lines.push(premiseLine(e, intent.claim, lang));
    return [...lines, renderIncident(kb, e, lang, { pointer: false })];
  }
  const isProduct = e.kind === 'product' || e.kind === 'product-group';
  const premise = intent.yesNo && intent.claim ? premiseLine(e, intent.claim, lang) : undefined;
  if (premise) lines.push(premise);
  lines.push(ownerLine(e.owner, lang));
  lines.push(pickSentences(e, p.words, lang, first ? SENTENCES_FIRST : SENTENCES_MORE, prefer).join(lang === 'zh' ? '' : ' '));
  if (e.standards.length) lines.push(`${L.standards[lang]}${colon(lang)}${e.standards.join(', ')}`);
  const related = e.related.map((id) => kb.byId.get(id)).filter((r): r is Entry => r !== undefined);
  const products = related.filter((r) => r.kind === 'product').slice(0, 3);
  const duties = related.filter((r) => r.kind !== 'product' && r.kind !== 'product-group').slice(0, 2);
  if (isProduct && duties.length) {
    lines.push(`${L.serves[lang]}${colon(lang)}${duties.map((d) => `${d.title[lang]} (${OWNER_LABEL[d.owner][lang]})`).join(lang === 'zh' ? ';' : '; ')}`);
  }
  if (products.length) lines.push(`${L.helps[lang]}${colon(lang)}${products.map((r) => r.title[lang]).join(lang === 'zh' ? '、' : ', ')}`);
  if (intent.fired.has('list')) {
    const items = listItems(kb, e, lang);
    if (items.length) lines.push(`${L.includes[lang]}${colon(lang)}${items.join(lang === 'zh' ? ';' : '; ')}`);
  }
  return lines;
}

/** What an entry is made of: the entries under it, or, for an overview, its groups and their members. */
function listItems(kb: KnowledgeBase, e: Entry, lang: Lang): string[] {
  const under = (id: string) => kb.entries.filter((c) => c.parent === id);
  const sep = lang === 'zh' ? '、' : ', ';
  const children = under(e.id);
  if (children.length) return [children.map((c) => c.title[lang]).join(sep)];
  const groups = e.related.map((id) => kb.byId.get(id)).filter((g): g is Entry => g?.kind === 'product-group');
  return groups.map((g) => `${g.title[lang]}${colon(lang)}${under(g.id).map((c) => c.title[lang]).join(sep)}`);
}

/**
 * The chat answer: for each part, the premise correction or the owner first, then the two or
 * three sentences of the entry that answer this question, then where to read the full entry.
 * Kept under SHORT_MAX by dropping the least needed lines (what helps, then sentences).
 */
export function renderShort(kb: KnowledgeBase, parts: Part[], lang: Lang, prefer: string[] = []): string {
  const more = `${lang === 'zh' ? '详情:' : 'More: '}${parts.map((p) => `\`whoowns kb show ${p.entry.id}\``).join(lang === 'zh' ? '、' : ', ')}`;
  const blocks = parts.map((p, i) => partLines(kb, p, lang, i === 0, prefer));
  const text = () => [...blocks.map((b) => b.join('\n')), more].join('\n');
  const droppable = (line: string) => line.startsWith(L.helps[lang]) || line.startsWith(L.serves[lang]);
  // Trim the last parts first: what helps goes first unless the question asks how or with
  // what; then the text, down to a sentence or two; never the owner or premise lines.
  for (let i = blocks.length - 1; i >= 0 && [...text()].length > SHORT_MAX; i--) {
    const asksForTools = parts[i]!.intent.how || parts[i]!.intent.fired.has('which-product');
    if (!asksForTools) blocks[i] = blocks[i]!.filter((l) => !droppable(l));
  }
  for (let i = blocks.length - 1; i >= 0 && [...text()].length > SHORT_MAX; i--) {
    const b = blocks[i]!;
    const at = b.findIndex((l) => !l.startsWith(L.owner[lang]) && !/^(No|Yes|Partly) —|^(不是|是的|不完全是)。/.test(l));
    if (at >= 0) b[at] = clip(b[at]!, Math.max(MIN_TEXT, [...b[at]!].length - ([...text()].length - SHORT_MAX)), lang);
  }
  for (let i = blocks.length - 1; i >= 0 && [...text()].length > SHORT_MAX; i--) {
    blocks[i] = blocks[i]!.filter((l) => !droppable(l));
  }
  return text();
}

/** Cut a text at a sentence end within `max` characters (or hard, with an ellipsis). */
function clip(s: string, max: number, lang: Lang): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const head = chars.slice(0, max - 1).join('');
  const last = (marks: string[]) => Math.max(...marks.map((m) => head.lastIndexOf(m)));
  // A whole sentence when one fits; else the last whole clause, marked as cut.
  const sentence = last(lang === 'zh' ? ['。', '!', '?'] : ['. ', '! ', '? ']);
  if (sentence > max / 3) return head.slice(0, sentence + 1).trim();
  const clause = last(lang === 'zh' ? [';', ','] : ['; ', ', ']);
  return clause > max / 3 ? `${head.slice(0, clause).trim()}…` : `${head}…`;
}

export const EXAMPLES: Record<Lang, string[]> = {
  zh: ['谁负责ECS操作系统的补丁?', '安全组规则由谁配置?', '虚拟化层的安全由谁保障?'],
  en: ['Who patches the OS on my ECS instances?', 'Who configures security group rules?', 'Who secures the physical data centres?'],
};

export function renderOffTopic(lang: Lang): string {
  const head =
    lang === 'zh'
      ? '我只回答 ECS 安全责任共担方面的问题(哪些由阿里云负责、哪些由您负责)。可以试试:'
      : 'I answer questions about ECS security responsibility: what Alibaba Cloud owns and what you own. Try:';
  return [head, ...EXAMPLES[lang].map((q) => `• ${q}`)].join('\n');
}
