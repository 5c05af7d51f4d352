import { closeSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_EMULATOR_CREDENTIAL, LARGE_SCENARIO_DEFAULTS, type LargeScenarioOptions } from '../src/emulator/index.js';
import { endpointEnv } from '../src/cloud/endpoints.js';
import { oneOf, parseOrExit, positiveNumber, scaleList } from './lib/args.js';
import { startChildEmulator, type CallSummary, type ChildEmulator, type EmulatorShape } from './lib/emulator-child.js';
import { classifyEnding, deathExcerpt, describeEnding, spawnMeasured, type Ending, type Measured } from './lib/proc.js';
import { f1, f2, human, markdownTable, mb, out } from './lib/report.js';

// Scale benchmark (issue: bench:scale). The generated account at 1x, 2x and 4x of the large
// scenario (1x = 20 regions, 5,000 instances, 1,000 groups x 20 rules, 2,000 disks, 500 RAM users;
// regions and rules per group stay fixed, the rest grows), served over the wire by the emulator
// in a child process, and read by two real processes under the deployed heap cap:
//   cli: node --max-old-space-size=512 dist/src/cli/bin.js scan --format json  (stdout to a file)
//   bot: node --max-old-space-size=512 dist/src/main.js, the console on a stdin pipe: "posture",
//        then wait for the answer (the console prints its prompt again once a command is done).
// Measured from outside: wall time, peak RSS (VmHWM), output size, bytes per resource, and the
// collector's span (first to last call the emulator saw) against the throttle bound.
// A death (heap OOM, non-zero exit, timeout) is a result row, never a crash of the bench.
// Usage: node dist/bench/scale.js [--scales 1,2,4] [--only cli|bot] [--latency-ms 20] [--rate 50]
//        [--heap-mb 512] [--timeout-s 900]

const TARGET = { rssMb: 700, jsonMb: 25, boundRatio: 1.1, atScale: 4 };
const PROMPT = 'whoowns> ';
const root = resolve(new URL('../..', import.meta.url).pathname);
const CLI = join(root, 'dist/src/cli/bin.js');
const MAIN = join(root, 'dist/src/main.js');

interface Options {
  scales: number[];
  only?: 'cli' | 'bot';
  shape: EmulatorShape;
  heapMb: number;
  timeoutMs: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scales: { type: 'string', default: '1,2,4' },
      only: { type: 'string' },
      'latency-ms': { type: 'string', default: '20' },
      rate: { type: 'string', default: '50' },
      'heap-mb': { type: 'string', default: '512' },
      'timeout-s': { type: 'string', default: '900' },
    },
  });
  return {
    scales: scaleList('scales', values.scales),
    only: values.only === undefined ? undefined : oneOf('only', values.only, ['cli', 'bot'] as const),
    shape: { latencyMs: positiveNumber('latency-ms', values['latency-ms'], { allowZero: true }), ratePerSec: positiveNumber('rate', values.rate, { allowZero: true }) },
    heapMb: positiveNumber('heap-mb', values['heap-mb'], { integer: true }),
    timeoutMs: positiveNumber('timeout-s', values['timeout-s']) * 1000,
  };
}

type Size = Required<Omit<LargeScenarioOptions, 'seed'>>;
const { seed: _seed, ...BASE } = LARGE_SCENARIO_DEFAULTS;

export function sizeAt(scale: number): Size {
  const r = (n: number) => Math.max(1, Math.round(n * scale));
  return { regions: BASE.regions, instances: r(BASE.instances), securityGroups: r(BASE.securityGroups), rulesPerGroup: BASE.rulesPerGroup, disks: r(BASE.disks), users: r(BASE.users) };
}

/** The resources the issue counts: instances, groups, rules, disks and RAM users. */
export function resourceCount(s: Size): number {
  return s.instances + s.securityGroups + s.securityGroups * s.rulesPerGroup + s.disks + s.users;
}

function cloudEnv(endpoint: string, home: string): NodeJS.ProcessEnv {
  const url = `http://${endpoint}`;
  return {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'en_US.UTF-8',
    WHOOWNS_DATA_DIR: join(home, 'data'),
    WHOOWNS_DEMO: 'false',
    // The bot's console on a pipe: without this a console with no terminal refuses to start.
    WHOOWNS_CONSOLE: 'stdin',
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
    ...endpointEnv(url),
  };
}

// ---------- one run of each process ----------

export interface Result {
  scale: number;
  proc: 'cli' | 'bot';
  ending: Ending;
  wallS: number;
  /** bot: from sending "posture" to the answer; cli: undefined. */
  answerS?: number;
  peakRssBytes: number;
  outputBytes?: number;
  calls: CallSummary;
  stderrTail: string;
  /** bot: the first lines of the answer, to show it was a posture summary and not an error. */
  answerHead?: string;
}

async function runCli(o: Options, emu: ChildEmulator, home: string): Promise<Omit<Result, 'scale' | 'calls'>> {
  const file = join(home, 'scan.json');
  const fd = openSync(file, 'w');
  const run = spawnMeasured(process.execPath, [`--max-old-space-size=${o.heapMb}`, CLI, 'scan', '--format', 'json'], { env: cloudEnv(emu.endpoint, home), stdout: fd, timeoutMs: o.timeoutMs });
  let m: Measured;
  try {
    m = await run.done;
  } finally {
    closeSync(fd);
  }
  const outputBytes = statSync(file).size;
  rmSync(file, { force: true });
  // No --fail-on: a completed scan exits 0 whatever it found; 1 is a bug, 3 could not read the cloud.
  return { proc: 'cli', ending: m.ending, wallS: m.wallS, peakRssBytes: m.peakRssBytes, outputBytes, stderrTail: m.stderrTail };
}

async function runBot(o: Options, emu: ChildEmulator, home: string): Promise<Omit<Result, 'scale' | 'calls'>> {
  const run = spawnMeasured(process.execPath, [`--max-old-space-size=${o.heapMb}`, MAIN], { env: cloudEnv(emu.endpoint, home), stdin: 'pipe', stdout: 'pipe', timeoutMs: o.timeoutMs });
  const { child } = run;
  let buffer = '';
  let sentAt: number | undefined;
  let answer: { s: number; text: string } | undefined;
  child.stdout?.on('data', (c: Buffer) => {
    buffer += c.toString('utf8');
    if (sentAt === undefined && buffer.includes(PROMPT)) {
      buffer = '';
      sentAt = performance.now();
      child.stdin?.write('posture\n');
    } else if (sentAt !== undefined && !answer && buffer.includes(PROMPT)) {
      answer = { s: (performance.now() - sentAt) / 1000, text: buffer.slice(0, buffer.indexOf(PROMPT)) };
      child.stdin?.end('exit\n');
    }
  });
  child.stdin?.on('error', () => undefined); // a bot that died mid-write: its ending says why
  const m = await run.done;
  const answerHead = answer?.text.split('\n').filter(Boolean).slice(0, 3).join(' / ');
  // Answered, then exited: the answer is the result. Died before answering: the death is.
  const ending = answer ? m.ending : m.ending.kind === 'ok' ? classifyEnding(1, null, m.stderrTail, false) : m.ending;
  return { proc: 'bot', ending, wallS: m.wallS, answerS: answer?.s, peakRssBytes: m.peakRssBytes, outputBytes: answer ? Buffer.byteLength(answer.text) : undefined, stderrTail: m.stderrTail, answerHead };
}

async function runScale(o: Options, scale: number): Promise<Result[]> {
  const size = sizeAt(scale);
  out(`scale ${scale}x: ${size.regions} regions, ${size.instances} instances, ${size.securityGroups} groups x ${size.rulesPerGroup} rules, ${size.disks} disks, ${size.users} RAM users — generating…`);
  const emu = await startChildEmulator(size, o.shape);
  const results: Result[] = [];
  try {
    for (const proc of ['cli', 'bot'] as const) {
      if (o.only && o.only !== proc) continue;
      const home = mkdtempSync(join(tmpdir(), `whoowns-scale-${proc}-`));
      try {
        await emu.reset();
        const r = proc === 'cli' ? await runCli(o, emu, home) : await runBot(o, emu, home);
        const calls = await emu.summary();
        results.push({ ...r, scale, calls });
        out(`  ${proc}: ${describeEnding(r.ending, r.wallS)}, ${f1(r.wallS)} s, peak RSS ${f1(mb(r.peakRssBytes))} MB`);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  } finally {
    await emu.stop();
  }
  return results;
}

// ---------- the throttle bound and the report ----------

/**
 * Each action has its own bucket, so the throttle alone needs at least max over actions of
 * needed_a / rate seconds; the collector's span is first to last call. The bucket starts with one
 * second of tokens, so a perfect client can finish up to one second under the bound.
 */
export function throttleBound(calls: CallSummary, ratePerSec: number): { seconds: number; action: string; needed: number } | undefined {
  const top = calls.actions[0];
  if (!top || ratePerSec <= 0) return undefined;
  return { seconds: top.needed / ratePerSec, action: top.action, needed: top.needed };
}

function row(r: Result, rate: number): string[] {
  const bound = throttleBound(r.calls, rate);
  const spanS = r.calls.calls > 0 ? (r.calls.lastAt - r.calls.firstAt) / 1000 : Number.NaN;
  const resources = resourceCount(sizeAt(r.scale));
  const done = r.ending.kind === 'ok';
  return [
    `${r.scale}x`,
    r.proc,
    describeEnding(r.ending, r.wallS),
    f1(r.wallS),
    r.answerS === undefined ? '-' : f1(r.answerS),
    f1(spanS),
    bound ? f1(bound.seconds) : '-',
    bound ? f2(spanS / bound.seconds) : '-',
    f1(mb(r.peakRssBytes)),
    done && r.outputBytes !== undefined ? human(r.outputBytes) : '-',
    done && r.outputBytes !== undefined ? f2(r.outputBytes / resources) : '-',
    String(r.calls.calls),
    String(r.calls.actions.reduce((s, a) => s + a.throttled, 0)),
  ];
}

/**
 * The issue's targets for one run, as PASS/MISS lines. A run that did not complete passes nothing:
 * its RSS was capped by the heap limit when it died and its output is partial.
 */
export function judge(r: Result, rate: number): string[] {
  const ok = r.ending.kind === 'ok';
  const v = (pass: boolean) => (ok && pass ? 'PASS' : 'MISS');
  const unfinished = ok ? '' : ' (run did not complete)';
  const lines = [
    `${v(true)} ${r.proc} completes: ${describeEnding(r.ending, r.wallS)}`,
    `${v(r.peakRssBytes < TARGET.rssMb * 2 ** 20)} ${r.proc} peak RSS < ${TARGET.rssMb} MB: ${f1(mb(r.peakRssBytes))} MB${unfinished}`,
  ];
  if (r.proc === 'cli') lines.push(`${v((r.outputBytes ?? Infinity) <= TARGET.jsonMb * 2 ** 20)} cli scan --format json output <= ${TARGET.jsonMb} MB: ${ok && r.outputBytes !== undefined ? human(r.outputBytes) : '-'}${unfinished}`);
  const bound = throttleBound(r.calls, rate);
  if (bound) {
    const spanS = (r.calls.lastAt - r.calls.firstAt) / 1000;
    lines.push(`${v(spanS <= TARGET.boundRatio * bound.seconds)} ${r.proc} collector within ${TARGET.boundRatio}x of the throttle bound: ${f1(spanS)} s / ${f1(bound.seconds)} s (${bound.needed} ${bound.action} / ${rate} rps) = ${f2(spanS / bound.seconds)}x${unfinished}`);
  }
  return lines;
}

function targets(results: Result[], rate: number): void {
  const at = results.filter((r) => r.scale === TARGET.atScale);
  if (at.length === 0) return out(`(no ${TARGET.atScale}x run: targets not judged)`);
  out(`Targets at ${TARGET.atScale}x:`);
  for (const r of at) for (const line of judge(r, rate)) out(`- ${line}`);
}

async function main(): Promise<void> {
  const o = parseOrExit(() => options(process.argv.slice(2)));
  out(`whoowns scale benchmark — emulator in a child process on 127.0.0.1, ${o.shape.latencyMs} ms latency per call, ${o.shape.ratePerSec > 0 ? `throttle ${o.shape.ratePerSec} req/s per action` : 'no throttle'}; processes under --max-old-space-size=${o.heapMb}`);
  const results: Result[] = [];
  for (const scale of o.scales) results.push(...(await runScale(o, scale)));
  out();
  out(
    markdownTable(
      ['scale', 'process', 'result', 'wall s', 'answer s', 'collect s', 'bound s', 'x bound', 'peak RSS MB', 'output', 'bytes/resource', 'calls', 'throttled'],
      results.map((r) => row(r, o.shape.ratePerSec)),
    ),
  );
  out();
  out('wall s: process start to exit. answer s (bot): "posture" sent to the answer printed. collect s: first to last call the emulator saw.');
  out(`bound s: the throttle bound, max over actions of needed calls / rate. resources: instances + groups + rules + disks + RAM users (${resourceCount(sizeAt(1))} at 1x).`);
  for (const r of results.filter((x) => x.answerHead)) out(`bot answer at ${r.scale}x begins: ${r.answerHead}`);
  for (const r of results.filter((x) => x.ending.kind !== 'ok')) out(`${r.proc} at ${r.scale}x died with: ${deathExcerpt(r.stderrTail).slice(0, 600)}`);
  out();
  targets(results, o.shape.ratePerSec);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  await main();
  process.exit(0);
}
