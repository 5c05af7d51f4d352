import { readFileSync } from 'node:fs';
import { loadDefaultEngine } from './default.js';
import { evalFileSchema, evaluate } from './eval.js';

// npm run eval:qa -- FILE : prints accuracy and every miss; exits 1 below the 95% bar.
const file = process.argv[2] ?? '../shared/eval/dev-questions.json';
const parsed = evalFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  process.stderr.write(`Error: ${file} is not a question file: ${parsed.error.issues[0]?.message}\n`);
  process.exit(2);
}
const report = evaluate(await loadDefaultEngine(), parsed.data);
for (const m of report.misses) {
  process.stdout.write(`MISS ${JSON.stringify(m.question.q)}: ${m.why} (top: ${m.answer.sources.map((s) => s.id).join(', ') || 'none'})\n`);
}
process.stdout.write(`accuracy ${(report.accuracy * 100).toFixed(1)}% (${report.correct}/${report.total}) on ${file}\n`);
process.exitCode = report.accuracy >= 0.95 ? 0 : 1;
