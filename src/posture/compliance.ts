// A framework's recommendations judged from one scan. Missing data never reads as a pass: a
// recommendation passes only when every check it names ran and none of their results failed or
// erred; a check that is not in this build (or a catalogue row listed as not covered) makes it
// not-covered, whatever the others say.

import type { Framework, Recommendation } from '../compliance/framework.js';
import type { Bilingual, Finding, ScanResult } from './types.js';

export const COMPLIANCE_STATUSES = ['pass', 'fail', 'error', 'manual', 'not-covered'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface RecommendationStatus {
  id: string;
  section: string;
  title: Bilingual;
  assessment: Recommendation['assessment'];
  profile: Recommendation['profile'];
  status: ComplianceStatus;
  /** The checks it names, "check" or "check#rule". */
  checks: string[];
  /** Failed results (muted ones included: a mute does not make a recommendation pass). */
  failed: number;
  muted: number;
  errors: number;
  passed: number;
  /** Why it is not-covered, manual or error; null for pass and fail. */
  reason: Bilingual | null;
  note: Bilingual | null;
}

export interface ComplianceReport {
  framework: Framework['framework'];
  accountName: string;
  accountId: string | null;
  source: ScanResult['source'];
  scannedAt: string;
  /** The scan behind it had gaps or errors. */
  incomplete: boolean;
  totals: Record<ComplianceStatus, number>;
  sections: Framework['sections'];
  recommendations: RecommendationStatus[];
}

interface Tally {
  failed: number;
  muted: number;
  errors: number;
  passed: number;
  skipped: number;
  firstError?: Bilingual;
  missing: Bilingual[];
}

/** Judge every recommendation from `scan`, which must hold its passes (ScanFilter.includePasses). */
export function assessCompliance(framework: Framework, scan: ScanResult): ComplianceReport {
  const byCheck = new Map<string, Finding[]>();
  for (const f of scan.findings) {
    const list = byCheck.get(f.checkId) ?? [];
    list.push(f);
    byCheck.set(f.checkId, list);
  }
  const recommendations = framework.recommendations.map((r) => judge(r, scan, byCheck));
  const totals = Object.fromEntries(COMPLIANCE_STATUSES.map((s) => [s, 0])) as Record<ComplianceStatus, number>;
  for (const r of recommendations) totals[r.status]++;
  return {
    framework: framework.framework,
    accountName: scan.accountName,
    accountId: scan.accountId,
    source: scan.source,
    scannedAt: scan.scannedAt,
    incomplete: scan.incomplete,
    totals,
    sections: framework.sections,
    recommendations,
  };
}

function judge(r: Recommendation, scan: ScanResult, byCheck: Map<string, Finding[]>): RecommendationStatus {
  const base = {
    id: r.id,
    section: r.section,
    title: r.title,
    assessment: r.assessment,
    profile: r.profile,
    checks: (r.checks ?? []).map((c) => ('detail' in c ? `${c.check}#${c.detail}` : c.check)),
    note: r.note ?? null,
  };
  const none = { failed: 0, muted: 0, errors: 0, passed: 0 };
  if (!r.checks) {
    return r.manual ? { ...base, ...none, status: 'manual', reason: r.manual } : { ...base, ...none, status: 'not-covered', reason: r['not-covered']! };
  }
  const t = tally(r.checks, scan, byCheck);
  const counts = { failed: t.failed, muted: t.muted, errors: t.errors, passed: t.passed };
  if (t.failed > 0) return { ...base, ...counts, status: 'fail', reason: null };
  if (t.errors > 0) return { ...base, ...counts, status: 'error', reason: t.firstError! };
  if (t.missing.length > 0) return { ...base, ...counts, status: 'not-covered', reason: joined(t.missing) };
  if (t.passed === 0 && t.skipped > 0) {
    return { ...base, ...counts, status: 'not-covered', reason: { en: 'Its checks were skipped by the configured thresholds.', zh: '按当前阈值配置,相关检查被跳过。' } };
  }
  return { ...base, ...counts, status: 'pass', reason: null };
}

function tally(refs: NonNullable<Recommendation['checks']>, scan: ScanResult, byCheck: Map<string, Finding[]>): Tally {
  const t: Tally = { failed: 0, muted: 0, errors: 0, passed: 0, skipped: 0, missing: [] };
  for (const ref of refs) {
    if (!scan.checks.some((m) => m.id === ref.check)) {
      t.missing.push(missingReason(ref.check, scan));
      continue;
    }
    const detail = 'detail' in ref ? ref.detail : undefined;
    // A result without a detail (the check could not run at all) speaks for every rule of it.
    const results = (byCheck.get(ref.check) ?? []).filter((f) => detail === undefined || f.detail === detail || f.detail === undefined);
    if (detail !== undefined && results.length === 0) {
      t.missing.push({ en: `Rule ${detail} of check ${ref.check} gave no result.`, zh: `检查项 ${ref.check} 的规则 ${detail} 没有给出结果。` });
      continue;
    }
    for (const f of results) {
      if (f.status === 'fail') {
        t.failed++;
        if (f.muted) t.muted++;
      } else if (f.status === 'error') {
        t.errors++;
        t.firstError ??= f.reason;
      } else if (f.status === 'skip') t.skipped++;
      else if (detail !== undefined) t.passed++;
    }
    // Passes are counted per check; a rule's own passes are among the findings (includePasses).
    if (detail === undefined) t.passed += scan.passes[ref.check] ?? 0;
  }
  return t;
}

function missingReason(checkId: string, scan: ScanResult): Bilingual {
  const row = scan.notCovered.find((n) => n.id === checkId);
  if (row) return row.reason;
  return {
    en: `Check ${checkId} is not part of this whoowns build, or was not run (a --check or --service filter).`,
    zh: `检查项 ${checkId} 不在当前 whoowns 版本中,或未运行(被 --check 或 --service 过滤)。`,
  };
}

function joined(reasons: Bilingual[]): Bilingual {
  const unique = reasons.filter((r, i) => reasons.findIndex((x) => x.en === r.en) === i);
  return { en: unique.map((r) => r.en).join(' '), zh: unique.map((r) => r.zh).join('') };
}
