import type { Entry, Owner } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import { buildIndex, indexFrom, matchForm, textWords, type QaIndex, type SerializedIndex } from './index.js';
import { compileIntents, detectIntent, preferFactor, type Intent, type IntentModel } from './intent.js';
import { findTerms, scoreEntries } from './match.js';
import { detectLanguage, normalize } from './normalize.js';
import { renderAnswer, renderOffTopic, renderShort, type Part } from './compose.js';
import { compileScope, otherCloud, pasteShapes, renderOtherCloud, renderPasteHint, stripPaste, type ScopeModel } from './scope.js';
import { splitParts } from './parts.js';
import { renderIncident } from './incident.js';

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
  /** The owner of the (first part's) answer; a multi-part answer names each part's owner in its text. */
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
/** At most this many parts of one question are answered. */
const MAX_PARTS = 3;

type AnsweredPart = Part & { text: string; ranked: Ranked[] };
/** The broad context entries' share of their score when a concrete subject is named too. */
const CONTEXT_WHEN_SPECIFIC = 0.6;

interface Ranked {
  id: string;
  score: number;
  named: number;
}

export class QaEngine {
  readonly index: QaIndex;
  readonly intents: IntentModel;
  readonly scope: ScopeModel;

  /** `prebuilt`: the index the build wrote for this same knowledge base (see kb/compiled.ts). */
  constructor(kb: KnowledgeBase, prebuilt?: SerializedIndex) {
    this.index = prebuilt ? indexFrom(kb, prebuilt) : buildIndex(kb);
    this.intents = compileIntents(kb.intents);
    this.scope = compileScope(kb.scope);
  }

  get kb(): KnowledgeBase {
    return this.index.kb;
  }

  ask(question: string, opts: AskOptions = {}): QaAnswer {
    const language = opts.lang ?? detectLanguage(question);
    const unmatched = (answer: string): QaAnswer => ({ question, language, matched: false, owner: null, answer, sources: [] });
    const normalized = normalize(question);
    const whole = detectIntent(this.intents, normalized, question);
    // Another cloud, unless the question also names Alibaba Cloud (a comparison: answer our side).
    const other = otherCloud(this.scope, normalized);
    if (other && !whole.cloudMention) return unmatched(renderOtherCloud(other, language));
    let text = question;
    if (pasteShapes(question) >= 1) {
      if (!whole.question) return unmatched(renderPasteHint(language));
      text = stripPaste(question);
    }
    const parts = this.answerParts(text);
    if (!parts.length) return unmatched(renderOffTopic(language));
    const first = parts[0]!;
    const sources = first.ranked
      .filter((r, i) => i === 0 || r.score >= first.ranked[0]!.score * SOURCE_SHARE)
      .slice(0, 3)
      .map((r) => ({ id: r.id, title: this.kb.byId.get(r.id)!.title[language], score: round(r.score / first.ranked[0]!.score) }));
    for (const p of parts.slice(1)) {
      if (sources.length < 3 && !sources.some((s) => s.id === p.entry.id)) sources.push({ id: p.entry.id, title: p.entry.title[language], score: round(Math.min(1, p.ranked[0]!.score / first.ranked[0]!.score)) });
    }
    const answer = opts.long
      ? parts.map((p) => (p.entry.kind === 'incident' ? renderIncident(this.kb, p.entry, language, { long: true }) : renderAnswer(this.kb, p.entry, p.intent, language))).join('\n\n')
      : renderShort(this.kb, parts, language);
    return { question, language, matched: true, owner: first.entry.owner, answer, sources };
  }

  /**
   * Each part of the question with the entry that answers it. A part that names no subject of
   * its own ("…, and who sets it up?") is about the previous part's; parts answered by the same
   * entry are answered once.
   */
  private answerParts(question: string): AnsweredPart[] {
    const out: AnsweredPart[] = [];
    for (const text of splitParts(this.intents, question).slice(0, MAX_PARTS)) {
      const prev = out.at(-1);
      const part = this.answerPart(text);
      // A piece without a subject of its own ("…吗?要重启不", "and what we secure") is the previous
      // part said further: answer the two together, so its words and intent count.
      if (prev && (!part || part.ranked[0]!.named < MIN_SCORE * 2)) {
        const joined = this.answerPart(`${prev.text} ${text}`);
        if (joined) out[out.length - 1] = joined;
        continue;
      }
      if (!part) continue;
      const same = out.find((p) => p.entry.id === part.entry.id);
      if (same) {
        same.intent = mergeIntents(same.intent, part.intent);
        continue;
      }
      out.push(part);
    }
    // No piece stands alone ("where is the line between what Alibaba secures and what we secure"):
    // the question as a whole may still name its subject.
    if (!out.length) {
      const whole = this.answerPart(normalize(question));
      if (whole) out.push(whole);
    }
    return out;
  }

  private answerPart(text: string): AnsweredPart | undefined {
    const intent = detectIntent(this.intents, normalize(text), text);
    const ranked = this.best(text, intent);
    if (!ranked) return undefined;
    const entry = this.kb.byId.get(ranked[0]!.id)!;
    return { text, entry, intent, ranked, words: [...questionWords(this.index, text), ...this.preferWords(intent)] };
  }

  private best(question: string, intent: Intent): Ranked[] | undefined {
    let ranked = this.preferCommonParent(this.rank(question, intent), intent);
    ranked = this.preferBothSides(ranked, intent);
    if ((ranked[0]?.named ?? 0) < MIN_SCORE) ranked = this.sideFallback(question, intent) ?? ranked;
    return ranked[0] && ranked[0].named >= MIN_SCORE ? ranked : undefined;
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

  /** Entries by descending score, with intent applied: the ask picks among what the subject matched. */
  rank(question: string, intent: Intent = detectIntent(this.intents, normalize(question), question)): Ranked[] {
    const hits = findTerms(this.index, matchForm(question));
    const scores = scoreEntries(this.index, hits);
    const out: Ranked[] = [];
    for (const [id, raw] of scores) out.push({ id, score: raw.score, named: raw.named });
    out.sort((a, b) => b.score - a.score);
    this.inject(out, intent);
    for (const r of out) {
      const f = intentFactor(this.kb.byId.get(r.id)!, intent) * preferFactor(this.intents, this.kb.byId.get(r.id)!, intent);
      r.score *= f;
      r.named *= f;
    }
    this.preferSpecific(out);
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /**
   * Words of a side ("our", "我们的") name the broad context entries; when the question also
   * names a concrete subject (weak passwords, a failed host), that subject's entry answers.
   */
  private preferSpecific(ranked: Ranked[]): void {
    const specific = ranked.some((r) => this.kb.byId.get(r.id)!.kind !== 'context' && r.named >= MIN_SCORE * 3);
    if (!specific) return;
    for (const r of ranked) {
      if (this.kb.byId.get(r.id)!.kind !== 'context') continue;
      r.score *= CONTEXT_WHEN_SPECIFIC;
      r.named *= CONTEXT_WHEN_SPECIFIC;
    }
  }

  /** Words the intent looks for in an entry ("does it need a reboot?" → "no reboot"). */
  private preferWords(intent: Intent): string[] {
    return [...intent.fired].flatMap((id) => this.intents.prefer.get(id)?.words ?? []).map(matchForm);
  }

  /** "Who opened port 3389?" is answered by the audit trail even though it names only the port. */
  private inject(ranked: Ranked[], intent: Intent): void {
    const top = ranked[0];
    if (!top || top.named < MIN_SCORE) return;
    for (const signal of intent.fired) {
      const p = this.intents.prefer.get(signal);
      if (!p?.inject) continue;
      for (const id of p.ids) if (!ranked.some((r) => r.id === id)) ranked.push({ id, score: top.score * 0.5, named: top.named * 0.5 });
    }
  }
}

function mergeIntents(a: Intent, b: Intent): Intent {
  const out = { ...a, fired: new Set([...a.fired, ...b.fired]) };
  for (const k of ['owner', 'what', 'how', 'compare', 'choice', 'yesNo'] as const) out[k] = a[k] || b[k];
  return out;
}

/** The words of a question that can pick an entry's sentences: its terms and content words. */
function questionWords(index: QaIndex, question: string): string[] {
  const form = matchForm(question);
  const terms = findTerms(index, form).map((h) => h.term.form);
  return [...new Set([...terms, ...textWords(question)])];
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
