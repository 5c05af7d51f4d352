import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateLargeScenario, scenario as buildScenario, startEmulator, type FaultRule, type LargeScenarioOptions, type RunningEmulator, type Scenario } from '../../src/emulator/index.js';

// The generated account served over the wire on 127.0.0.1, from a child process of its own, so
// that the processes under test (and this bench) are measured without the emulator's memory or
// event loop. One emulator per account size; reset() clears its call log and throttle buckets
// between the runs that share it.

export interface EmulatorShape {
  latencyMs: number;
  /** Requests per second per action; 0 = no throttle. */
  ratePerSec: number;
}

export interface ActionCount {
  action: string;
  /** Answered without throttling: the calls the collection needs. */
  needed: number;
  throttled: number;
  firstAt: number;
  lastAt: number;
}

export interface CallSummary {
  calls: number;
  actions: ActionCount[];
  firstAt: number;
  lastAt: number;
}

export interface ChildEmulator {
  endpoint: string;
  summary(): Promise<CallSummary>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

type Request =
  | { type: 'start'; size: LargeScenarioOptions; shape: EmulatorShape }
  /** A Resource Directory management account with `members` generated accounts of `size` (bench:accounts). */
  | { type: 'start-directory'; members: number; size: LargeScenarioOptions; shape: EmulatorShape }
  | { type: 'summary' } | { type: 'reset' } | { type: 'stop' };
type Answer = { type: 'ready'; endpoint: string } | { type: 'summary'; summary: CallSummary } | { type: 'reset' };

// The emulator keys each throttle rule's bucket by action (faults.ts), so one rule throttles
// every action on its own; every 400 in these runs is Throttling.User (the scenario's own errors are 404s).
const THROTTLED_STATUS = 400;

function faults(shape: EmulatorShape): FaultRule[] {
  return shape.ratePerSec > 0 ? [{ action: '*', kind: 'throttle', ratePerSec: shape.ratePerSec }] : [];
}

export function summarise(calls: readonly { action: string; status: number; at: number }[]): CallSummary {
  const by = new Map<string, ActionCount>();
  for (const c of calls) {
    const a = by.get(c.action) ?? { action: c.action, needed: 0, throttled: 0, firstAt: c.at, lastAt: c.at };
    if (c.status === THROTTLED_STATUS) a.throttled++;
    else a.needed++;
    a.firstAt = Math.min(a.firstAt, c.at);
    a.lastAt = Math.max(a.lastAt, c.at);
    by.set(c.action, a);
  }
  const actions = [...by.values()].sort((x, y) => y.needed - x.needed || x.action.localeCompare(y.action));
  return {
    calls: calls.length,
    actions,
    firstAt: Math.min(...actions.map((a) => a.firstAt)),
    lastAt: Math.max(...actions.map((a) => a.lastAt)),
  };
}

function runChild(): void {
  let emu: RunningEmulator | undefined;
  let shape: EmulatorShape | undefined;
  const send = (m: Answer) => process.send?.(m);
  process.on('disconnect', () => process.exit(0)); // the bench went away: do not linger
  process.on('message', (m: Request) => {
    void (async () => {
      if (m.type === 'start') {
        shape = m.shape;
        emu = await startEmulator({ scenario: generateLargeScenario(m.size), host: '127.0.0.1', port: 0, latencyMs: shape.latencyMs, faults: faults(shape) });
        send({ type: 'ready', endpoint: emu.endpoint });
      } else if (m.type === 'start-directory') {
        shape = m.shape;
        const d = directoryScenario(m.members, m.size);
        emu = await startEmulator({ scenario: d.scenario, memberScenarios: d.members, host: '127.0.0.1', port: 0, latencyMs: shape.latencyMs, faults: faults(shape) });
        send({ type: 'ready', endpoint: emu.endpoint });
      } else if (m.type === 'summary') {
        send({ type: 'summary', summary: summarise(emu?.calls ?? []) });
      } else if (m.type === 'reset') {
        if (emu && shape) {
          emu.calls.length = 0;
          emu.setFaults(faults(shape));
        }
        send({ type: 'reset' });
      } else {
        await emu?.stop();
        process.exit(0);
      }
    })();
  });
}

/** Member i's account id; its resources are generated with seed + i, so no two members are alike. */
export function memberAccountId(i: number): string {
  return String(7_000_000_000_000_000 + i);
}

export function directoryScenario(members: number, size: LargeScenarioOptions): { scenario: Scenario; members: Record<string, Scenario> } {
  const seed = size.seed ?? 20261101;
  const gen: Record<string, Scenario> = {};
  for (let i = 0; i < members; i++) gen[`member-${i}`] = generateLargeScenario({ ...size, seed: seed + i });
  const scenario = buildScenario({
    name: 'directory-bench',
    account: { accountId: '1000000000000001', accountAlias: 'bench-management' },
    resourceDirectory: { members: Array.from({ length: members }, (_, i) => ({ accountId: memberAccountId(i), displayName: `member-${String(i).padStart(3, '0')}`, scenario: `member-${i}` })) },
  });
  return { scenario, members: gen };
}

export async function startChildEmulator(size: LargeScenarioOptions, shape: EmulatorShape, directory?: { members: number }): Promise<ChildEmulator> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--emulator-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T extends Answer['type']>(type: T) =>
    new Promise<Extract<Answer, { type: T }>>((resolve, reject) => {
      const onMessage = (m: Answer) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<Answer, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`emulator child exited early (code ${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = <T extends Answer['type']>(m: Request, type: T) => {
    const got = next(type);
    child.send(m);
    return got;
  };
  const { endpoint } = await ask(directory ? { type: 'start-directory', members: directory.members, size, shape } : { type: 'start', size, shape }, 'ready');
  return {
    endpoint,
    summary: async () => (await ask({ type: 'summary' }, 'summary')).summary,
    reset: async () => void (await ask({ type: 'reset' }, 'reset')),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

if (process.argv.includes('--emulator-child')) runChild();
