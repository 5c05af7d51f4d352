import { z } from 'zod';
import type { QaAnswer, QaEngine } from './engine.js';

// The Q&A quality bar: owner right (when one is expected), every term group present in the
// answer or its source titles, and off-topic questions left unmatched.

export const evalQuestionSchema = z.union([
  z.object({ q: z.string().min(1), offTopic: z.literal(true) }),
  z.object({ q: z.string().min(1), owner: z.enum(['alibaba-cloud', 'customer', 'shared']).nullable(), any: z.array(z.array(z.string()).min(1)) }),
]);
export const evalFileSchema = z.array(evalQuestionSchema);
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

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

export function evaluate(engine: QaEngine, questions: EvalQuestion[]): EvalReport {
  const misses: EvalMiss[] = [];
  for (const question of questions) {
    const answer = engine.ask(question.q);
    const why = judge(question, answer);
    if (why) misses.push({ question, answer, why });
  }
  const correct = questions.length - misses.length;
  return { total: questions.length, correct, accuracy: questions.length ? correct / questions.length : 0, misses };
}
