import type { QaIndex, TermInfo } from './index.js';
import { residualWords } from './index.js';

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
    // Short words fuzz into anything ("joke" → "smoke"): residual words are long, and a match
    // must share the first letter and be close in length.
    const best = index.fuzzy.get(word[0]!)?.search(word, { limit: 1 })[0];
    if (best && best.score !== undefined && best.score <= 0.25 && Math.abs(best.item.form.length - word.length) <= 2) {
      hits.push({ term: best.item, start: at, end: at + word.length, quality: 0.8 * (1 - best.score) });
    }
  }
  return hits;
}

/** Sum, per entry, the best contribution of each distinct concept the question mentions. */
export function scoreEntries(index: QaIndex, hits: TermHit[]): Map<string, number> {
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
  const scores = new Map<string, number>();
  for (const [id, m] of perEntry) {
    let s = 0;
    for (const v of m.values()) s += v;
    scores.set(id, s);
  }
  return scores;
}
