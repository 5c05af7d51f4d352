// A finding names its check by id; the check's meta lives once per scan (ScanResult.checks).
// These look it up, and fill a finding's remediation when something shows it, so no finding
// carries its own copy of the bilingual text.

import { remediationFor } from '../checks/template.js';
import type { CheckMeta, Finding, Remediation, ScanResult } from './types.js';

const indexes = new WeakMap<readonly CheckMeta[], Map<string, CheckMeta>>();

/** The meta of a check that ran in this scan. */
export function metaOf(scan: Pick<ScanResult, 'checks'>, checkId: string): CheckMeta {
  let index = indexes.get(scan.checks);
  if (!index) {
    index = new Map(scan.checks.map((m) => [m.id, m]));
    indexes.set(scan.checks, index);
  }
  const meta = index.get(checkId);
  // Findings only come from checks that ran, so this is a bug, not an operator's mistake.
  if (!meta) throw new Error(`finding of check ${checkId}, which is not in this scan's checks`);
  return meta;
}

/** The remediation with this finding's resource filled in (generic words for what it lacks). */
export function remediationOf(scan: Pick<ScanResult, 'checks'>, f: Finding): Remediation {
  return remediationFor(metaOf(scan, f.checkId), f).remediation;
}
