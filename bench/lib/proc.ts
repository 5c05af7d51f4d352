import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Spawning a real process and measuring it from outside: wall time, peak RSS (the kernel's own
// high-water mark, VmHWM, polled while it runs) and how it ended, classified so that a death is a
// result row, never a crash of the bench.

/** Peak resident set in bytes so far, or undefined once the process is gone. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export type Ending =
  | { kind: 'ok' }
  | { kind: 'exit'; code: number }
  | { kind: 'oom' }
  | { kind: 'signal'; signal: string }
  | { kind: 'timeout' };

const OOM = /JavaScript heap out of memory|Reached heap limit|FATAL ERROR: .*Allocation failed/;

/** How a process ended, from its exit code, signal and the tail of its stderr. */
export function classifyEnding(code: number | null, signal: string | null, stderr: string, timedOut: boolean): Ending {
  if (timedOut) return { kind: 'timeout' };
  if (OOM.test(stderr)) return { kind: 'oom' };
  if (signal) return { kind: 'signal', signal };
  if (code === 0) return { kind: 'ok' };
  return { kind: 'exit', code: code ?? -1 };
}

export function describeEnding(e: Ending, afterS: number): string {
  const at = `after ${afterS.toFixed(1)} s`;
  switch (e.kind) {
    case 'ok':
      return 'ok';
    case 'oom':
      return `died: heap OOM ${at}`;
    case 'signal':
      return `died: ${e.signal} ${at}`;
    case 'exit':
      return `failed: exit ${e.code} ${at}`;
    case 'timeout':
      return `killed: timed out ${at}`;
  }
}

export interface Measured {
  ending: Ending;
  wallS: number;
  peakRssBytes: number;
  /** The last few KB of stderr, for the report when something failed. */
  stderrTail: string;
}

export interface RunningMeasured {
  child: ChildProcess;
  done: Promise<Measured>;
}

const STDERR_KEEP = 8192;

/**
 * Spawn and watch one process. stderr is always piped (kept as a tail, to tell an OOM from other
 * deaths); stdin/stdout follow `stdio` (a file descriptor for big output keeps it out of our heap).
 */
export function spawnMeasured(
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore'; stdout?: 'pipe' | 'ignore' | number; timeoutMs: number; pollMs?: number },
): RunningMeasured {
  const started = performance.now();
  const spawnOpts: SpawnOptions = { env: opts.env, stdio: [opts.stdin ?? 'ignore', opts.stdout ?? 'ignore', 'pipe'] };
  const child = spawn(command, args, spawnOpts);
  let peak = 0;
  let stderr = '';
  let timedOut = false;
  const poll = () => {
    if (child.pid !== undefined) peak = Math.max(peak, peakRssBytes(child.pid) ?? 0);
  };
  const timer = setInterval(poll, opts.pollMs ?? 50);
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs);
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-STDERR_KEEP);
  });
  const done = new Promise<Measured>((resolve) => {
    let spawnError: Error | undefined;
    child.once('error', (e) => (spawnError = e));
    child.once('close', (code, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      const wallS = (performance.now() - started) / 1000;
      const tail = spawnError ? `${spawnError.message}\n${stderr}` : stderr;
      resolve({ ending: classifyEnding(code, signal, tail, timedOut), wallS, peakRssBytes: peak, stderrTail: tail });
    });
  });
  poll();
  return { child, done };
}

/**
 * The lines of a dead process's stderr that say why: V8's fatal line, its last GC line (the heap
 * size it died at), and the native frames naming the builtin or runtime call that was running.
 * Anything else: the last three lines.
 */
export function deathExcerpt(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.filter((l) => l.startsWith('FATAL ERROR'));
  if (fatal.length === 0) return lines.slice(-3).join(' | ');
  const gc = lines.filter((l) => /Mark-Compact|Scavenge/.test(l)).slice(-1);
  const frames = lines.filter((l) => /v8::internal::(Builtin_|Runtime_)/.test(l)).map((l) => l.replace(/^\d+:\s+0x[0-9a-f]+\s+/, '').replace(/\s*\[[^\]]*\]$/, ''));
  return [...fatal, ...gc, ...frames.slice(0, 3)].join(' | ');
}
