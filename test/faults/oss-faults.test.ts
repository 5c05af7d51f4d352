import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { findingTable, NOW, scanUnder } from './helpers.js';

// The OSS checks on the demo account through ali-oss and the emulator's OSS service: planted
// problems fail, the clean bucket passes, and a denied or throttled call never reads as a pass.

const OSS_CHECKS = [
  'oss.bucket.public-write',
  'oss.bucket.public-read',
  'oss.bucket.block-public-access-off',
  'oss.bucket.https-not-enforced',
  'oss.bucket.logging-off',
  'oss.bucket.sse-off',
  'oss.bucket.sse-not-kms',
  'oss.bucket.audit-retention-off',
  'actiontrail.bucket-public',
];

async function scan(faults: FaultRule[] = []) {
  const { snapshot, scan: result } = await scanUnder(faults, { now: NOW });
  return { snapshot, result, findings: result.findings.filter((f) => OSS_CHECKS.includes(f.checkId)) };
}

describe('OSS checks on the demo account', () => {
  it('fail where problems are planted and pass the clean bucket', async () => {
    const { snapshot, result, findings } = await scan();
    expect(snapshot.gaps).toEqual([]);
    const fails = findingTable(result, OSS_CHECKS).filter((l) => l.endsWith(' fail'));
    expect(fails).toEqual([
      'actiontrail.bucket-public whoowns-demo-ops-audit fail',
      'oss.bucket.audit-retention-off whoowns-demo-ops-audit fail',
      'oss.bucket.block-public-access-off whoowns-demo-ops-audit fail',
      'oss.bucket.block-public-access-off whoowns-demo-static fail',
      'oss.bucket.block-public-access-off whoowns-demo-uploads fail',
      'oss.bucket.https-not-enforced whoowns-demo-static fail',
      'oss.bucket.https-not-enforced whoowns-demo-uploads fail',
      'oss.bucket.logging-off whoowns-demo-logs fail',
      'oss.bucket.logging-off whoowns-demo-static fail',
      'oss.bucket.public-read whoowns-demo-ops-audit fail',
      'oss.bucket.public-read whoowns-demo-uploads fail',
      'oss.bucket.public-write whoowns-demo-static fail',
      'oss.bucket.sse-not-kms whoowns-demo-logs fail',
      'oss.bucket.sse-off whoowns-demo-static fail',
    ]);
    expect(findingTable(result, OSS_CHECKS).filter((l) => l.includes('whoowns-demo-records') && !l.endsWith(' pass'))).toEqual([]);
    const write = findings.find((f) => f.checkId === 'oss.bucket.public-write' && f.status === 'fail')!;
    expect(write).toMatchObject({ severity: 'critical', owner: 'customer' });
    expect(write.resource.region).toBe('cn-shanghai');
    expect(write.reason.en).toContain('ACL public-read-write');
    const trail = findings.find((f) => f.checkId === 'actiontrail.bucket-public')!;
    expect(trail.reason.en).toContain('trail hz-ops-2024');
  });

  it.each([
    ['ListBuckets', 'oss:ListBuckets', OSS_CHECKS],
    ['GetBucketAcl', 'oss:GetBucketAcl', ['oss.bucket.public-read', 'oss.bucket.public-write', 'actiontrail.bucket-public']],
    ['GetBucketPolicy', 'oss:GetBucketPolicy', ['oss.bucket.https-not-enforced', 'oss.bucket.public-read', 'oss.bucket.public-write']],
    ['GetBucketEncryption', 'oss:GetBucketEncryption', ['oss.bucket.sse-off', 'oss.bucket.sse-not-kms']],
    ['GetBucketLogging', 'oss:GetBucketLogging', ['oss.bucket.logging-off']],
    ['GetBucketWorm', 'oss:GetBucketWorm', ['oss.bucket.audit-retention-off']],
  ])('%s denied: its checks are errors naming %s, none passes', async (action, permission, checks) => {
    const { findings } = await scan([{ action, kind: 'deny' }]);
    const mine = findings.filter((f) => checks.includes(f.checkId));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.status === 'error'), mine.map((f) => `${f.checkId} ${f.status}`).join('; ')).toBe(true);
    expect(mine.every((f) => f.reason.en.includes(`grant ${permission}`))).toBe(true);
  });

  it('a bucket list that keeps answering 503 (OSS flow control) is an error, not an empty pass', async () => {
    const { snapshot, findings } = await scan([{ action: 'ListBuckets', kind: 'error', status: 503 }]);
    expect(snapshot.oss!.buckets).toBeNull();
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'error')).toBe(true);
  });
});
