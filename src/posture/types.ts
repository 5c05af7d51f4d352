// The posture model: checks are data (meta) plus a pure function over a Snapshot; findings are
// check results joined with their meta. Everything here is plain JSON-able data. The check model
// itself lives with the checks (src/checks/model.ts): checks must not import the engine.

import type { Gap } from '../cloud/snapshot.js';
import type { NotCovered } from '../checks/not-covered.js';
import type { TeamAssignment, UnownedGroup } from './teams.js';
import type { CheckMeta, CheckResult, CheckService, Owner, Severity, Status } from '../checks/model.js';

export * from '../checks/model.js';

export interface Mute {
  reason: string;
  by: string;
  until: string;
}

/**
 * One check result about one resource. Only what is about the resource lives here: the check's
 * title, remediation, references (its meta) live once per check in ScanResult.checks, and the
 * remediation for this resource is filled when rendered (remediationOf). severity and owner are
 * copied from the meta because every consumer sorts, counts and filters by them; they are
 * references to the same two strings, not a copy of the text.
 */
export interface Finding extends CheckResult {
  checkId: string;
  severity: Severity;
  owner: Owner;
  fingerprint: string;
  muted?: Mute;
  /** The team(s) inside the customer that own the resource, and why; absent when no owners are configured. */
  team?: TeamAssignment;
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
  /** List passes as findings too; otherwise they are only counted (ScanResult.passes). */
  includePasses?: boolean;
  /** Only results whose resource this team owns (owners config); passes are counted the same way. */
  team?: string;
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
  /** Failed, error and skipped results; passes only when asked for (ScanFilter.includePasses). */
  findings: Finding[];
  /** Passed results per check id, listed or not: a check with no entry had no pass. */
  passes: Record<string, number>;
  summary: ScanSummary;
  /** True when any call failed or any check could not decide: a clean result is not trustworthy. */
  incomplete: boolean;
  /** Catalogue rows this tool cannot evaluate, so the report can say so. */
  notCovered: NotCovered[];
  expiredSuppressions: Suppression[];
  /** Suppressions that still mute but lapse within 7 days. */
  expiringSuppressions: Suppression[];
  /** Resources no owners rule matched, by missing tag; absent when no owners are configured. */
  unowned?: UnownedGroup[];
  /** Declared teams (id → display names), for surfaces that name them; absent without owners. */
  teams?: Record<string, { zh: string; en: string }>;
  /** A scan across accounts (a digest over several): each account read, or why not; findings name theirs by id (resource.account). */
  accounts?: AccountPart[];
}

export interface AccountPart {
  name: string;
  accountId: string | null;
  /** Read, but some calls failed. */
  incomplete?: boolean;
  /** Could not be read at all (role missing, denied). */
  error?: { zh: string; en: string };
}
