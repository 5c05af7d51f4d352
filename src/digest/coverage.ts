import { gapMatches } from '../checks/gaps.js';
import type { ScanResult } from '../posture/types.js';
import type { DigestItem } from './types.js';

// Was the data that produced a finding read again this time? Only then may its absence mean
// "resolved". Anything less than a clean read of the check's calls in the finding's region is
// "unknown (not read this time)": a permission lost or a region timing out never looks like a fix.

export type Coverage = (item: Pick<DigestItem, 'checkId' | 'resource'>) => boolean;

export function coverageOf(scan: ScanResult): Coverage {
  const metas = new Map(scan.checks.map((c) => [c.id, c]));
  const regions = new Set(scan.regions);
  // Errors are the checks' own "could not decide" results (a region not collected, a call
  // failed, a related resource unreadable, a crash).
  const errors = scan.findings.filter((f) => f.status === 'error');
  return (item) => {
    const meta = metas.get(item.checkId);
    if (!meta) return false;
    const region = item.resource.region;
    if (region !== undefined && !regions.has(region)) return false;
    const ids = [item.resource.id, item.resource.name];
    const sameRegion = (r: string | undefined) => r === undefined || region === undefined || r === region;
    const gapped = scan.gaps.some(
      (g) =>
        meta.needs.some((n) => gapMatches(g, n)) &&
        sameRegion(g.region) &&
        (g.resource === undefined || ids.includes(g.resource)),
    );
    if (gapped) return false;
    // Conservative on purpose: an undecided result of the same check in the same region may be
    // about a resource this finding depended on (an instance's security group, a user's keys).
    return !errors.some((e) => e.checkId === item.checkId && sameRegion(e.resource.region));
  };
}

/** The same question for a row of the finding history (which knows the resource by id only). */
export function historyCoverage(read: Coverage): (row: { checkId: string; resourceId: string; region?: string }) => boolean {
  return (row) => {
    const resource: DigestItem['resource'] = { type: 'region', id: row.resourceId, name: row.resourceId };
    if (row.region !== undefined) resource.region = row.region;
    return read({ checkId: row.checkId, resource });
  };
}
