import type { Bilingual } from '../core/errors.js';
import { summarize } from './run.js';
import type { ScanResult } from './types.js';

// Scans of several accounts as one result, for a digest across accounts: findings keep the
// account they came from (resource.account), and an account that could not be read is a gap
// naming it, so the digest says it is incomplete instead of reading as clean.

/** `accountId`: the id the account is known by before it is read (its role ARN), for an unreadable one. */
export type AccountScan = { account: string; accountId?: string; scan: ScanResult } | { account: string; accountId?: string; error: Bilingual };

export function mergeScans(label: string, parts: AccountScan[], now: Date): ScanResult {
  const scans = parts.flatMap((p) => ('scan' in p ? [p.scan] : []));
  const findings = scans.flatMap((s) => s.findings);
  const passes: Record<string, number> = {};
  for (const s of scans) for (const [id, n] of Object.entries(s.passes)) passes[id] = (passes[id] ?? 0) + n;
  const unreadable = parts.flatMap((p) =>
    'error' in p ? [{ service: 'sts' as const, action: 'AssumeRole', resource: p.account, code: 'AccountUnreadable', message: p.error.en }] : [],
  );
  const byId = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  const at = now.toISOString();
  return {
    accountName: label,
    accountId: null,
    scannedAt: at,
    collectedAt: scans.map((s) => s.collectedAt).sort()[0] ?? at,
    source: scans[0]?.source ?? 'live',
    regions: [...new Set(scans.flatMap((s) => s.regions))].sort(),
    gaps: [...unreadable, ...scans.flatMap((s) => s.gaps)],
    checks: byId(scans.flatMap((s) => s.checks)),
    findings,
    passes,
    summary: summarize(findings, passes),
    incomplete: unreadable.length > 0 || scans.some((s) => s.incomplete),
    accounts: parts.map((p) => ({
      name: p.account,
      accountId: 'scan' in p ? (p.scan.accountId ?? p.accountId ?? null) : (p.accountId ?? null),
      ...('error' in p ? { error: p.error } : { incomplete: p.scan.incomplete }),
    })),
    notCovered: [...new Map(scans.flatMap((s) => s.notCovered).map((n) => [JSON.stringify(n), n])).values()],
    expiredSuppressions: scans.flatMap((s) => s.expiredSuppressions),
    expiringSuppressions: scans.flatMap((s) => s.expiringSuppressions),
  };
}
