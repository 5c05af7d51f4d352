// The check model: what a check declares (meta) and what it returns (results) over a Snapshot.
// Checks import this, the snapshot types, their helpers and core, nothing of the engine.

import type { Bilingual } from '../core/errors.js';
import { SEVERITIES, severityRank, OWNERS, type Owner, type Severity } from '../core/i18n.js';
import type { Service, Snapshot } from '../cloud/snapshot.js';
import type { Thresholds } from './thresholds.js';
import type { OsEolTable } from './os-eol.js';

export { SEVERITIES, severityRank, OWNERS, type Bilingual, type Owner, type Severity };

export const STATUSES = ['fail', 'error', 'skip', 'pass'] as const;
export type Status = (typeof STATUSES)[number];

export type CheckService = 'ecs' | 'ram' | 'vpc' | 'kms' | 'cas' | 'actiontrail' | 'sas' | 'rds' | 'ack' | 'sls' | 'oss';

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
  'kms-key',
  'certificate',
  'network-acl',
  'trail',
  'rds-instance',
  'ack-cluster',
  'sls-logstore',
  'oss-bucket',
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
  /**
   * Filled by the engine from the compliance map (knowledge/compliance), e.g. "CIS v2 3.2, 4.3, 4.4";
   * a check never sets it, so the framework in data stays the one truth.
   */
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

