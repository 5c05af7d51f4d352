// Run checks over a snapshot: pure, given the clock. Missing data never reads as a pass:
// - a region that was not collected gives one error per check for that region;
// - a failed call a check needs (a gap without a resource) gives one error for that region (or
//   the account) instead of whatever the check would have made of the partial data;
// - a pass on a resource that has its own gap becomes an error;
// - a check that throws gives an error result, never a crash.

import { ALL_CHECKS } from '../checks/index.js';
import { forgetParsedRules } from '../checks/ecs/sg-rules.js';
import { NOT_COVERED, type NotCovered } from '../checks/not-covered.js';
import type { OsEolTable } from '../checks/os-eol.js';
import type { Thresholds } from '../checks/thresholds.js';
import type { Gap, Snapshot } from '../cloud/snapshot.js';
import { OWNERS } from '../kb/schema.js';
import { frameworkLabels, loadFramework } from '../compliance/framework.js';
import { fingerprint } from './fingerprint.js';
import { gapSentence, resourceGaps, scopeErrorResult, scopeGaps } from '../checks/gaps.js';
import { say } from '../checks/labels.js';
import { applySuppressions, globMatches } from './suppressions.js';
import { routeTeams, type TeamRouting } from './teams.js';
import type { OwnersConfig } from '../config/file.js';
import {
  SEVERITIES,
  severityRank,
  STATUSES,
  type Check,
  type CheckContext,
  type CheckResult,
  type Finding,
  type ResourceRef,
  type ScanFilter,
  type ScanResult,
  type ScanSummary,
  type Suppression,
} from './types.js';

export interface RunOptions {
  checks?: readonly Check[];
  thresholds: Thresholds;
  now: Date;
  eol: OsEolTable;
  suppressions?: Suppression[];
  filter?: ScanFilter;
  /** Check id → its CIS reference; default: derived from the shipped CIS v2 map. */
  cisLabels?: ReadonlyMap<string, string>;
  /** Ownership rules: each finding gets its team (and --team filters by it). */
  owners?: OwnersConfig;
}

let shippedLabels: ReadonlyMap<string, string> | undefined;

/** Each check's CIS reference, from the map in knowledge/compliance (read once). */
export function cisLabels(): ReadonlyMap<string, string> {
  shippedLabels ??= frameworkLabels(loadFramework('cis-v2'));
  return shippedLabels;
}

/** A meta or catalogue row with its CIS reference from the map (none when the map cites it nowhere). */
export function withCis<T extends { id: string; cis?: string }>(row: T, labels: ReadonlyMap<string, string> = cisLabels()): T {
  const cis = labels.get(row.id);
  if (cis === undefined) return row;
  return { ...row, cis };
}

/** Account-wide parts of the snapshot: whether each was collected, and the services its gaps carry. */
const ACCOUNT_PARTS: Record<string, { collected: (s: Snapshot) => boolean; services: Gap['service'][] }> = {
  ram: { collected: (s) => s.ram !== null, services: ['ram', 'ims'] },
  actiontrail: { collected: (s) => s.actiontrail != null, services: ['actiontrail'] },
  sas: { collected: (s) => s.securityCenter != null, services: ['sas'] },
  sls: { collected: (s) => s.logService != null, services: ['sls', 'actiontrail'] },
  oss: { collected: (s) => s.oss != null, services: ['oss'] },
};
// Account-wide services: those parts, and Certificate Management (one service per site, no
// regions), whose checks read a null certificate list as a gap themselves.
const GLOBAL_SERVICES = new Set([...Object.keys(ACCOUNT_PARTS), 'cas']);

export function selectChecks(checks: readonly Check[], filter: ScanFilter = {}): Check[] {
  return checks.filter((c) => {
    const m = c.meta;
    if (filter.checkIds?.length && !filter.checkIds.some((g) => globMatches(g, m.id))) return false;
    if (filter.services?.length && !filter.services.includes(m.service)) return false;
    if (filter.minSeverity && severityRank(m.severity) > severityRank(filter.minSeverity)) return false;
    return true;
  });
}

export function runChecks(snapshot: Snapshot, opts: RunOptions): ScanResult {
  try {
    return evaluate(snapshot, opts);
  } finally {
    forgetParsedRules();
  }
}

function evaluate(snapshot: Snapshot, opts: RunOptions): ScanResult {
  const checks = selectChecks(opts.checks ?? ALL_CHECKS, opts.filter);
  const account = snapshot.identity?.accountId ?? snapshot.accountName;
  const allRegions = [...new Set([...snapshot.regions, ...Object.keys(snapshot.regionData)])].sort();
  const regions = opts.filter?.regions?.length ? allRegions.filter((r) => opts.filter!.regions!.includes(r)) : allRegions;
  const base: Omit<CheckContext, 'snapshot'> = { thresholds: opts.thresholds, now: opts.now, eol: opts.eol };

  // Passes are most results (45,000 of 55,000 on a 5,000-instance account) and say nothing a
  // count does not: they are counted per check and only kept when asked for.
  const findings: Finding[] = [];
  const passes: Record<string, number> = {};
  const routing: TeamRouting | undefined = opts.owners ? routeTeams(snapshot, opts.owners) : undefined;
  const team = opts.filter?.team;
  for (const check of checks) {
    const results = GLOBAL_SERVICES.has(check.meta.service)
      ? runAccountCheck(check, snapshot, base, account)
      : runRegionalCheck(check, snapshot, base, account, regions);
    for (const x of results) {
      const r = guardPass(x, check, snapshot);
      // Passes are most results: route them only when a team filter has to count them.
      const dropped = r.status === 'pass' && !opts.filter?.includePasses;
      const owned = routing && (team !== undefined || !dropped) ? routing.of(r.resource) : undefined;
      if (team !== undefined && !owned?.teams.includes(team)) continue;
      if (r.status === 'pass') {
        passes[check.meta.id] = (passes[check.meta.id] ?? 0) + 1;
        if (dropped) continue;
      }
      const f = toFinding(r, check, snapshot.accountName);
      if (owned) f.team = owned;
      findings.push(f);
    }
  }

  const outcome = applySuppressions(findings, opts.suppressions ?? [], opts.now);
  const sorted = outcome.findings.sort(compareFindings);
  const gaps = snapshot.gaps.filter((g) => g.region === undefined || regions.includes(g.region));
  const summary = summarize(sorted, passes);
  const labels = opts.cisLabels ?? cisLabels();
  return {
    accountName: snapshot.accountName,
    accountId: snapshot.identity?.accountId ?? null,
    scannedAt: opts.now.toISOString(),
    collectedAt: snapshot.collectedAt,
    source: snapshot.source.kind,
    regions,
    gaps,
    checks: checks.map((c) => withCis(c.meta, labels)),
    findings: sorted,
    passes,
    summary,
    incomplete: gaps.length > 0 || summary.byStatus.error > 0,
    notCovered: NOT_COVERED.map((n): NotCovered => withCis(n, labels)),
    expiredSuppressions: outcome.expired,
    expiringSuppressions: outcome.expiringSoon,
    ...(routing && opts.owners ? { unowned: routing.unowned, teams: Object.fromEntries(Object.entries(opts.owners.teams).map(([id, t]) => [id, t.name])) } : {}),
  };
}

function runRegionalCheck(check: Check, snapshot: Snapshot, base: Omit<CheckContext, 'snapshot'>, account: string, regions: string[]): CheckResult[] {
  // No region list at all (DescribeRegions failed and none were configured): every regional
  // check is unknown for the account, not silently empty.
  const listing = snapshot.gaps.filter((g) => g.action === 'DescribeRegions');
  if (regions.length === 0 && listing.length > 0) {
    return [scopeErrorResult({ type: 'account', id: account, name: snapshot.accountName, account }, listing, true)];
  }
  const out: CheckResult[] = [];
  const healthy: Snapshot['regionData'] = {};
  for (const region of regions) {
    const ref: ResourceRef = { type: 'region', id: region, name: region, region, account };
    const data = snapshot.regionData[region];
    if (!data) {
      // Say why, with whatever failed in that region (often DescribeRegions or an endpoint).
      out.push(scopeErrorResult(ref, snapshot.gaps.filter((g) => g.region === region), true));
      continue;
    }
    const gaps = scopeGaps(snapshot, check.meta.needs, region);
    if (gaps.length > 0) {
      out.push(scopeErrorResult(ref, gaps, false));
      continue;
    }
    healthy[region] = data;
  }
  const ctx: CheckContext = { ...base, snapshot: { ...snapshot, regionData: healthy } };
  const fallback: ResourceRef = { type: 'account', id: account, name: snapshot.accountName, account };
  return out.concat(safeRun(check, ctx, fallback));
}

function runAccountCheck(check: Check, snapshot: Snapshot, base: Omit<CheckContext, 'snapshot'>, account: string): CheckResult[] {
  const ref: ResourceRef = { type: 'account', id: account, name: snapshot.accountName, account };
  const part = ACCOUNT_PARTS[check.meta.service];
  if (part && !part.collected(snapshot)) {
    const gaps = snapshot.gaps.filter((g) => part.services.includes(g.service) && g.resource === undefined);
    return [scopeErrorResult(ref, gaps, true)];
  }
  const gaps = scopeGaps(snapshot, check.meta.needs);
  if (gaps.length > 0) return [scopeErrorResult(ref, gaps, false)];
  return safeRun(check, { ...base, snapshot }, ref);
}

function safeRun(check: Check, ctx: CheckContext, where: ResourceRef): CheckResult[] {
  try {
    return check.run(ctx);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    return [
      {
        status: 'error',
        resource: where,
        reason: say(
          where,
          (l) => `Check ${check.meta.id} crashed while evaluating ${l} (${msg}); this is a whoowns bug, please report it.`,
          (l) => `检查项 ${check.meta.id} 在评估${l}时出错(${msg});这是 whoowns 的缺陷,请报告给维护者。`,
        ),
        evidence: { crashed: true },
      },
    ];
  }
}

/** A pass on a resource whose own per-resource call failed is not a pass. */
function guardPass(r: CheckResult, check: Check, snapshot: Snapshot): CheckResult {
  if (r.status !== 'pass') return r;
  // Per-resource gaps name the resource by id, by name, or as "name/id" (a user's AccessKey).
  const ids = [r.resource.id, r.resource.name, `${r.resource.name}/${r.resource.id}`];
  const gaps: Gap[] = resourceGaps(snapshot, check.meta.needs, ids, r.resource.region);
  if (gaps.length === 0) return r;
  const why = gaps.map(gapSentence);
  return {
    ...r,
    status: 'error',
    reason: say(
      r.resource,
      (l) => `Cannot tell for ${l}: ${why.map((w) => w.en).join(' ')}`,
      (l) => `无法判断${l}:${why.map((w) => w.zh).join('')}`,
    ),
    evidence: { ...r.evidence, gaps },
  };
}

// Fingerprints key on the configured account name, not the id from GetCallerIdentity: a scan in
// which that one call failed must not give every finding a new identity (mutes and digests
// would then read everything as fixed and new again).
// The result's own cli and vars stay: the remediation is filled from them when shown (meta.ts).
function toFinding(r: CheckResult, check: Check, accountName: string): Finding {
  const m = check.meta;
  return {
    ...r,
    checkId: m.id,
    severity: m.severity,
    owner: m.owner,
    fingerprint: fingerprint({
      checkId: m.id,
      account: accountName,
      region: r.resource.region,
      resourceId: r.resource.type === 'account' ? accountName : r.resource.id,
      detail: r.detail,
    }),
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    (a.resource.region ?? '').localeCompare(b.resource.region ?? '') ||
    a.resource.id.localeCompare(b.resource.id) ||
    (a.detail ?? '').localeCompare(b.detail ?? '')
  );
}

/** Counts over the listed findings, with passes taken from the per-check counts (listed or not). */
export function summarize(findings: Finding[], passes: Record<string, number>): ScanSummary {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as ScanSummary['byStatus'];
  const failByOwnerSeverity = Object.fromEntries(
    OWNERS.map((o) => [o, Object.fromEntries(SEVERITIES.map((s) => [s, 0]))]),
  ) as ScanSummary['failByOwnerSeverity'];
  let muted = 0;
  for (const f of findings) {
    if (f.status === 'pass') continue;
    byStatus[f.status]++;
    if (f.status !== 'fail') continue;
    if (f.muted) muted++;
    else failByOwnerSeverity[f.owner][f.severity]++;
  }
  for (const n of Object.values(passes)) byStatus.pass += n;
  const total = STATUSES.reduce((n, s) => n + byStatus[s], 0);
  return { total, byStatus, failByOwnerSeverity, muted };
}
