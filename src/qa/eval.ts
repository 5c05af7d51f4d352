import { z } from 'zod';
import type { QaAnswer, QaEngine } from './engine.js';
import { detectLanguage } from './normalize.js';

// The Q&A quality bar, in two rules.
// Lenient (the first one): owner right (when one is expected), every term group present in the
// answer or its source titles, and off-topic questions left unmatched.
// Strict (read as a user reads): the same, and the terms in the answer text itself; when an
// owner is expected, the first line names it in the question's language; a false premise is
// corrected within the first CORRECTION_WITHIN characters; the answer is at most STRICT_MAX
// characters and in the question's language.

const cat = z.string().min(1).optional();
export const evalQuestionSchema = z.union([
  z.object({ q: z.string().min(1), offTopic: z.literal(true), cat }).strict(),
  z
    .object({
      q: z.string().min(1),
      owner: z.enum(['alibaba-cloud', 'customer', 'shared']).nullable(),
      any: z.array(z.array(z.string()).min(1)),
      /** false: the question's premise is wrong and the answer must say so first. */
      premise: z.boolean().optional(),
      cat,
    })
    .strict(),
]);
export const evalFileSchema = z.array(evalQuestionSchema);
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export const STRICT_MAX = 900;
export const CORRECTION_WITHIN = 200;
/** A line that corrects a premise starts with one of these. */
export const CORRECTION = /^(no\b|not\b|nope\b|incorrect\b|actually,? no\b|不是|不对|不完全|并非|并不|其实不|错|不)/i;

/** How the first line may name each owner, per language. */
const OWNER_NAMES = {
  'alibaba-cloud': { zh: /阿里云/, en: /alibaba cloud/i },
  customer: { zh: /客户|您|你们|用户/, en: /\byou\b|\byours\b|customer/i },
  shared: { zh: /共同|双方|共担/, en: /shared|both/i },
} as const;

export interface EvalMiss {
  question: EvalQuestion;
  answer: QaAnswer;
  why: string;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  misses: EvalMiss[];
}

export function judge(q: EvalQuestion, a: QaAnswer): string | null {
  if ('offTopic' in q) return a.matched ? `expected off-topic, matched ${a.sources[0]?.id}` : null;
  if (!a.matched) return 'not matched';
  if (q.owner !== null && a.owner !== q.owner) return `owner ${a.owner}, expected ${q.owner}`;
  const haystack = `${a.answer}\n${a.sources.map((s) => s.title).join('\n')}`.toLowerCase();
  const missing = q.any.filter((group) => !group.some((t) => haystack.includes(t.toLowerCase())));
  return missing.length ? `missing terms ${missing.map((g) => g.join('|')).join(', ')}` : null;
}

/** True when a line starting within the first CORRECTION_WITHIN characters corrects the premise. */
export function correctsPremise(answer: string): boolean {
  let at = 0;
  for (const line of answer.split('\n')) {
    if (at >= CORRECTION_WITHIN) return false;
    if (CORRECTION.test(line.trim())) return true;
    at += [...line].length + 1;
  }
  return false;
}

export function judgeStrict(q: EvalQuestion, a: QaAnswer): string | null {
  const lang = detectLanguage(q.q);
  if ([...a.answer].length > STRICT_MAX) return `answer ${[...a.answer].length} characters, over ${STRICT_MAX}`;
  if (a.language !== lang) return `answered in ${a.language}, asked in ${lang}`;
  if ('offTopic' in q) return a.matched ? `expected off-topic, matched ${a.sources[0]?.id}` : null;
  if (!a.matched) return 'not matched';
  if (q.owner !== null && a.owner !== q.owner) return `owner ${a.owner}, expected ${q.owner}`;
  const text = a.answer.toLowerCase();
  const missing = q.any.filter((group) => !group.some((t) => text.includes(t.toLowerCase())));
  if (missing.length) return `missing terms in the answer ${missing.map((g) => g.join('|')).join(', ')}`;
  const firstLine = a.answer.split('\n')[0] ?? '';
  if (q.owner !== null && !OWNER_NAMES[q.owner][lang].test(firstLine)) return `first line does not name ${q.owner}: ${firstLine}`;
  if (q.premise === false && !correctsPremise(a.answer)) return 'false premise not corrected';
  return null;
}

export function evaluate(engine: QaEngine, questions: EvalQuestion[], rule: typeof judge = judge): EvalReport {
  const misses: EvalMiss[] = [];
  for (const question of questions) {
    const answer = engine.ask(question.q);
    const why = rule(question, answer);
    if (why) misses.push({ question, answer, why });
  }
  const correct = questions.length - misses.length;
  return { total: questions.length, correct, accuracy: questions.length ? correct / questions.length : 0, misses };
}
