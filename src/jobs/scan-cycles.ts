import type { Logger } from '../core/logger.js';
import type { JobQueue } from './queue.js';

// Replicas on PostgreSQL scan every account once per cycle (the posture TTL): each replica sends
// the cycle's scan jobs when the cycle starts (and once at its own start, for the current one);
// the queue makes them one job per account per cycle, and any replica's worker runs it. The scan
// is stored as the shared latest scan, so chat on every replica answers from it.

export interface ScanCycleOptions {
  queue: Pick<JobQueue, 'sendScan'>;
  /** The accounts of this cycle (after the Resource Directory listing, when one is due). */
  accounts: () => string[] | Promise<string[]>;
  cycleMs: number;
  log: Logger;
  now?: () => number;
}

export function startScanCycles(o: ScanCycleOptions): { stop(): void } {
  const now = o.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const fire = async () => {
    const cycle = new Date(Math.floor(now() / o.cycleMs) * o.cycleMs);
    for (const account of await o.accounts()) {
      await o.queue.sendScan(account, cycle).catch((e: unknown) => o.log.warn({ err: e, account }, 'scan job not queued; another replica may have queued it'));
    }
  };
  const arm = () => {
    if (stopped) return;
    const wait = o.cycleMs - (now() % o.cycleMs) + 50;
    timer = setTimeout(() => void fire().finally(arm), wait).unref();
  };
  void fire().finally(arm);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
