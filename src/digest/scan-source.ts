import type { Logger } from '../core/logger.js';
import { accountIdOf, type AccountConfig } from '../cloud/index.js';
import { mayView, type AccountAccessRules, type Viewer } from '../posture/account-access.js';
import type { PostureSource } from '../posture/service.js';
import type { ScanResult } from '../posture/types.js';
import { destinationKey, type DestinationSpec, type Schedule } from './schedule-config.js';

// Scans for digests come from the one posture source: the schedule's account and regions, reusing
// a scan of the same scope made less than the schedule's maxSnapshotAge ago (two schedules at
// 09:00 read the account once, and a digest shares the bot's scan). Chat mutes apply as of the run.
//
// accountAccess holds for digests too (a digest is posted for everyone in the place): a digest
// across accounts reads only the accounts every one of its places may see; a one-account digest
// is not posted to a place that may not see its account (postableTo).

export type ScanFn = (schedule: Schedule, now: Date, log: Logger) => Promise<ScanResult>;

export interface DigestAccess {
  rules?: AccountAccessRules;
  /** The schedule's destinations at the time of the run (config plus chat subscriptions). */
  places: (s: Schedule) => Promise<DestinationSpec[]>;
}

export function createScanSource(posture: Pick<PostureSource, 'scoped' | 'scopedAcross'>, access?: DigestAccess): ScanFn {
  return async (schedule, now, log) => {
    const common = { regions: schedule.scope.regions, maxAgeMs: schedule.maxSnapshotAgeMs, now, log };
    if (!schedule.accounts) return posture.scoped({ ...common, account: schedule.account });
    const rules = access?.rules;
    const places = rules && access ? await access.places(schedule) : [];
    const visible = rules ? (a: AccountConfig) => places.every((d) => mayView(rules, a, placeViewer(d))) : undefined;
    return posture.scopedAcross({ ...common, label: schedule.account, accounts: schedule.accounts, ...(visible ? { visible } : {}) });
  };
}

/** A destination as a viewer with no asker; a custom robot's place is its key (list it to allow it). */
export function placeViewer(d: DestinationSpec): Viewer {
  if (d.kind === 'slack') return { platform: 'slack', place: d.channel };
  if (d.kind === 'dingtalk') return { platform: 'dingtalk', place: d.openConversationId };
  return { platform: 'dingtalk', place: destinationKey(d) };
}

/** May a one-account digest go to this place? (Across accounts the scan already left out what may not.) */
export function postableTo(rules: AccountAccessRules | undefined, accounts: AccountConfig[], s: Schedule, d: DestinationSpec): boolean {
  if (!rules || s.accounts) return true;
  const account = accounts.find((a) => a.name === s.account || accountIdOf(a) === s.account) ?? { name: s.account };
  return mayView(rules, account, placeViewer(d));
}
