import type { IntentModel } from './intent.js';
import { normalize } from './normalize.js';

// "X? 另外 Y?" and "What is A, and who sets it up?" ask two things. Parts end at a question
// mark or start at a joiner (knowledge/intents.yaml); each part is normalised text.

const QUESTION_END = /[??]+/;
const CLAUSE_END = /[,,;;、]/;

export function splitParts(model: IntentModel, question: string): string[] {
  const out: string[] = [];
  for (const sentence of question.split(QUESTION_END).flatMap((s) => splitAtClauses(model, s))) {
    const n = normalize(sentence);
    if (!n) continue;
    out.push(...splitAtJoiners(model, n));
  }
  return out.length ? out : [normalize(question)];
}

function splitAtJoiners(model: IntentModel, text: string): string[] {
  if (!model.joiner) return [text];
  const cuts = [0];
  for (const m of text.matchAll(model.joiner)) if (m.index > 0) cuts.push(m.index);
  cuts.push(text.length);
  const parts: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const p = text.slice(cuts[i], cuts[i + 1]).trim();
    if (p) parts.push(p);
  }
  return parts;
}

/** "谁负责 A,谁负责 B": each clause that opens with a question word, when two or more do, is a part. */
function splitAtClauses(model: IntentModel, sentence: string): string[] {
  const opener = model.clauseQuestion;
  if (!opener) return [sentence];
  const clauses = sentence.split(CLAUSE_END);
  const asks = (c: string) => opener.test(normalize(c));
  if (clauses.filter(asks).length < 2) return [sentence];
  const parts: string[] = [];
  for (const c of clauses) {
    if (asks(c) || !parts.length) parts.push(c);
    else parts[parts.length - 1] += `,${c}`;
  }
  return parts;
}
