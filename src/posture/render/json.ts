// One JSON document per scan, for machines: fixed key order, both languages kept, nothing
// depends on the terminal. `schema` changes only when a field changes meaning.

import type { Finding, ScanResult } from '../types.js';
import { DEMO_LABEL, isDemo, type RenderOptions } from './common.js';

export const JSON_SCHEMA_ID = 'whoowns.scan/v1';

function finding(f: Finding): Record<string, unknown> {
  return {
    fingerprint: f.fingerprint,
    checkId: f.checkId,
    status: f.status,
    severity: f.severity,
    owner: f.owner,
    service: f.service,
    title: f.title,
    resource: f.resource,
    detail: f.detail ?? null,
    reason: f.reason,
    responsibility: f.responsibility,
    products: f.products,
    cis: f.cis ?? null,
    references: f.references,
    remediation: f.remediation,
    muted: f.muted ?? null,
    evidence: f.evidence ?? null,
  };
}

export function scanDocument(scan: ScanResult, opts: RenderOptions): Record<string, unknown> {
  const demo = isDemo(scan, opts);
  return {
    schema: JSON_SCHEMA_ID,
    demo,
    label: demo ? DEMO_LABEL[opts.lang] : null,
    lang: opts.lang,
    account: { name: scan.accountName, id: scan.accountId },
    scannedAt: scan.scannedAt,
    collectedAt: scan.collectedAt,
    source: scan.source,
    regions: scan.regions,
    incomplete: scan.incomplete,
    gaps: scan.gaps,
    summary: scan.summary,
    findings: scan.findings.map(finding),
    notCovered: scan.notCovered,
    suppressions: { expired: scan.expiredSuppressions, expiringSoon: scan.expiringSuppressions },
  };
}

export function renderJson(scan: ScanResult, opts: RenderOptions): string {
  return JSON.stringify(scanDocument(scan, opts), null, 2) + '\n';
}
