import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseOrExit, positiveNumber } from './lib/args.js';
import { describeEnding, spawnMeasured } from './lib/proc.js';
import { f1, f2, markdownTable, mb, median, out } from './lib/report.js';

// Start-up benchmark (issue: bench:startup): `whoowns --help`, `whoowns ask "…"` and bare
// `node -e 0`, each spawned N times, round-robin so that a burst of load on the shared machine
// hits all three alike. Reports medians and the ratio to bare node; target: within 6x.
// Usage: node dist/bench/startup.js [--runs 15]

const TARGET_RATIO = 6;
const root = resolve(new URL('../..', import.meta.url).pathname);
const CLI = join(root, 'dist/src/cli/bin.js');
const QUESTION = 'who patches the OS?';

interface Case {
  label: string;
  args: string[];
}

const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'whoowns --help', args: [CLI, '--help'] },
  { label: `whoowns ask "${QUESTION}"`, args: [CLI, 'ask', QUESTION] },
];

interface Sample {
  wallMs: number;
  rssBytes: number;
  failure?: string;
}

async function main(): Promise<void> {
  const { values } = parseOrExit(() => parseArgs({ args: process.argv.slice(2), strict: true, options: { runs: { type: 'string', default: '15' } } }));
  const runs = parseOrExit(() => positiveNumber('runs', values.runs, { integer: true }));
  const home = mkdtempSync(join(tmpdir(), 'whoowns-startup-'));
  // No cloud credentials and no config: what a first `whoowns --help` on a laptop sees.
  const env = { PATH: process.env.PATH, HOME: home, LANG: 'en_US.UTF-8', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', WHOOWNS_DATA_DIR: join(home, 'data') };
  const samples = new Map<string, Sample[]>(CASES.map((c) => [c.label, []]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const c of CASES) {
        const m = await spawnMeasured(process.execPath, c.args, { env, timeoutMs: 60_000, pollMs: 5 }).done;
        const failure = m.ending.kind === 'ok' ? undefined : `${describeEnding(m.ending, m.wallS)}: ${m.stderrTail.trim().split('\n')[0] ?? ''}`;
        samples.get(c.label)!.push({ wallMs: m.wallS * 1000, rssBytes: m.peakRssBytes, failure });
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const base = median(samples.get(CASES[0]!.label)!.map((s) => s.wallMs));
  out(`whoowns start-up benchmark — ${runs} runs of each, round-robin, node ${process.version}`);
  out();
  out(
    markdownTable(
      ['command', 'median ms', 'min ms', 'max ms', 'x node -e 0', 'peak RSS MB (median)', 'failed runs'],
      CASES.map((c) => {
        const s = samples.get(c.label)!;
        const ms = s.map((x) => x.wallMs);
        return [c.label, f1(median(ms)), f1(Math.min(...ms)), f1(Math.max(...ms)), f2(median(ms) / base), f1(mb(median(s.map((x) => x.rssBytes)))), String(s.filter((x) => x.failure).length)];
      }),
    ),
  );
  out();
  out('Peak RSS is polled every 5 ms, so a process shorter than that may read low.');
  for (const c of CASES) {
    const first = samples.get(c.label)!.find((x) => x.failure);
    if (first) out(`${c.label} failed: ${first.failure}`);
  }
  out(`Target: each command within ${TARGET_RATIO}x of node -e 0:`);
  for (const c of CASES.slice(1)) {
    const ratio = median(samples.get(c.label)!.map((x) => x.wallMs)) / base;
    out(`- ${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'} ${c.label}: ${f2(ratio)}x`);
  }
}

await main();
