// The posture model: checks are data (meta) plus a pure function over a Snapshot; findings are
// check results joined with their meta. Everything here is plain JSON-able data. The check model
// itself lives with the checks (src/checks/model.ts): checks must not import the engine.

import type { Gap } from '../cloud/snapshot.js';
import type { NotCovered } from '../checks/not-covered.js';
import type { Bilingual, CheckMeta, CheckResult, CheckService, Owner, Remediation, Severity, Status } from '../checks/model.js';

export * from '../checks/model.js';

export interface Mute {
  reason: string;
  by: string;
  until: string;
}

export interface Finding extends CheckResult {
  checkId: string;
  title: Bilingual;
  severity: Severity;
  owner: Owner;
  service: CheckService;
  responsibility: string;
  products: string[];
  references: string[];
  cis?: string;
  /** Placeholders filled in for this resource. */
  remediation: Remediation;
  fingerprint: string;
  muted?: Mute;
}

export interface Suppression {
  check: string;
  /** Resource id or a glob (`*`, `?`), e.g. "sg-*". */
  resource: string;
  reason: string;
  by: string;
  /** YYYY-MM-DD; muting holds through the end of that day (UTC). */
  until: string;
  /** Where it came from, for messages. */
  file?: string;
  line?: number;
}

export type OwnerSeverityCounts = Record<Owner, Record<Severity, number>>;

export interface ScanSummary {
  total: number;
  byStatus: Record<Status, number>;
  /** Failed findings that are not muted, by owner and severity. */
  failByOwnerSeverity: OwnerSeverityCounts;
  muted: number;
}

export interface ScanFilter {
  checkIds?: string[];
  services?: CheckService[];
  minSeverity?: Severity;
  regions?: string[];
}

export interface ScanResult {
  accountName: string;
  accountId: string | null;
  /** When the checks ran (the `now` passed in). */
  scannedAt: string;
  collectedAt: string;
  source: 'live' | 'demo' | 'emulator';
  regions: string[];
  gaps: Gap[];
  /** Metadata of every check that ran (renderers build rule lists from it). */
  checks: CheckMeta[];
  findings: Finding[];
  summary: ScanSummary;
  /** True when any call failed or any check could not decide: a clean result is not trustworthy. */
  incomplete: boolean;
  /** Catalogue rows this tool cannot evaluate, so the report can say so. */
  notCovered: NotCovered[];
  expiredSuppressions: Suppression[];
  /** Suppressions that still mute but lapse within 7 days. */
  expiringSuppressions: Suppression[];
}
