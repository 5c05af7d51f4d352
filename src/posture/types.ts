// The posture model: checks are data (meta) plus a pure function over a Snapshot; findings are
// check results joined with their meta. Everything here is plain JSON-able data.

import type { Bilingual } from '../core/errors.js';
import type { Owner } from '../kb/schema.js';
import type { Gap, Service, Snapshot } from '../cloud/snapshot.js';
import type { Thresholds } from '../checks/thresholds.js';
import type { OsEolTable } from '../checks/os-eol.js';
import type { NotCovered } from '../checks/not-covered.js';

export type { Bilingual, Owner };

export const STATUSES = ['fail', 'error', 'skip', 'pass'] as const;
export type Status = (typeof STATUSES)[number];

/** Most severe first: the order used for sorting and for `minSeverity`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type CheckService = 'ecs' | 'ram' | 'vpc';

export const RESOURCE_TYPES = [
  'security-group',
  'instance',
  'disk',
  'auto-snapshot-policy',
  'region',
  'vpc',
  'ram-user',
  'ram-group',
  'access-key',
  'ram-policy',
  'account',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** An API call a check reads. A gap for it turns the check's results into `error`. */
export interface Need {
  service: Service;
  action: string;
}

export interface Remediation {
  why: Bilingual;
  /** Numbered console steps, one per line. May hold placeholders (see checks/template.ts). */
  console: Bilingual;
  /**
   * One `aliyun` CLI command. Placeholders: {region} {account} {resourceId} {resourceName}
   * {resource} ("name (id)", or the id alone when the name adds nothing), plus any in meta.terms.
   */
  cli: string;
}

export interface CheckMeta {
  id: string;
  title: Bilingual;
  severity: Severity;
  owner: Owner;
  service: CheckService;
  resourceType: ResourceType;
  /** Knowledge entry the ownership rests on (customer.security-groups ...). */
  responsibility: string;
  /** Knowledge product entries that help fix it. */
  products: string[];
  cis?: string;
  /** Config rule names, documentation URLs. */
  references: string[];
  remediation: Remediation;
  /**
   * Check-specific placeholders ({detail}, or a result's vars) and what they stand for, so the
   * generic form (`posture explain <check>`) can say "<rule>" where a finding would say "min-length".
   */
  terms?: Record<string, Bilingual>;
  needs: Need[];
}

export interface CheckContext {
  snapshot: Snapshot;
  thresholds: Thresholds;
  now: Date;
  eol: OsEolTable;
}

export interface ResourceRef {
  type: ResourceType;
  id: string;
  name: string;
  region?: string;
  account: string;
}

export interface CheckResult {
  status: Status;
  resource: ResourceRef;
  /** A sentence naming the resource. */
  reason: Bilingual;
  /** What inside the resource (rule id, key id, policy rule): part of the fingerprint. */
  detail?: string;
  evidence?: Record<string, unknown>;
  /** A CLI command specific to this result, replacing meta.remediation.cli (same placeholders). */
  cli?: string;
  /** Values for the check's own placeholders (declared in meta.terms), e.g. { policy: 'AdministratorAccess' }. */
  vars?: Record<string, string>;
}

export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext): CheckResult[];
}

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

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
