import type { QaIndex, TermInfo } from './index.js';
import { residualWords, textWords, wordConcept } from './index.js';

// Question → scored entries. Terms are found by longest match over the question's matching
// form (this copes with Chinese, where word segmentation alone splits names apart), then
// each matched concept votes for its entries, weighted by how rare the concept is.

export interface TermHit {
  term: TermInfo;
  start: number;
  end: number;
  /** 1 for an exact match; less for a fuzzy one. */
  quality: number;
}

export interface Scored {
  id: string;
  score: number;
}

const WORD_CHAR = /[a-z0-9]/;

function isWordBoundary(text: string, start: number, end: number): boolean {
  const before = start === 0 ? '' : text[start - 1]!;
  const after = end >= text.length ? '' : text[end]!;
  return !WORD_CHAR.test(before) && !WORD_CHAR.test(after);
}

export function findTerms(index: QaIndex, form: string): TermHit[] {
  const claimed: [number, number][] = [];
  const hits: TermHit[] = [];
  for (const term of index.terms) {
    let from = 0;
    for (;;) {
      const start = form.indexOf(term.form, from);
      if (start === -1) break;
      const end = start + term.form.length;
      from = start + 1;
      if (term.latin && !isWordBoundary(form, start, end)) continue;
      if (claimed.some(([s, e]) => s <= start && end <= e)) continue;
      claimed.push([start, end]);
      hits.push({ term, start, end, quality: 1 });
    }
  }
  // Latin words no term covered: try a fuzzy match (typos, British spellings).
  for (const word of residualWords(form)) {
    const at = form.indexOf(word);
    if (claimed.some(([s, e]) => s <= at && at < e)) continue;
    // A word the entries themselves use is not a typo ("layers" is not "layer 3").
    if (index.conceptEntries.has(wordConcept(word))) continue;
    // Short words fuzz into anything ("joke" → "smoke"): residual words are long, and a match
    // must share the first letter and be close in length.
    const best = index.fuzzy.get(word[0]!)?.search(word, { limit: 1 })[0];
    if (best && best.score !== undefined && best.score <= 0.25 && Math.abs(best.item.form.length - word.length) <= 2) {
      hits.push({ term: best.item, start: at, end: at + word.length, quality: 0.8 * (1 - best.score) });
    }
  }
  // Han names with one character mistyped ("安全祖" for "安全组"): same length, one position differs.
  for (const hit of hanTypos(index, form, claimed)) {
    claimed.push([hit.start, hit.end]);
    hits.push(hit);
  }
  // Plain words of the question that an entry's text also uses.
  for (const w of textWords(form)) {
    const concept = wordConcept(w);
    if (index.conceptEntries.has(concept)) hits.push({ term: { form: w, concepts: [concept], latin: false }, start: -1, end: -1, quality: 1 });
  }
  return hits;
}

export interface EntryScore {
  /** All evidence: named terms and plain words. */
  score: number;
  /** Evidence from names only (titles, aliases, keywords, synonyms). Plain words rank; names match. */
  named: number;
}

function hanTypos(index: QaIndex, form: string, claimed: [number, number][]): TermHit[] {
  const out: TermHit[] = [];
  for (const run of form.matchAll(/\p{Script=Han}{3,}/gu)) {
    const text = run[0];
    const base = run.index;
    for (let len = Math.min(6, text.length); len >= 3; len--) {
      for (let i = 0; i + len <= text.length; i++) {
        const start = base + i;
        const end = start + len;
        if (claimed.some(([s, e]) => start < e && s < end)) continue;
        const window = text.slice(i, i + len);
        for (let k = 0; k < len; k++) {
          const term = index.hanTypoKeys.get(`${k}:${window.slice(0, k)}${window.slice(k + 1)}`);
          if (term && term.form !== window) {
            out.push({ term, start, end, quality: 0.7 });
            claimed = [...claimed, [start, end]];
            break;
          }
        }
      }
    }
  }
  return out;
}

/** Sum, per entry, the best contribution of each distinct concept the question mentions. */
export function scoreEntries(index: QaIndex, hits: TermHit[]): Map<string, EntryScore> {
  const perEntry = new Map<string, Map<string, number>>();
  for (const hit of hits) {
    for (const concept of hit.term.concepts) {
      const entries = index.conceptEntries.get(concept);
      if (!entries) continue;
      const idf = index.idf.get(concept) ?? 1;
      for (const [id, w] of entries) {
        let m = perEntry.get(id);
        if (!m) perEntry.set(id, (m = new Map()));
        m.set(concept, Math.max(m.get(concept) ?? 0, w * idf * hit.quality));
      }
    }
  }
  const scores = new Map<string, EntryScore>();
  for (const [id, m] of perEntry) {
    let score = 0;
    let named = 0;
    for (const [concept, v] of m) {
      score += v;
      if (!concept.startsWith('word:')) named += v;
    }
    if (named > 0) scores.set(id, { score, named });
  }
  return scores;
}
