// Run checks the way a scan does (gaps, suppressions and all) with test defaults.

import { loadOsEol } from '../../src/checks/os-eol.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/checks/thresholds.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { runChecks, type RunOptions } from '../../src/posture/run.js';
import { remediationOf } from '../../src/posture/meta.js';
import type { Check, CheckContext, Finding, Remediation, ScanResult, Status } from '../../src/posture/types.js';
import { buildSnapshot, NOW } from './snapshot.js';

const EOL = loadOsEol();

export function buildContext(o: Partial<CheckContext> = {}): CheckContext {
  return { snapshot: buildSnapshot(), thresholds: DEFAULT_THRESHOLDS, now: NOW, eol: EOL, ...o };
}

/** Passes are listed (tests look at them) unless the filter says otherwise. */
export function scanWith(snapshot: Snapshot, o: Omit<Partial<RunOptions>, 'thresholds'> & { thresholds?: Partial<Thresholds> } = {}): ScanResult {
  const filter = { includePasses: true, ...o.filter };
  return runChecks(snapshot, { now: NOW, eol: EOL, ...o, filter, thresholds: { ...DEFAULT_THRESHOLDS, ...o.thresholds } });
}

/** A finding with its remediation filled, as a renderer shows it. */
export type ShownFinding = Finding & { remediation: Remediation };

/** Findings of one check over a snapshot, passes included. */
export function run(check: Check, snapshot: Snapshot = buildSnapshot(), thresholds: Partial<Thresholds> = {}): ShownFinding[] {
  const scan = scanWith(snapshot, { checks: [check], thresholds });
  return scan.findings.map((f) => ({ ...f, remediation: remediationOf(scan, f) }));
}

export function statuses(findings: Finding[]): Status[] {
  return findings.map((f) => f.status);
}

export function only<F extends Finding>(findings: F[], status: Status): F[] {
  return findings.filter((f) => f.status === status);
}
