import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadOsEol } from '../src/checks/os-eol.js';
import { DEFAULT_THRESHOLDS } from '../src/checks/thresholds.js';
import { collectSnapshot, everyServiceAt } from '../src/cloud/index.js';
import { ownersSchema, type OwnersConfig } from '../src/config/file.js';
import { silentLogger } from '../src/core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, generateLargeScenario, LARGE_TEAMS, startEmulator } from '../src/emulator/index.js';
import { runChecks, type RunOptions } from '../src/posture/run.js';
import type { ScanResult } from '../src/posture/types.js';
import { f1, f2, markdownTable, mb, median, out } from './lib/report.js';

// Team routing benchmark (issue #15): the large generated account (its tags: some missing, some
// in another case, some in a resource group, some groups and disks tagged against their
// instances) collected once from the emulator, then evaluated with and without an owners: block
// in the same process, alternating, so both see the same machine. The budget: routing adds at
// most 10% to evaluation time and to memory.
// Usage: node dist/bench/teams.js [--rounds 7]

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 7;

/** Ordered rules like a real config: exact tag per team, the odd-case tag, a resource group, names. */
const OWNERS: OwnersConfig = ownersSchema.parse({
  teams: Object.fromEntries([...LARGE_TEAMS, 'ops'].map((t) => [t, { name: { zh: t, en: t } }])),
  rules: [
    ...LARGE_TEAMS.map((t) => ({ team: t, match: { tag: { key: 'team', value: t } } })),
    ...LARGE_TEAMS.map((t) => ({ team: t, match: { tag: { key: 'team', value: t }, ignoreCase: true } })),
    { team: 'data', match: { resourceGroup: 'rg-lgdata00001' } },
    { team: 'platform', match: { name: 'deploy-*' } },
  ],
  default: 'ops',
});

interface Sample {
  ms: number;
  /** Heap still held by the result after a full GC. */
  retained: number;
  /** Heap grown during the run (before GC): what the evaluation allocates at its peak, roughly. */
  grown: number;
}

function measure(opts: RunOptions, snapshot: Parameters<typeof runChecks>[0]): { sample: Sample; result: ScanResult } {
  gc();
  const before = process.memoryUsage().heapUsed;
  // CPU time, not wall time: on a shared 2-core machine the wall clock measures the neighbours.
  const t0 = process.cpuUsage();
  const result = runChecks(snapshot, opts);
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  const grown = process.memoryUsage().heapUsed - before;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  return { sample: { ms, retained, grown }, result };
}

async function main(): Promise<void> {
  const scenario = generateLargeScenario();
  const emu = await startEmulator({ scenario, host: '127.0.0.1', port: 0 });
  let snapshot;
  try {
    snapshot = await collectSnapshot({ account: { name: 'bench' }, endpoints: everyServiceAt(`http://${emu.endpoint}`), credential: DEFAULT_EMULATOR_CREDENTIAL, log: silentLogger() });
  } finally {
    await emu.stop();
  }
  const base: RunOptions = { now: new Date(snapshot.collectedAt), eol: loadOsEol(), thresholds: DEFAULT_THRESHOLDS };
  const routed: RunOptions = { ...base, owners: OWNERS };
  // Warm-up: JIT and the lazily built tables (CIS labels, parsed rules) for both.
  measure(base, snapshot);
  measure(routed, snapshot);

  const plain: Sample[] = [];
  const teams: Sample[] = [];
  let last: ScanResult | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first, so drift in the machine's load falls on both.
    const order = i % 2 === 0 ? ['plain', 'teams'] : ['teams', 'plain'];
    for (const which of order) {
      if (which === 'plain') plain.push(measure(base, snapshot).sample);
      else {
        const m = measure(routed, snapshot);
        teams.push(m.sample);
        last = m.result;
      }
    }
  }
  const pick = (xs: Sample[], k: keyof Sample) => median(xs.map((x) => x[k]));
  const ratio = (k: keyof Sample) => pick(teams, k) / pick(plain, k);
  const fails = last!.findings.filter((f) => f.status === 'fail');
  const unowned = (last!.unowned ?? []).reduce((n, g) => n + g.resources.length, 0);
  out(`Large account: ${Object.keys(snapshot.regionData).length} regions, ${fails.length} failing findings, ${unowned} unowned resources; ${ROUNDS} rounds each, medians.`);
  out(
    markdownTable(
      ['evaluation', 'CPU time', 'heap grown during run', 'heap retained by result'],
      [
        ['without owners:', `${f1(pick(plain, 'ms'))} ms`, `${f1(mb(pick(plain, 'grown')))} MB`, `${f1(mb(pick(plain, 'retained')))} MB`],
        ['with owners: (routing)', `${f1(pick(teams, 'ms'))} ms`, `${f1(mb(pick(teams, 'grown')))} MB`, `${f1(mb(pick(teams, 'retained')))} MB`],
        ['ratio (budget ≤ 1.10)', f2(ratio('ms')), f2(ratio('grown')), f2(ratio('retained'))],
      ],
    ),
  );
  const over = (['ms', 'grown', 'retained'] as const).filter((k) => ratio(k) > 1.1);
  if (over.length) out(`Over budget: ${over.join(', ')}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
