// Test doubles for digests: a clock moved by hand, destinations that record what they get and
// fail on demand, a schedule builder, and runner deps over an in-memory (or file) database.

import type { Clock } from '../../src/digest/clock.js';
import type { Destination, RenderedDigest } from '../../src/digest/destinations.js';
import type { DigestDeps } from '../../src/digest/runner.js';
import type { Schedule } from '../../src/digest/schedule-config.js';
import type { ScanResult } from '../../src/posture/types.js';
import { openDb, type Db } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { HistoryStore } from '../../src/store/history.js';
import { silentLogger } from '../../src/core/logger.js';
import { scanWith } from '../builders/context.js';
import { buildSnapshot, type SnapshotOverrides } from '../builders/snapshot.js';

/** Timers fire only when the test advances the clock; sleeps are timers too. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  readonly sleeps: number[] = [];

  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.t);
  }

  setTimer(ms: number, fn: () => void): unknown {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.setTimer(ms, resolve));
  }

  pending(): number {
    return this.timers.length;
  }

  /** Move to `to`, firing due timers in order and letting the promises they start settle. */
  async advanceTo(to: Date | string): Promise<void> {
    const target = new Date(to).getTime();
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = Math.max(this.t, target);
    await settle();
  }

  advance(ms: number): Promise<void> {
    return this.advanceTo(new Date(this.t + ms));
  }
}

/** Let pending promise chains (and synchronous SQLite work between them) run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** A clock whose sleeps return at once (delivery tests against real local servers). */
export function instantClock(start: Date | string): Clock & { sleeps: number[] } {
  let t = new Date(start).getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(t),
    setTimer: () => undefined,
    clearTimer: () => undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

export interface FakeDestination extends Destination {
  received: RenderedDigest[];
  /** Fail the next n sends. */
  failNext(n: number): void;
  attempts: number;
}

export function fakeDestination(key = 'slack:C1', platform: 'slack' | 'dingtalk' = 'slack'): FakeDestination {
  let failures = 0;
  const d: FakeDestination = {
    key,
    platform,
    label: key,
    received: [],
    attempts: 0,
    failNext(n) {
      failures = n;
    },
    async send(r) {
      d.attempts++;
      if (failures > 0) {
        failures--;
        throw new Error('HTTP 503 from the fake platform');
      }
      d.received.push(r);
    },
  };
  return d;
}

export function buildSchedule(o: Partial<Schedule> = {}): Schedule {
  return {
    name: 'morning',
    cron: '0 9 * * *',
    timezone: 'Asia/Shanghai',
    account: 'prod',
    lang: 'en',
    scope: {},
    destinations: [{ kind: 'slack', channel: 'C1' }],
    maxSnapshotAgeMs: 0,
    graceMs: 60 * 60_000,
    ...o,
  };
}

export interface Harness<D extends Destination = FakeDestination> {
  db: Db;
  store: DigestStore;
  history: HistoryStore;
  deps: DigestDeps;
  clock: Clock;
  /** What the next scan sees. */
  world: { snapshot: SnapshotOverrides; scans: number; fail?: Error };
  dests: D[];
}

export function harness<D extends Destination = FakeDestination>(o: { clock: Clock; db?: Db; dests?: D[]; holder?: string; deps?: Partial<DigestDeps> }): Harness<D> {
  const db = o.db ?? openDb(':memory:');
  const store = new DigestStore(db);
  const history = new HistoryStore(db);
  const dests = o.dests ?? ([fakeDestination()] as unknown as D[]);
  const world: Harness<D>['world'] = { snapshot: {}, scans: 0 };
  const deps: DigestDeps = {
    store,
    history,
    clock: o.clock,
    log: silentLogger(),
    holder: o.holder ?? 'test-process',
    async scan(_s, now): Promise<ScanResult> {
      world.scans++;
      if (world.fail) throw world.fail;
      return scanWith(buildSnapshot({ collectedAt: now.toISOString(), ...world.snapshot }), { now });
    },
    destinations: () => dests,
    policy: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 8000 },
    ...o.deps,
  };
  return { db, store, history, deps, clock: o.clock, world, dests };
}
