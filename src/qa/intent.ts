import type { Entry, IntentFile, SignalId } from '../kb/schema.js';
import { normalize } from './normalize.js';

// Question intent, from the words people use to ask. The cues and their weights are data
// (knowledge/intents.yaml); this module only compiles them and adds them up.

export interface Intent {
  /** "Who owns / who is responsible / 谁负责 ..." — lead with the owner. */
  owner: boolean;
  /** "What is X / X是什么 / what does X do" — explain the thing. */
  what: boolean;
  /** "How do I ... / 怎么 ..." — lead with what to do and what helps. */
  how: boolean;
  /** "What is the difference between X and Y / X和Y的区别" — answer with what X and Y share. */
  compare: boolean;
  /** "A or B / A还是B" — a choice between two options. */
  choice: boolean;
  /** "…, right? / …对吧?" — a statement put up for a yes or a no. */
  yesNo: boolean;
  /** Alibaba Cloud is mentioned at all. */
  cloudMention: boolean;
  /** The asker's side (we, my, 客户 ...) is mentioned at all. */
  customerMention: boolean;
  /** The question frames the subject as Alibaba Cloud's (阿里云的 ..., Alibaba Cloud's ...). */
  cloudSide: boolean;
  /** The question frames the subject as the asker's own (我的 ..., my instance ...). */
  customerSide: boolean;
  /** The side a yes/no question says does the thing, when it says one. */
  claim: 'alibaba-cloud' | 'customer' | null;
  /** Any sign of a question (a question mark or a question word). */
  question: boolean;
  /** Every signal that fired, for the preferences attached to them. */
  fired: Set<SignalId>;
}

interface CompiledSignal {
  id: SignalId;
  cues: { re: RegExp; weight: number }[];
}

export interface IntentModel {
  signals: CompiledSignal[];
  prefer: Map<SignalId, NonNullable<IntentFile['signals'][number]['prefer']>>;
  /** Where the next part of a multi-part question starts. */
  joiner: RegExp | null;
  /** A normalised clause that opens with a question word; two such clauses are two parts. */
  clauseQuestion: RegExp | null;
}

const LATIN_EDGE = /[a-z0-9]/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One cue as a pattern over normalised text; see the header of knowledge/intents.yaml. */
export function cuePattern(cue: string): string {
  let c = cue.trim();
  const start = c.startsWith('^');
  const end = c.endsWith('$');
  const open = c.endsWith('*');
  c = c.replace(/^\^|[$*]$/g, '');
  const pieces = c.split('…').map((p) => normalize(p)).filter(Boolean);
  const body = pieces
    .map((p, i) => {
      let out = escape(p);
      if (LATIN_EDGE.test(p[0]!)) out = `(?<![a-z0-9])${out}`;
      const last = i === pieces.length - 1;
      if (last && open) out += '[a-z0-9]*';
      else if (LATIN_EDGE.test(p[p.length - 1]!)) out += '(?![a-z0-9])';
      return out;
    })
    .join('.*?');
  return `${start ? '^' : ''}${body}${end ? '$' : ''}`;
}

export function compileIntents(file: IntentFile): IntentModel {
  const signals = file.signals.map((s) => ({
    id: s.id,
    cues: s.cues.flatMap((g) => [...g.zh, ...g.en].map((cue) => ({ re: new RegExp(cuePattern(cue)), weight: g.weight }))),
  }));
  const prefer = new Map(file.signals.flatMap((s) => (s.prefer ? [[s.id, s.prefer] as const] : [])));
  const joiners = [...file.joiners.zh, ...file.joiners.en].map(cuePattern);
  // The same cue patterns as the signals: a Latin word must end where the word does ("who", not "whole").
  const clauseQuestions = [...(file.clauseQuestions?.zh ?? []), ...(file.clauseQuestions?.en ?? [])].map(cuePattern);
  return {
    signals,
    prefer,
    joiner: joiners.length ? new RegExp(joiners.join('|'), 'g') : null,
    clauseQuestion: clauseQuestions.length ? new RegExp(`^(?:${clauseQuestions.join('|')})`) : null,
  };
}

/** The weight of each signal's cues found in the normalised question. */
export function signalScores(model: IntentModel, normalized: string): Map<SignalId, number> {
  const out = new Map<SignalId, number>();
  for (const s of model.signals) {
    let w = 0;
    for (const c of s.cues) if (c.re.test(normalized)) w += c.weight;
    if (w > 0) out.set(s.id, (out.get(s.id) ?? 0) + w);
  }
  return out;
}

export function detectIntent(model: IntentModel, normalized: string, raw: string = normalized): Intent {
  const scores = signalScores(model, normalized);
  const fired = new Set([...scores].filter(([, w]) => w >= 1).map(([id]) => id));
  const on = (id: SignalId) => fired.has(id);
  const yesNo = on('yes-no');
  const cloudClaim = scores.get('claims-cloud') ?? 0;
  const customerClaim = scores.get('claims-customer') ?? 0;
  // A premise names one side as the actor; a question naming both equally claims neither.
  const claim = !yesNo || cloudClaim === customerClaim ? null : cloudClaim > customerClaim ? 'alibaba-cloud' : 'customer';
  return {
    owner: on('owner'),
    what: on('what') || on('which-product'),
    how: on('how'),
    compare: on('compare'),
    choice: on('choice'),
    yesNo,
    cloudMention: on('cloud-mention'),
    customerMention: on('customer-mention'),
    cloudSide: on('cloud-side'),
    customerSide: on('customer-side'),
    claim,
    question: /[??]/.test(raw) || on('question') || on('owner'),
    fired,
  };
}

const textOf = new WeakMap<Entry, string>();
function entryText(e: Entry): string {
  let t = textOf.get(e);
  if (t === undefined) textOf.set(e, (t = `${e.summary.zh} ${e.body.zh} ${e.summary.en} ${e.body.en}`.toLowerCase()));
  return t;
}

/** How much the question's intent favours an entry the subject matched. */
export function preferFactor(model: IntentModel, e: Entry, intent: Intent): number {
  let f = 1;
  for (const [id, p] of model.prefer) {
    const fired = intent.fired.has(id);
    if (!fired && p.absent === undefined) continue;
    const text = entryText(e);
    if (!(p.kinds.includes(e.kind) || p.ids.includes(e.id) || p.words.some((w) => text.includes(w.toLowerCase())))) continue;
    f *= fired ? p.factor : p.absent!;
  }
  return f;
}

/** Words that carry the question's form, not its subject. Removed before fuzzy matching. */
export const STOPWORDS = new Set([
  // en
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'doing', 'done', 'to', 'of', 'in',
  'on', 'for', 'at', 'by', 'with', 'from', 'and', 'or', 'not', 'no', 'it', 'its', 'this', 'that', 'these', 'those',
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'they', 'their', 'he', 'she', 'who', 'whom', 'whose', 'what', 'whats',
  'which', 'when', 'where', 'why', 'how', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must',
  'responsible', 'responsibility', 'responsibilitie', 'own', 'owns', 'owner', 'charge', 'job', 'duty', 'about', 'tell',
  'explain', 'please', 'there', 'any', 'some', 'up', 'out', 'if', 'so', 'than', 'then', 'have', 'has', 'had', 'get',
  'use', 'used', 'us', 'need', 'make', 'sure', 'keep', 'kept', 'set', 'handle', 'take', 'care', 'mean', 'really',
  'ecs', 'alibaba', 'aliyun', 'cloud', 'security', 'secure', 'instance', 'instances', 'server', 'servers', 'box',
  'hi', 'hello', 'hey', 'thanks', 'thank', 'ok',
  // zh
  '谁', '的', '了', '是', '吗', '呢', '吧', '啊', '和', '与', '及', '或', '在', '由', '来', '去', '把', '被', '给', '对',
  '我', '我们', '你', '你们', '他们', '它', '这', '那', '这个', '那个', '哪', '哪里', '哪些', '什么', '怎么', '怎样',
  '如何', '为什么', '负责', '责任', '管', '做', '能', '会', '要', '应该', '需要', '可以', '一下', '请问', '请', '一个',
  '云', '安全', '阿里', '阿里云', '实例', '服务', '服务器', '上', '中', '里', '有', '没有', '不', '吗', '么',
]);
