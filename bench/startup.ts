import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../src/core/paths.js';

// CLI start-up benchmark (issue 11): wall time and peak RSS of `whoowns --help`, `whoowns ask "…"`
// and bare `node -e 0`, each spawned N times, interleaved round by round so a busy machine slows
// all three alike; the target is a median within 6× of bare node.
// Usage: npm run bench:startup [-- --runs 15]

const TARGET_RATIO = 6;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const BIN = join(packageRoot(), 'dist/src/cli/bin.js');

if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`--runs needs a whole number of at least 1, got ${process.argv[runsArg + 1] ?? '(nothing)'}.`);
  process.exit(2);
}
if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: run \`npm run build\` first.`);
  process.exit(2);
}

// Each child reports its own peak RSS on exit (resourceUsage().maxRSS is in KiB); the hook is the
// same for all three cases, so it does not bias the ratio.
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss='+process.resourceUsage().maxRSS+'\\n'))`;

const CASES: { name: string; args: string[] }[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'whoowns --help', args: [BIN, '--help'] },
  { name: 'whoowns ask "who patches the OS?"', args: [BIN, 'ask', 'who patches the OS?'] },
];

interface Sample {
  ms: number;
  rssMb: number;
}

function once(args: string[]): Sample {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, rssMb: kb / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const samples = new Map<string, Sample[]>(CASES.map((c) => [c.name, []]));
once(CASES[1]!.args); // warm the file cache once, so the first round is not an outlier
for (let i = 0; i < RUNS; i++) for (const c of CASES) samples.get(c.name)!.push(once(c.args));

const base = median(samples.get(CASES[0]!.name)!.map((s) => s.ms));
console.log(`CLI start-up, ${RUNS} runs each, interleaved (node ${process.version})`);
let ok = true;
for (const c of CASES) {
  const ss = samples.get(c.name)!;
  const ms = median(ss.map((s) => s.ms));
  const ratio = ms / base;
  if (c !== CASES[0] && ratio > TARGET_RATIO) ok = false;
  console.log(`  ${c.name.padEnd(36)} median ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(1).padStart(4)}× node  peak RSS ${median(ss.map((s) => s.rssMb)).toFixed(0)} MB`);
}
console.log(ok ? `Target met: each within ${TARGET_RATIO}× of bare node.` : `Target missed: a command is over ${TARGET_RATIO}× bare node.`);
process.exitCode = ok ? 0 : 1;
