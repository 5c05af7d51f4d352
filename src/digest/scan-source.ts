import type { Logger } from '../core/logger.js';
import type { PostureSource } from '../posture/service.js';
import type { ScanResult } from '../posture/types.js';
import type { Schedule } from './schedule-config.js';

// Scans for digests come from the one posture source: the schedule's account and regions, reusing
// a scan of the same scope made less than the schedule's maxSnapshotAge ago (two schedules at
// 09:00 read the account once, and a digest shares the bot's scan). Chat mutes apply as of the run.

export type ScanFn = (schedule: Schedule, now: Date, log: Logger) => Promise<ScanResult>;

export function createScanSource(posture: Pick<PostureSource, 'scoped' | 'scopedAcross'>): ScanFn {
  return (schedule, now, log) => {
    const common = { regions: schedule.scope.regions, maxAgeMs: schedule.maxSnapshotAgeMs, now, log };
    return schedule.accounts
      ? posture.scopedAcross({ ...common, label: schedule.account, accounts: schedule.accounts })
      : posture.scoped({ ...common, account: schedule.account });
  };
}
