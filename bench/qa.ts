import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import { packageRoot } from '../src/core/paths.js';
import { loadKnowledge } from '../src/kb/load.js';
import type { Owner } from '../src/kb/schema.js';
import { QaEngine, type QaAnswer } from '../src/qa/engine.js';
import { detectLanguage } from '../src/qa/normalize.js';
import { evalFileSchema, judge, judgeStrict, type EvalQuestion } from '../src/qa/eval.js';

// Q&A performance and accuracy, against a plain fuse.js search over the source's raw
// paragraphs, in one process so the ratio holds on a noisy machine.
// Usage: npm run bench:qa [-- questions.json ...]

const root = packageRoot();
// The shared eval and seed sit beside the checkout; a worktree elsewhere names them.
const shared = process.env.WHOOWNS_SHARED ?? join(root, '../shared');
const files = process.argv.slice(2);
if (!files.length) files.push(join(shared, 'eval/dev-questions.json'), join(shared, 'eval/dev-questions-2.json'), join(root, 'test/fixtures/qa-extra.json'), join(root, 'test/fixtures/qa-blind.json'));
const questions: EvalQuestion[] = files.filter((f) => existsSync(f)).flatMap((f) => evalFileSchema.parse(JSON.parse(readFileSync(f, 'utf8'))));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function timeBuild<T>(build: () => T, runs: number): { value: T; ms: number } {
  let value = build();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    value = build();
    t.push(performance.now() - s);
  }
  return { value, ms: t.sort((a, b) => a - b)[Math.floor(runs / 2)]! };
}

function measure(ask: (q: string) => QaAnswer, rounds: number): { p50: number; p99: number; accuracy: number; strict: number } {
  const lat: number[] = [];
  let correct = 0;
  let strict = 0;
  // Warm the JIT first: the numbers are for a running bot, not for its first question.
  for (let r = 0; r < 5; r++) for (const q of questions) ask(q.q);
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      const a = ask(q.q);
      lat.push(performance.now() - s);
      if (r === 0 && judge(q, a) === null) correct++;
      if (r === 0 && judgeStrict(q, a) === null) strict++;
    }
  }
  lat.sort((a, b) => a - b);
  return { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), accuracy: correct / questions.length, strict: strict / questions.length };
}

// Baseline: the seed split into paragraphs, each labelled with the owner of its section.
function baseline(): (q: string) => QaAnswer {
  const seed = readFileSync(join(shared, 'seed/000_afe242ad6a3cabe6.txt'), 'utf8');
  let owner: Owner = 'shared';
  const paras: { text: string; owner: Owner }[] = [];
  for (const p of seed.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    if (p.startsWith('阿里云的责任')) owner = 'alibaba-cloud';
    if (p.startsWith('客户的责任')) owner = 'customer';
    paras.push({ text: p, owner });
  }
  const fuse = new Fuse(paras, { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  return (q) => {
    const hit = fuse.search(q, { limit: 1 })[0];
    const language = detectLanguage(q);
    return hit
      ? { question: q, language, matched: true, owner: hit.item.owner, answer: hit.item.text, sources: [{ id: `para-${hit.refIndex}`, title: hit.item.text.slice(0, 20), score: 1 - (hit.score ?? 1) }] }
      : { question: q, language, matched: false, owner: null, answer: '', sources: [] };
  };
}

const kb = loadKnowledge();
const build = timeBuild(() => new QaEngine(kb), 20);
const ours = measure((q) => build.value.ask(q), 50);
const base = measure(baseline(), 50);
const rows = [
  ['engine', 'index build ms', 'p50 ms', 'p99 ms', 'lenient', 'strict'],
  ['whoowns', build.ms.toFixed(2), ours.p50.toFixed(3), ours.p99.toFixed(3), `${(ours.accuracy * 100).toFixed(1)}%`, `${(ours.strict * 100).toFixed(1)}%`],
  ['fuse.js over raw paragraphs', '-', base.p50.toFixed(3), base.p99.toFixed(3), `${(base.accuracy * 100).toFixed(1)}%`, `${(base.strict * 100).toFixed(1)}%`],
];
for (const r of rows) process.stdout.write(`${r[0]!.padEnd(30)}${r.slice(1).map((c) => c.padStart(16)).join('')}\n`);
process.stdout.write(`${questions.length} questions x 50 rounds; p99 ratio whoowns/baseline = ${(ours.p99 / base.p99).toFixed(2)}\n`);
