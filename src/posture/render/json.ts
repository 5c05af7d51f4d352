// One JSON document per scan, for machines (schema/scan-v2.schema.json). Check metadata lives once
// per check in `checks`; a finding holds only what is about its resource, its reason in the asked
// language (both with `bothLanguages`), and for a failure the CLI fix filled in for it. Passes are
// counts per check unless the scan listed them. The document is written a piece at a time, one
// finding per line, so a 50,000-finding account never becomes one string in memory.
// `schema` changes only when a field changes meaning.

import type { CheckMeta, Finding, ScanResult } from '../types.js';
import { remediationOf } from '../meta.js';
import { collect, DEMO_LABEL, isDemo, type RenderOptions, type Write } from './common.js';

export const JSON_SCHEMA_ID = 'whoowns/scan@2';

export interface JsonOptions extends RenderOptions {
  /** Reasons in both languages ({zh, en}) instead of the asked one. */
  bothLanguages?: boolean;
}

function check(m: CheckMeta): Record<string, unknown> {
  return {
    title: m.title,
    severity: m.severity,
    owner: m.owner,
    service: m.service,
    resourceType: m.resourceType,
    responsibility: m.responsibility,
    products: m.products,
    cis: m.cis ?? null,
    references: m.references,
    // The template: placeholders ({resourceId}, {region}, ...) are filled per finding (`fix`).
    remediation: m.remediation,
  };
}

// Every finding has the same keys (null when empty), so a reader never tests for presence.
function finding(f: Finding, scan: ScanResult, opts: JsonOptions): Record<string, unknown> {
  return {
    fingerprint: f.fingerprint,
    checkId: f.checkId,
    status: f.status,
    resource: f.resource,
    detail: f.detail ?? null,
    reason: opts.bothLanguages ? f.reason : f.reason[opts.lang],
    evidence: f.evidence ?? null,
    muted: f.muted ?? null,
    fix: f.status === 'fail' ? remediationOf(scan, f).cli : null,
    team: f.team ? { teams: f.team.teams, why: opts.bothLanguages ? f.team.why : f.team.why[opts.lang] } : null,
  };
}

const FINDINGS_SLOT = '\u0000findings';

export function renderJsonTo(scan: ScanResult, opts: JsonOptions, write: Write): void {
  const demo = isDemo(scan, opts);
  const s = scan.summary;
  const head = {
    schema: JSON_SCHEMA_ID,
    demo,
    label: demo ? DEMO_LABEL[opts.lang] : null,
    lang: opts.bothLanguages ? 'both' : opts.lang,
    account: { name: scan.accountName, id: scan.accountId },
    scannedAt: scan.scannedAt,
    collectedAt: scan.collectedAt,
    source: scan.source,
    regions: scan.regions,
    incomplete: scan.incomplete,
    gaps: scan.gaps,
    summary: {
      counts: { ...s.byStatus, muted: s.muted, total: s.total },
      openByOwnerSeverity: s.failByOwnerSeverity,
    },
    checks: Object.fromEntries(scan.checks.map((m) => [m.id, check(m)])),
    passes: scan.passes,
    findings: FINDINGS_SLOT,
    notCovered: scan.notCovered,
    suppressions: { expired: scan.expiredSuppressions, expiringSoon: scan.expiringSuppressions },
    unowned: scan.unowned ?? null,
  };
  // The small parts pretty-printed as one piece each; the findings in between, one per line.
  const text = JSON.stringify(head, null, 2);
  const slot = text.indexOf(JSON.stringify(FINDINGS_SLOT));
  write(`${text.slice(0, slot)}[`);
  scan.findings.forEach((f, i) => write(`${i === 0 ? '' : ','}\n    ${JSON.stringify(finding(f, scan, opts))}`));
  write(`${scan.findings.length ? '\n  ' : ''}]${text.slice(slot + JSON.stringify(FINDINGS_SLOT).length)}\n`);
}

export function renderJson(scan: ScanResult, opts: JsonOptions): string {
  return collect((w) => renderJsonTo(scan, opts, w));
}
