import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { findingTable, NOW, scanUnder } from './helpers.js';

// The new checks on the demo account (moved to today, as `--demo` shows it), through the real SDK
// and callApi: planted problems fail, clean resources pass, and a denied or broken call makes
// them errors naming the permission, never a pass.

const NEW_CHECKS = ['kms.key-rotation-off', 'kms.key-pending-deletion', 'cas.cert-expired', 'cas.cert-expiring', 'vpc.acl-allow-all'];

async function scan(faults: FaultRule[] = []) {
  const { snapshot, scan: result } = await scanUnder(faults, { now: NOW });
  return { snapshot, result, findings: result.findings.filter((f) => NEW_CHECKS.includes(f.checkId)) };
}

describe('KMS, certificates and network ACLs on the demo account', () => {
  it('fail where problems are planted and pass the clean resources', async () => {
    const { snapshot, findings, result } = await scan();
    expect(snapshot.gaps).toEqual([]);
    expect(findingTable(result, NEW_CHECKS)).toEqual([
      'cas.cert-expired 12345601 pass',
      'cas.cert-expired 12345602 pass',
      'cas.cert-expired 12345603 fail',
      'cas.cert-expiring 12345601 pass',
      'cas.cert-expiring 12345602 fail',
      'cas.cert-expiring 12345603 skip',
      'kms.key-pending-deletion key-hzz6a1b2c3d4e5f6 pass',
      'kms.key-pending-deletion key-hzzbackup000001 pass',
      'kms.key-pending-deletion key-hzzoldapp000001 fail',
      'kms.key-pending-deletion key-hzzsigning00001 pass',
      'kms.key-rotation-off key-hzz6a1b2c3d4e5f6 pass',
      'kms.key-rotation-off key-hzzbackup000001 fail',
      'kms.key-rotation-off key-hzzoldapp000001 skip',
      'kms.key-rotation-off key-hzzsigning00001 skip',
      'vpc.acl-allow-all nacl-bp1dev000001 fail',
      'vpc.acl-allow-all nacl-bp1prod00001 pass',
    ]);
    expect(snapshot.products).toEqual({ 'product.vpn-gateway': { used: true, assets: ['vpn-bp1office0001'] } });
  });

  it.each([
    ['ListKeys', 'kms:ListKeys', ['kms.key-rotation-off', 'kms.key-pending-deletion']],
    ['DescribeKey', 'kms:DescribeKey', ['kms.key-rotation-off', 'kms.key-pending-deletion']],
    ['ListUserCertificateOrder', 'yundun-cert:ListUserCertificateOrder', ['cas.cert-expired', 'cas.cert-expiring']],
    ['DescribeNetworkAcls', 'vpc:DescribeNetworkAcls', ['vpc.acl-allow-all']],
  ])('%s denied: its checks are errors naming %s, none passes', async (action, permission, checks) => {
    const { findings } = await scan([{ action, kind: 'deny' }]);
    const mine = findings.filter((f) => checks.includes(f.checkId));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.status === 'error')).toBe(true);
    expect(mine.every((f) => f.reason.en.includes(`grant ${permission}`))).toBe(true);
  });

  it('a certificate listing that keeps failing with 503 is an error, not an empty pass', async () => {
    const { snapshot, findings } = await scan([{ action: 'ListUserCertificateOrder', kind: 'error', status: 503 }]);
    expect(snapshot.certificates).toBeNull();
    const certs = findings.filter((f) => f.checkId.startsWith('cas.'));
    expect(certs.map((f) => f.status)).toEqual(['error', 'error']);
  });

  it('VPN gateway usage denied: recorded as unknown with the permission, never as unused', async () => {
    const { snapshot } = await scan([{ action: 'DescribeVpnGateways', kind: 'deny' }]);
    expect(snapshot.products!['product.vpn-gateway']).toEqual({ unknown: true, action: 'vpc:DescribeVpnGateways', code: 'Forbidden.RAM' });
    expect(snapshot.gaps.map((g) => g.missingAction)).toContain('vpc:DescribeVpnGateways');
  });
});
