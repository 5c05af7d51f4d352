import { readFileSync } from 'node:fs';
import { loadDefaultEngine } from './default.js';
import { evalFileSchema, evaluate, judge, judgeStrict } from './eval.js';

// npm run eval:qa -- FILE : prints both scores and every miss; exits 1 when either is below 95%.
const file = process.argv[2] ?? '../shared/eval/dev-questions.json';
const parsed = evalFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  process.stderr.write(`Error: ${file} is not a question file: ${issue?.path.join('.')} ${issue?.message}. Each item needs "q" and either "offTopic": true or "owner" and "any".\n`);
  process.exit(2);
}
const engine = await loadDefaultEngine();
const lenient = evaluate(engine, parsed.data, judge);
const strict = evaluate(engine, parsed.data, judgeStrict);
for (const [name, report] of [['lenient', lenient], ['strict', strict]] as const) {
  for (const m of report.misses) {
    process.stdout.write(`MISS ${name} ${JSON.stringify(m.question.q)}: ${m.why} (top: ${m.answer.sources.map((s) => s.id).join(', ') || 'none'})\n`);
  }
}
const pct = (r: typeof lenient) => `${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.total})`;
process.stdout.write(`accuracy ${pct(lenient)} lenient, ${pct(strict)} strict on ${file}\n`);
process.exitCode = lenient.accuracy >= 0.95 && strict.accuracy >= 0.95 ? 0 : 1;
