import type { SecurityCenterSnapshot } from '../../cloud/snapshot.js';
import type { CheckContext, Need } from '../model.js';

export const AGENTS_NEED: Need = { service: 'sas', action: 'DescribeCloudCenterInstances' };
export const VULS_NEED: Need = { service: 'sas', action: 'DescribeVulList' };
export const EDITION_NEED: Need = { service: 'sas', action: 'DescribeVersionConfig' };
export const NOTICES_NEED: Need = { service: 'sas', action: 'DescribeNoticeConfig' };
export const VUL_SCAN_NEED: Need = { service: 'sas', action: 'DescribeVulConfig' };
export const CSPM_ROLE_NEED: Need = { service: 'sas', action: 'DescribeServiceLinkedRoleStatus' };
export const VIRUS_BLOCKING_NEED: Need = { service: 'sas', action: 'DescribeSuspiciousOverallConfig' };
export const FINGERPRINT_NEED: Need = { service: 'sas', action: 'GetPropertyScheduleConfig' };

/** One field of the Security Center data; null when it, or Security Center as a whole, is unknown. */
export function sasField<K extends keyof SecurityCenterSnapshot>(ctx: CheckContext, key: K): SecurityCenterSnapshot[K] | null {
  return ctx.snapshot.securityCenter?.[key] ?? null;
}

/** Console names of the editions (DescribeVersionConfig Version). */
export const EDITIONS: Readonly<Record<number, string>> = {
  1: 'Basic',
  3: 'Enterprise',
  5: 'Advanced',
  6: 'Anti-virus',
  7: 'Ultimate',
  8: 'Multi-version',
  10: 'Value-added Plan',
};

/** Editions that scan vulnerabilities, check baselines and alert on intrusions (CIS 8.1: Advanced or better). */
export const PAID_EDITIONS: ReadonlySet<number> = new Set([3, 5, 7]);
