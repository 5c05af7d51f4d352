import { createHash } from 'node:crypto';

/**
 * A stable id for a finding across scans: the same check on the same thing in the same account
 * gives the same fingerprint, so diffs ("new", "fixed") and SARIF partialFingerprints line up.
 */
export function fingerprint(parts: {
  checkId: string;
  account: string;
  region?: string;
  resourceId: string;
  detail?: string;
}): string {
  const key = [parts.checkId, parts.account, parts.region ?? '', parts.resourceId, parts.detail ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
