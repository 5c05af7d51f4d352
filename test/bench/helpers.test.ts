import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadOption, oneOf, positiveNumber, scaleList } from '../../bench/lib/args.js';
import { summarise } from '../../bench/lib/emulator-child.js';
import { classifyEnding, describeEnding, spawnMeasured } from '../../bench/lib/proc.js';
import { human, markdownTable, median } from '../../bench/lib/report.js';
import { judge, resourceCount, sizeAt, throttleBound } from '../../bench/scale.js';
import { deathExcerpt } from '../../bench/lib/proc.js';

// The bench helpers: option values refused before anything starts, deaths classified as result
// rows, and the arithmetic the tables are built from.

describe('bench options', () => {
  it('reads a comma list of scales and refuses empty, zero, negative, duplicate and non-numeric entries', () => {
    expect(scaleList('scales', '1,2,4')).toEqual([1, 2, 4]);
    expect(scaleList('scales', '0.5')).toEqual([0.5]);
    for (const bad of ['', '1,,2', '0', '-1', '1,1', 'x', '2,abc']) expect(() => scaleList('scales', bad)).toThrow(BadOption);
  });

  it('says what was wrong and what is accepted, in English and Chinese', () => {
    const e = (() => {
      try {
        oneOf('only', 'both', ['cli', 'bot']);
      } catch (x) {
        return x as BadOption;
      }
    })();
    expect(e?.en).toBe('--only must be one of cli, bot; got "both".');
    expect(e?.zh).toContain('cli、bot');
  });

  it('refuses fractions where an integer is needed, and zero unless allowed', () => {
    expect(() => positiveNumber('runs', '2.5', { integer: true })).toThrow(BadOption);
    expect(() => positiveNumber('rate', '0')).toThrow(BadOption);
    expect(positiveNumber('rate', '0', { allowZero: true })).toBe(0);
    expect(() => positiveNumber('rate', 'Infinity')).toThrow(BadOption);
  });
});

describe('how a measured process ended', () => {
  it('tells a heap OOM from a crash, a signal, a timeout and success', () => {
    const oom = '<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';
    expect(classifyEnding(null, 'SIGABRT', oom, false)).toEqual({ kind: 'oom' });
    expect(classifyEnding(134, null, oom, false)).toEqual({ kind: 'oom' });
    expect(classifyEnding(null, 'SIGSEGV', '', false)).toEqual({ kind: 'signal', signal: 'SIGSEGV' });
    expect(classifyEnding(3, null, 'Error: ...', false)).toEqual({ kind: 'exit', code: 3 });
    expect(classifyEnding(null, 'SIGKILL', '', true)).toEqual({ kind: 'timeout' });
    expect(classifyEnding(0, null, '', false)).toEqual({ kind: 'ok' });
    expect(describeEnding({ kind: 'oom' }, 12.34)).toBe('died: heap OOM after 12.3 s');
  });

  it('a real process that runs out of heap is a result, with its peak RSS, not a crash of the bench', async () => {
    const grow = 'const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));';
    const m = await spawnMeasured(process.execPath, ['--max-old-space-size=32', '-e', grow], { env: { PATH: process.env.PATH }, timeoutMs: 15_000 }).done;
    expect(m.ending).toEqual({ kind: 'oom' });
    expect(m.peakRssBytes).toBeGreaterThan(32 * 2 ** 20);
  });

  it('a process over its time limit is killed and reported as a timeout', async () => {
    const m = await spawnMeasured(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: { PATH: process.env.PATH }, timeoutMs: 300 }).done;
    expect(m.ending).toEqual({ kind: 'timeout' });
  });
});

describe('bench arithmetic', () => {
  it('median of odd and even counts, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('the 4x account is the issue\'s: 20,000 instances over 20 regions, 4,000 groups x 20 rules, 8,000 disks, 2,000 users', () => {
    expect(sizeAt(4)).toEqual({ regions: 20, instances: 20_000, securityGroups: 4000, rulesPerGroup: 20, disks: 8000, users: 2000 });
    expect(resourceCount(sizeAt(1))).toBe(5000 + 1000 + 20_000 + 2000 + 500);
  });

  it('the throttle bound is the busiest action\'s needed calls over the rate; throttled answers are not needed calls', () => {
    const calls = summarise([
      { action: 'A', status: 200, at: 0 },
      { action: 'A', status: 400, at: 5 },
      { action: 'A', status: 200, at: 10 },
      { action: 'B', status: 200, at: 20 },
    ]);
    expect(calls.actions.map((a) => [a.action, a.needed, a.throttled])).toEqual([
      ['A', 2, 1],
      ['B', 1, 0],
    ]);
    expect([calls.firstAt, calls.lastAt]).toEqual([0, 20]);
    expect(throttleBound(calls, 2)).toEqual({ seconds: 1, action: 'A', needed: 2 });
    expect(throttleBound(calls, 0)).toBeUndefined();
  });

  it('markdown table and byte sizes', () => {
    expect(markdownTable(['a', 'bb'], [['x', '1']])).toBe('| a   |  bb |\n| --- | --: |\n| x   |   1 |');
    expect([human(512), human(2048), human(3 * 2 ** 20)]).toEqual(['512 B', '2.0 KB', '3.00 MB']);
  });
});

const built = existsSync(resolve('dist/bench/scale.js')) && existsSync(resolve('dist/bench/startup.js'));
describe.skipIf(!built)('bench scripts refuse bad option values with exit 2 (needs npm run build)', () => {
  for (const [script, args] of [
    ['scale', ['--scales', '1,0']],
    ['scale', ['--only', 'both']],
    ['scale', ['--rate', '-5']],
    ['scale', ['--nope']],
    ['startup', ['--runs', '0']],
  ] as const) {
    it(`${script} ${args.join(' ')}`, () => {
      const r = spawnSync(process.execPath, [resolve(`dist/bench/${script}.js`), ...args], { encoding: 'utf8', timeout: 15_000 });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/--\S+/);
    });
  }
});

describe('targets', () => {
  const calls = summarise([
    { action: 'A', status: 200, at: 0 },
    { action: 'A', status: 200, at: 1000 },
  ]);
  const base = { scale: 4, proc: 'cli' as const, wallS: 100, peakRssBytes: 600 * 2 ** 20, outputBytes: 10 * 2 ** 20, calls, stderrTail: '' };

  it('a process that died passes nothing: its RSS was capped by the heap limit and its output is partial', () => {
    const lines = judge({ ...base, ending: { kind: 'oom' } }, 2);
    expect(lines.filter((l) => l.startsWith('PASS'))).toEqual([]);
    expect(lines.join('\n')).toContain('did not complete');
  });

  it('a completed run is judged on its numbers', () => {
    const lines = judge({ ...base, ending: { kind: 'ok' } }, 2);
    expect(lines.every((l) => l.startsWith('PASS'))).toBe(true);
    expect(judge({ ...base, ending: { kind: 'ok' }, outputBytes: 30 * 2 ** 20 }, 2).some((l) => l.startsWith('MISS') && l.includes('25 MB'))).toBe(true);
  });

  it('an OOM excerpt keeps the fatal line and the frames that say what was running', () => {
    const tail = ['<--- Last few GCs --->', '[1:0x1]   130 ms: Mark-Compact 509.9 (520.1) -> 508.2 (521.3) MB', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', ' 1: 0xb8 node::Abort() [/usr/bin/node]', '18: 0x12 v8::internal::Builtin_JsonStringify(int) [/usr/bin/node]', '20: 0x19  [/usr/bin/node]'].join('\n');
    const e = deathExcerpt(tail);
    expect(e).toContain('FATAL ERROR: Reached heap limit');
    expect(e).toContain('Mark-Compact 509.9');
    expect(e).toContain('Builtin_JsonStringify');
    expect(e).not.toContain('node::Abort');
  });
});
