// Run checks the way a scan does (gaps, suppressions and all) with test defaults.

import { loadOsEol } from '../../src/checks/os-eol.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/checks/thresholds.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { runChecks, type RunOptions } from '../../src/posture/run.js';
import type { Check, CheckContext, Finding, ScanResult, Status } from '../../src/posture/types.js';
import { buildSnapshot, NOW } from './snapshot.js';

const EOL = loadOsEol();

export function buildContext(o: Partial<CheckContext> = {}): CheckContext {
  return { snapshot: buildSnapshot(), thresholds: DEFAULT_THRESHOLDS, now: NOW, eol: EOL, ...o };
}

export function scanWith(snapshot: Snapshot, o: Omit<Partial<RunOptions>, 'thresholds'> & { thresholds?: Partial<Thresholds> } = {}): ScanResult {
  return runChecks(snapshot, { now: NOW, eol: EOL, ...o, thresholds: { ...DEFAULT_THRESHOLDS, ...o.thresholds } });
}

/** Findings of one check over a snapshot. */
export function run(check: Check, snapshot: Snapshot = buildSnapshot(), thresholds: Partial<Thresholds> = {}): Finding[] {
  return scanWith(snapshot, { checks: [check], thresholds }).findings;
}

export function statuses(findings: Finding[]): Status[] {
  return findings.map((f) => f.status);
}

export function only(findings: Finding[], status: Status): Finding[] {
  return findings.filter((f) => f.status === status);
}
