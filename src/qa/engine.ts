import type { Entry, Owner } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import { buildIndex, matchForm, type QaIndex } from './index.js';
import { detectIntent, type Intent } from './intent.js';
import { findTerms, scoreEntries } from './match.js';
import { detectLanguage, normalize } from './normalize.js';
import { renderAnswer, renderOffTopic } from './compose.js';

import type { Lang } from '../core/i18n.js';

export type { Lang };

export interface AskOptions {
  lang?: Lang;
  /** The full entry instead of the short chat answer. */
  long?: boolean;
}

export interface Source {
  id: string;
  title: string;
  score: number;
}

export interface QaAnswer {
  question: string;
  language: Lang;
  matched: boolean;
  owner: Owner | null;
  answer: string;
  sources: Source[];
}

/** Below this score the question is not about anything we know. */
export const MIN_SCORE = 2;
const SIDE_CLOUD = /阿里云|阿里|\b(alibaba|aliyun)\b/;
const SIDE_CUSTOMER = /我们|我方|客户|用户|\b(we|us|customers?|tenants?)\b/;
/** Sources listed besides the best entry must score at least this share of it. */
const SOURCE_SHARE = 0.5;

interface Ranked {
  id: string;
  score: number;
  named: number;
}

export class QaEngine {
  readonly index: QaIndex;

  constructor(kb: KnowledgeBase) {
    this.index = buildIndex(kb);
  }

  get kb(): KnowledgeBase {
    return this.index.kb;
  }

  ask(question: string, opts: AskOptions = {}): QaAnswer {
    const language = opts.lang ?? detectLanguage(question);
    const intent = detectIntent(normalize(question), question);
    let ranked = this.preferCommonParent(this.rank(question, intent), intent);
    ranked = this.preferBothSides(ranked, intent);
    if ((ranked[0]?.named ?? 0) < MIN_SCORE) ranked = this.sideFallback(question, intent) ?? ranked;
    const best = ranked[0];
    if (!best || best.named < MIN_SCORE) {
      return { question, language, matched: false, owner: null, answer: renderOffTopic(language), sources: [] };
    }
    const entry = this.kb.byId.get(best.id)!;
    const sources = ranked
      .filter((r, i) => i === 0 || r.score >= best.score * SOURCE_SHARE)
      .slice(0, 3)
      .map((r) => ({ id: r.id, title: this.kb.byId.get(r.id)!.title[language], score: round(r.score / best.score) }));
    return {
      question,
      language,
      matched: true,
      owner: entry.owner,
      answer: renderAnswer(this.kb, entry, intent, language),
      sources,
    };
  }

  /**
   * "What is Alibaba Cloud responsible for?" names no subject but a side of the model: answer
   * with that side. Only for questions about responsibility, so small talk stays unmatched.
   */
  private sideFallback(question: string, intent: Intent): Ranked[] | undefined {
    if (!intent.owner) return undefined;
    const q = normalize(question);
    const id = SIDE_CLOUD.test(q) ? 'context.of-the-cloud' : SIDE_CUSTOMER.test(q) ? 'context.in-the-cloud' : undefined;
    return id && this.kb.byId.has(id) ? [{ id, score: MIN_SCORE, named: MIN_SCORE }] : undefined;
  }

  /**
   * "Where is the line between what Alibaba secures and what we secure?" and "is ECS security
   * Alibaba's or ours?" ask about the model itself — unless a concrete subject (patching, disks)
   * is named, in which case that subject's entry answers.
   */
  private preferBothSides(ranked: Ranked[], intent: Intent): Ranked[] {
    if (!intent.cloudMention || !intent.customerMention) return ranked;
    const top = ranked[0] ? this.kb.byId.get(ranked[0].id) : undefined;
    // A side of the model that clearly leads ("inside my VM") is a subject, not a vague choice.
    const sides = ['context.of-the-cloud', 'context.in-the-cloud'];
    const otherSide = ranked.find((r) => sides.includes(r.id) && r.id !== top?.id);
    const sideLeads = top !== undefined && sides.includes(top.id) && (otherSide?.score ?? 0) < ranked[0]!.score * 0.8;
    const vague = !top || (top.kind === 'context' && !sideLeads) || ranked[0]!.named < MIN_SCORE * 3;
    if (!intent.compare && !(intent.choice && vague)) return ranked;
    const model = 'context.shared-model';
    if (!this.kb.byId.has(model)) return ranked;
    const score = Math.max(ranked[0]?.score ?? MIN_SCORE, MIN_SCORE);
    return [{ id: model, score, named: score }, ...ranked.filter((r) => r.id !== model)];
  }

  /**
   * Asked for the difference between two siblings (security of vs. in the cloud), the answer
   * is their common parent, which explains both sides.
   */
  private preferCommonParent(ranked: Ranked[], intent: Intent): Ranked[] {
    const [a, b] = ranked;
    if (!intent.compare || !a || !b || b.score < a.score * 0.6) return ranked;
    const pa = this.kb.byId.get(a.id)?.parent;
    if (!pa || pa !== this.kb.byId.get(b.id)?.parent) return ranked;
    return [{ ...a, id: pa }, ...ranked.filter((r) => r.id !== pa)];
  }

  /** Entries by descending score, with intent applied as gentle tie-breakers. */
  rank(question: string, intent: Intent = detectIntent(normalize(question), question)): Ranked[] {
    const hits = findTerms(this.index, matchForm(question));
    const scores = scoreEntries(this.index, hits);
    const out: Ranked[] = [];
    for (const [id, raw] of scores) {
      const f = intentFactor(this.kb.byId.get(id)!, intent);
      out.push({ id, score: raw.score * f, named: raw.named * f });
    }
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }
}

// "Who owns X" is about duties and layers; "what is X" is about products. Who the question
// casts as the subject (Alibaba Cloud's bastion hosts vs. my instance) nudges ties.
function intentFactor(e: Entry, intent: Intent): number {
  let f = 1;
  const isProduct = e.kind === 'product' || e.kind === 'product-group';
  if (intent.owner && !intent.what && !isProduct) f *= 1.25;
  if (intent.what && !intent.owner && isProduct) f *= 1.25;
  if (intent.how && isProduct) f *= 1.1;
  if (intent.cloudSide && e.owner === 'alibaba-cloud') f *= 1.2;
  if (intent.customerSide && e.owner === 'customer') f *= 1.1;
  // Who the question names as the actor, when it names only one side.
  if (intent.cloudMention && !intent.customerMention && e.owner === 'alibaba-cloud') f *= 1.1;
  if (intent.customerMention && !intent.cloudMention && e.owner === 'customer') f *= 1.05;
  if (e.kind === 'product-group') f *= 0.8;
  return f;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
