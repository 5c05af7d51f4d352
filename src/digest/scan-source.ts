import type { AccountConfig, Snapshot } from '../cloud/index.js';
import { WhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { PostureBackend } from '../posture/backend.js';
import type { ScanResult } from '../posture/types.js';
import type { MuteStore } from '../store/mutes.js';
import { applyChatMutes } from './mutes.js';
import type { Schedule } from './schedule-config.js';

// Scans for digests: collect the schedule's account and regions, or reuse a snapshot of the same
// account and regions collected less than the schedule's maxSnapshotAge ago (two schedules at
// 09:00 read the account once). Chat mutes are applied as of the run.

export type ScanFn = (schedule: Schedule, now: Date, log: Logger) => Promise<ScanResult>;

export function createScanSource(backend: Pick<PostureBackend, 'accounts' | 'demo' | 'collect' | 'evaluate'>, mutes?: Pick<MuteStore, 'active'>): ScanFn {
  const cache = new Map<string, { snapshot: Snapshot; at: number }>();
  const inFlight = new Map<string, Promise<Snapshot>>();
  return async (schedule, now, log) => {
    const account = accountFor(backend, schedule);
    const regions = schedule.scope.regions;
    const key = `${account.name}|${regions?.slice().sort().join(',') ?? '*'}`;
    const hit = cache.get(key);
    let snapshot: Snapshot;
    if (hit && now.getTime() - hit.at <= schedule.maxSnapshotAgeMs) {
      log.info({ ageMs: now.getTime() - hit.at }, 'digest reuses a recent snapshot');
      snapshot = hit.snapshot;
    } else {
      let pending = inFlight.get(key);
      if (!pending) {
        pending = backend.collect(account, log, regions ? { regions } : {}).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      snapshot = await pending;
      cache.set(key, { snapshot, at: now.getTime() });
    }
    const scan = backend.evaluate(snapshot, now, regions ? { regions } : {});
    return mutes ? applyChatMutes(scan, mutes.active(now)) : scan;
  };
}

function accountFor(backend: Pick<PostureBackend, 'accounts' | 'demo'>, schedule: Schedule): AccountConfig {
  const found = backend.accounts.find((a) => a.name === schedule.account);
  // With no credentials the bot runs on the demo account, whatever the schedule names.
  if (found) return found;
  if (backend.demo && backend.accounts[0]) return backend.accounts[0];
  throw new WhoownsError('CONFIG_INVALID', {
    zh: `摘要 ${schedule.name} 使用的账号 ${schedule.account} 不在配置的 accounts 中。`,
    en: `Digest ${schedule.name} uses account ${schedule.account}, which is not among the configured accounts.`,
  });
}
