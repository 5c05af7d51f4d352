import Fuse from 'fuse.js';
import type { Entry } from '../kb/schema.js';
import type { KnowledgeBase } from '../kb/load.js';
import { hasHan, normalize } from './normalize.js';
import { segment, stem } from './segment.js';
import { STOPWORDS } from './intent.js';

// The searchable form of the knowledge base. Every name people use for a thing (titles,
// aliases, keywords and their cross-language synonyms) becomes a "term"; each term stands
// for one or more concepts, and each concept points at the entries that mention it.

/** How strongly a term of each origin ties a question to an entry. */
export const WEIGHTS = { title: 3, alias: 3, keyword: 1.5, word: 0.6 } as const;

export interface TermInfo {
  /** The term in matching form (normalised; Latin words stemmed). */
  form: string;
  concepts: string[];
  /** Latin terms must match whole words; Han terms match anywhere. */
  latin: boolean;
}

export interface QaIndex {
  kb: KnowledgeBase;
  /** Terms, longest first, so longer names claim their span before the words inside them. */
  terms: TermInfo[];
  termByForm: Map<string, TermInfo>;
  /** concept → entry id → weight */
  conceptEntries: Map<string, Map<string, number>>;
  idf: Map<string, number>;
  /**
   * Fuzzy matchers over Latin terms, for typos ("virtualisation", "bastian"), one per first
   * letter: a typo rarely hits the first letter, and small indexes keep a question under 1 ms.
   */
  fuzzy: { get(letter: string): Fuse<TermInfo> | undefined };
  /** Han terms of 3, 5 or 6 characters keyed by "position:term-without-that-character", for one-character typos. */
  hanTypoKeys: Map<string, TermInfo>;
}

/** Matching form: normalised, and each Latin word stemmed so "groups" meets "group". */
export function matchForm(text: string): string {
  return normalize(text)
    .split(' ')
    // Latin glued to Han ("idaas提供") is stemmed like a word of its own.
    .map((w) => (hasHan(w) ? w.replace(/[a-z]{4,}/g, stem) : stem(w)))
    .join(' ');
}

export function buildIndex(kb: KnowledgeBase): QaIndex {
  const termByForm = new Map<string, TermInfo>();
  const conceptOf = new Map<string, string[]>();
  kb.synonyms.forEach((group, i) => {
    for (const t of group) {
      const f = matchForm(t);
      if (!f) continue;
      conceptOf.set(f, [...(conceptOf.get(f) ?? []), `syn:${i}`]);
    }
  });
  const addTerm = (form: string): TermInfo | undefined => {
    if (!form || isTooGeneric(form)) return undefined;
    let info = termByForm.get(form);
    if (!info) {
      info = { form, concepts: conceptOf.get(form) ?? [`term:${form}`], latin: !hasHan(form) };
      termByForm.set(form, info);
    }
    return info;
  };
  // Synonym terms exist even when no entry spells them: they lead to the entries of their group.
  for (const f of conceptOf.keys()) addTerm(f);

  const conceptEntries = new Map<string, Map<string, number>>();
  const link = (concept: string, entryId: string, w: number): void => {
    let m = conceptEntries.get(concept);
    if (!m) conceptEntries.set(concept, (m = new Map()));
    m.set(entryId, Math.max(m.get(entryId) ?? 0, w));
  };
  for (const e of kb.entries) {
    for (const [text, w] of entryTerms(e)) {
      const info = addTerm(matchForm(text));
      if (info) for (const c of info.concepts) link(c, e.id, w);
    }
  }
  // Names are made of names: "hot patching of the virtualization platform" also speaks of
  // patching and of the virtualization platform. A question that names the parts points here.
  for (const e of kb.entries) {
    for (const [text, w] of entryTerms(e)) {
      if (w < WEIGHTS.alias) continue;
      const whole = matchForm(text);
      for (const part of innerTerms(whole, termByForm)) for (const c of part.concepts) link(c, e.id, WEIGHTS.keyword);
    }
  }
  // Every word of an entry's own text, as a weak and broad signal: it catches questions
  // phrased in words no alias foresaw ("do I have to reboot?"); rarity (idf) tempers it.
  for (const e of kb.entries) {
    const text = [e.summary.zh, e.body.zh, e.summary.en, e.body.en, e.limits?.zh ?? '', e.limits?.en ?? ''].join(' ');
    for (const w of textWords(text)) link(wordConcept(w), e.id, WEIGHTS.word);
  }
  const n = kb.entries.length;
  const idf = new Map<string, number>();
  for (const [c, m] of conceptEntries) idf.set(c, Math.log(1 + n / m.size));

  const terms = [...termByForm.values()].sort((a, b) => b.form.length - a.form.length);
  const fuzzy = new LazyFuzzy(fuzzyBuckets(terms));
  const hanTypoKeys = new Map<string, TermInfo>();
  for (const t of terms) {
    // Four-character words are often two words, one of which a "typo" replaces for real (安全工作 is
    // not 安全工具): only three-character names and names of five or more take typos.
    if (t.latin || t.form.length < 3 || t.form.length === 4 || t.form.length > 6 || !/^\p{Script=Han}+$/u.test(t.form)) continue;
    for (let k = 0; k < t.form.length; k++) {
      const key = `${k}:${t.form.slice(0, k)}${t.form.slice(k + 1)}`;
      // Two terms one typo apart would make the guess ambiguous: keep neither.
      if (hanTypoKeys.has(key) && hanTypoKeys.get(key) !== t) hanTypoKeys.set(key, AMBIGUOUS);
      else hanTypoKeys.set(key, t);
    }
  }
  for (const [k, v] of hanTypoKeys) if (v === AMBIGUOUS) hanTypoKeys.delete(k);
  return { kb, terms, termByForm, conceptEntries, idf, fuzzy, hanTypoKeys };
}

function entryTerms(e: Entry): [string, number][] {
  const out: [string, number][] = [
    [e.title.zh, WEIGHTS.title],
    [e.title.en, WEIGHTS.title],
  ];
  for (const a of [...e.aliases.zh, ...e.aliases.en]) out.push([a, WEIGHTS.alias]);
  for (const k of [...e.keywords.zh, ...e.keywords.en]) out.push([k, WEIGHTS.keyword]);
  for (const s of e.standards) out.push([s, WEIGHTS.alias]);
  return out;
}

// Single words that appear in nearly every question about this domain carry no signal.
function isTooGeneric(form: string): boolean {
  return STOPWORDS.has(form) || form.length < 2;
}

const AMBIGUOUS: TermInfo = { form: '', concepts: [], latin: false };
const HAN_RUN = /\p{Script=Han}+/gu;

/** Known terms inside a name: word n-grams for Latin, substrings for Han. Never the name itself. */
function innerTerms(form: string, termByForm: Map<string, TermInfo>): TermInfo[] {
  const out: TermInfo[] = [];
  const seen = new Set<string>([form]);
  const take = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const t = termByForm.get(f);
    if (t) out.push(t);
  };
  const words = form.split(' ');
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 3 && i + n <= words.length; n++) take(words.slice(i, i + n).join(' '));
  }
  for (const w of words) {
    for (const run of w.match(HAN_RUN) ?? []) {
      for (let i = 0; i < run.length; i++) for (let len = 2; len <= 6 && i + len <= run.length; len++) take(run.slice(i, i + len));
    }
    // Latin pieces glued to Han text ("ddos原生防护") are words of their own.
    for (const piece of w.split(HAN_RUN)) if (piece && piece !== w) take(piece);
  }
  return out;
}

export function wordConcept(word: string): string {
  return `word:${word}`;
}

/** The content words of a text in matching form: no stopwords, no single Han characters. */
export function textWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of segment(matchForm(text))) {
    if (STOPWORDS.has(w)) continue;
    if (hasHan(w) ? w.length < 2 : w.length < 3) continue;
    out.add(w);
  }
  return out;
}

/** Words of a question left over after term matching, for fuzzy matching. */
export function residualWords(text: string): string[] {
  return segment(text).filter((w) => !STOPWORDS.has(w) && !hasHan(w) && w.length >= 5);
}

/**
 * The fuzzy matchers, each built the first time a word of its letter misses every term: most
 * questions are spelled right, and building all of them costs a one-shot `whoowns ask` more
 * than answering.
 */
class LazyFuzzy {
  private readonly built = new Map<string, Fuse<TermInfo>>();
  constructor(private readonly buckets: Map<string, TermInfo[]>) {}

  get(letter: string): Fuse<TermInfo> | undefined {
    let f = this.built.get(letter);
    const list = this.buckets.get(letter);
    if (!f && list) {
      f = new Fuse(list, { keys: ['form'], threshold: 0.3, includeScore: true, ignoreLocation: true, minMatchCharLength: 3 });
      this.built.set(letter, f);
    }
    return f;
  }
}

function fuzzyBuckets(terms: TermInfo[]): Map<string, TermInfo[]> {
  const buckets = new Map<string, TermInfo[]>();
  for (const t of terms) {
    if (!t.latin || t.form.length < 4) continue;
    const list = buckets.get(t.form[0]!) ?? [];
    list.push(t);
    buckets.set(t.form[0]!, list);
  }
  return buckets;
}

/** The index as plain data, for the build to write beside the compiled knowledge base. */
export interface SerializedIndex {
  terms: TermInfo[];
  conceptEntries: [string, [string, number][]][];
  idf: [string, number][];
  /** typo key → the form of the term it stands for */
  hanTypoKeys: [string, string][];
}

export function serializeIndex(ix: QaIndex): SerializedIndex {
  return {
    terms: ix.terms,
    conceptEntries: [...ix.conceptEntries].map(([c, m]) => [c, [...m]]),
    idf: [...ix.idf],
    hanTypoKeys: [...ix.hanTypoKeys].map(([k, t]) => [k, t.form]),
  };
}

/** The index the build made for this same knowledge base (the caller checks that it is the same). */
export function indexFrom(kb: KnowledgeBase, data: SerializedIndex): QaIndex {
  const termByForm = new Map(data.terms.map((t) => [t.form, t]));
  return {
    kb,
    terms: data.terms,
    termByForm,
    conceptEntries: new Map(data.conceptEntries.map(([c, list]) => [c, new Map(list)])),
    idf: new Map(data.idf),
    fuzzy: new LazyFuzzy(fuzzyBuckets(data.terms)),
    hanTypoKeys: new Map(data.hanTypoKeys.map(([k, form]) => [k, termByForm.get(form)!])),
  };
}
