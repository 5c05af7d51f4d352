// What a snapshot holds, counted per region and service, with its gaps: the data behind
// `whoowns inventory`. null counts mean "unknown" and are never shown as 0.

import type { Gap, Service, Snapshot } from './snapshot.js';

export interface RegionCounts {
  regionId: string;
  instances: number | null;
  securityGroups: number | null;
  /** Rules across all groups; null when any group's rules are unknown. */
  securityGroupRules: number | null;
  disks: number | null;
  autoSnapshotPolicies: number | null;
  systemEvents: number | null;
  vpcs: number | null;
  flowLogs: number | null;
  gaps: number;
}

export interface RamCounts {
  users: number | null;
  groups: number | null;
  customPolicies: number | null;
  /** Across all users; null when any user's keys are unknown. */
  accessKeys: number | null;
  gaps: number;
}

export interface InventorySummary {
  accountName: string;
  accountId: string | null;
  collectedAt: string;
  source: Snapshot['source'];
  /** True only when no call failed. */
  complete: boolean;
  regions: RegionCounts[];
  ram: RamCounts | null;
  gapsByService: Partial<Record<Service, number>>;
  gaps: Gap[];
  stats: Snapshot['stats'];
}

function len(list: unknown[] | null | undefined): number | null {
  return Array.isArray(list) ? list.length : null;
}

function sumOrNull<T>(list: T[] | null, part: (t: T) => number | null): number | null {
  if (list === null) return null;
  let total = 0;
  for (const item of list) {
    const n = part(item);
    if (n === null) return null;
    total += n;
  }
  return total;
}

export function inventorySummary(snapshot: Snapshot): InventorySummary {
  const regions = snapshot.regions.map((regionId): RegionCounts => {
    const r = snapshot.regionData[regionId];
    const gaps = snapshot.gaps.filter((g) => g.region === regionId).length;
    if (!r) {
      return {
        regionId,
        instances: null,
        securityGroups: null,
        securityGroupRules: null,
        disks: null,
        autoSnapshotPolicies: null,
        systemEvents: null,
        vpcs: null,
        flowLogs: null,
        gaps,
      };
    }
    return {
      regionId,
      instances: len(r.instances),
      securityGroups: len(r.securityGroups),
      securityGroupRules: sumOrNull(r.securityGroups, (g) => len(g.rules)),
      disks: len(r.disks),
      autoSnapshotPolicies: len(r.autoSnapshotPolicies),
      systemEvents: len(r.systemEvents),
      vpcs: len(r.vpcs),
      flowLogs: len(r.flowLogs),
      gaps,
    };
  });
  const ram: RamCounts | null = snapshot.ram
    ? {
        users: len(snapshot.ram.users),
        groups: len(snapshot.ram.groups),
        customPolicies: len(snapshot.ram.customPolicies),
        accessKeys: sumOrNull(snapshot.ram.users, (u) => len(u.accessKeys)),
        gaps: snapshot.gaps.filter((g) => g.service === 'ram' || g.service === 'ims').length,
      }
    : null;
  const gapsByService: Partial<Record<Service, number>> = {};
  for (const g of snapshot.gaps) gapsByService[g.service] = (gapsByService[g.service] ?? 0) + 1;
  return {
    accountName: snapshot.accountName,
    accountId: snapshot.identity?.accountId ?? null,
    collectedAt: snapshot.collectedAt,
    source: snapshot.source,
    complete: snapshot.gaps.length === 0,
    regions,
    ram,
    gapsByService,
    gaps: snapshot.gaps,
    stats: snapshot.stats,
  };
}
