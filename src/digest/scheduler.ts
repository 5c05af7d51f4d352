import type { Cron } from 'croner';
import { abandonRun, DEFAULT_LEASE_TTL_MS, runDigest, runIdFor, type DigestDeps, type RunOutcome, type RunRequest } from './runner.js';
import { cronFor, type Schedule } from './schedule-config.js';

// Fires each schedule at its cron slots (croner computes the times in the schedule's zone; the
// clock is injected). On start, per schedule:
//   1. runs a crash left half-done are resumed (or abandoned when too old to be worth posting);
//   2. the latest slot missed while the bot was down runs once, marked late, if the bot is back
//      within the grace period; otherwise it is recorded as missed;
//   3. the next slot is armed.
// Overlap is impossible by construction: every run takes the schedule's lease in SQLite first.

export interface SchedulerOptions {
  schedules: Schedule[];
  deps: DigestDeps;
  /** When a slot finds the lease busy, try again after this long while within the grace period. */
  busyRetryMs?: number;
  /** Never arm a timer further ahead than this; re-check instead (timer limits, clock jumps). */
  maxTimerMs?: number;
  /** A slot run starting less than this after its time counts as on time. */
  onTimeMs?: number;
  /**
   * Replicas on PostgreSQL: hand the slot to the job queue (src/jobs/queue.ts) instead of running
   * it here; the queue makes N replicas' sends of one slot one job, and retries it.
   */
  dispatch?: (s: Schedule, req: RunRequest) => Promise<unknown>;
}

export class DigestScheduler {
  private readonly crons = new Map<string, Cron>();
  private readonly timers = new Map<string, unknown>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(private readonly opts: SchedulerOptions) {
    for (const s of opts.schedules) this.crons.set(s.name, cronFor(s));
  }

  private get deps(): DigestDeps {
    return this.opts.deps;
  }

  /** From now on slots go to the job queue (set before start()). */
  dispatchTo(fn: NonNullable<SchedulerOptions['dispatch']>): void {
    this.opts.dispatch = fn;
  }

  /** Register, recover and arm every schedule; recovery runs in the background (see idle()). */
  start(): void {
    this.stopped = false;
    const now = this.deps.clock.now();
    for (const s of this.opts.schedules) {
      void this.track(
        this.deps.store
          .registerSchedule(s.name, now)
          .then((firstSeen) => this.recover(s, firstSeen))
          .catch((e: unknown) => this.deps.log.error({ err: e, digest: s.name }, 'digest recovery failed'))
          .finally(() => this.arm(s)),
      );
    }
  }

  /** Stop arming; wait (up to waitMs) for runs in progress. Unfinished ones resume on next start. */
  async stop(waitMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) this.deps.clock.clearTimer(t);
    this.timers.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }

  /** Resolves when no run is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  next(name: string): Date | null {
    return this.crons.get(name)?.nextRun(this.deps.clock.now()) ?? null;
  }

  /** Run a schedule now, by hand (`/digest now`, `whoowns digest --now`). */
  runNow(name: string): Promise<RunOutcome> {
    const s = this.schedule(name);
    return this.track(runDigest(s, { trigger: 'manual', scheduledFor: this.deps.clock.now() }, this.deps));
  }

  private schedule(name: string): Schedule {
    const s = this.opts.schedules.find((x) => x.name === name);
    if (!s) throw new Error(`unknown schedule ${name}`);
    return s;
  }

  private async recover(s: Schedule, firstSeen: string): Promise<void> {
    const log = this.deps.log.child({ digest: s.name });
    const now = this.deps.clock.now();
    // A half-done run is worth finishing a little longer than a missed one is worth starting:
    // the lease of the crashed process has to expire first.
    const allowance = s.graceMs + (this.deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS);
    for (const run of await this.deps.store.unfinished(s.name)) {
      const slot = new Date(run.scheduledFor);
      if (now.getTime() - slot.getTime() <= allowance) {
        log.warn({ runId: run.id, status: run.status }, 'resuming a digest run interrupted by a restart');
        await this.attempt(s, { trigger: run.trigger, scheduledFor: slot }, allowance);
      } else {
        log.warn({ runId: run.id }, 'abandoning a digest run interrupted too long ago');
        await abandonRun(this.deps.store, run, now, 'abandoned: the bot restarted too long after this run was interrupted');
      }
    }
    const slot = this.crons.get(s.name)!.previousRuns(1, now)[0];
    if (!slot || slot.getTime() <= Date.parse(firstSeen)) return;
    if (await this.deps.store.run(runIdFor(s.name, { trigger: 'cron', scheduledFor: slot }))) return;
    const lateMs = now.getTime() - slot.getTime();
    if (lateMs <= s.graceMs) {
      const trigger = lateMs < (this.opts.onTimeMs ?? 60_000) ? 'cron' : 'catch-up';
      log.warn({ slot: slot.toISOString(), lateMs }, 'running a digest missed while the bot was down');
      await this.attempt(s, { trigger, scheduledFor: slot }, s.graceMs);
      return;
    }
    log.warn({ slot: slot.toISOString(), lateMs }, 'digest missed while the bot was down, outside the grace period');
    const id = runIdFor(s.name, { trigger: 'cron', scheduledFor: slot });
    await this.deps.store.createRun({
      id,
      schedule: s.name,
      scheduledFor: slot.toISOString(),
      trigger: 'catch-up',
      startedAt: now.toISOString(),
      status: 'missed',
      error: `missed: the bot was not running at ${slot.toISOString()} and came back after the ${Math.round(s.graceMs / 60_000)}-minute grace period`,
    });
    await this.deps.store.finishRun(id, 'missed', now);
  }

  private arm(s: Schedule): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    const next = this.crons.get(s.name)!.nextRun(now);
    if (!next) return;
    const delay = Math.min(next.getTime() - now.getTime(), this.opts.maxTimerMs ?? 3_600_000);
    this.setTimer(s.name, delay, () => {
      if (this.deps.clock.now().getTime() < next.getTime()) return this.arm(s);
      // Arm the following slot first, so a long run never delays it.
      this.arm(s);
      void this.track(this.attempt(s, { trigger: 'cron', scheduledFor: next }, s.graceMs));
    });
  }

  /** Run once; if the lease is busy, try again later while still within `withinMs` of the slot. */
  private async attempt(s: Schedule, req: RunRequest, withinMs: number): Promise<void> {
    if (this.opts.dispatch) {
      await this.opts.dispatch(s, req).catch((e: unknown) => this.deps.log.error({ err: e, digest: s.name }, 'digest slot could not be queued; another replica may have queued it'));
      return;
    }
    let outcome: RunOutcome;
    try {
      outcome = await runDigest(s, req, this.deps);
    } catch (e) {
      this.deps.log.error({ err: e, digest: s.name }, 'digest run failed; it resumes on the next start');
      return;
    }
    if (outcome.status !== 'busy' || this.stopped) return;
    const retryMs = this.opts.busyRetryMs ?? 60_000;
    if (this.deps.clock.now().getTime() + retryMs - req.scheduledFor.getTime() > withinMs) {
      this.deps.log.warn({ digest: s.name, slot: req.scheduledFor.toISOString() }, 'digest slot skipped: another run held the schedule for too long');
      return;
    }
    this.setTimer(`${s.name}:retry:${req.scheduledFor.toISOString()}`, retryMs, () => {
      void this.track(this.attempt(s, req, withinMs));
    });
  }

  private setTimer(key: string, ms: number, fn: () => void): void {
    const old = this.timers.get(key);
    if (old !== undefined) this.deps.clock.clearTimer(old);
    this.timers.set(
      key,
      this.deps.clock.setTimer(ms, () => {
        this.timers.delete(key);
        if (!this.stopped) fn();
      }),
    );
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }
}
