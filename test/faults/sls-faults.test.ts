import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { NOW, scanUnder } from './helpers.js';

// The Log Service checks on the demo account through the real SLS SDK: the planted missing,
// partial and disabled alerts and the 180-day retention fail, the present alerts pass, and a
// denied or broken SLS call makes them errors naming the log: permission, never a pass.

const SLS_CHECKS = ['sls.alert-missing', 'sls.retention-short', 'sls.log-collection-off'];

async function scan(faults: FaultRule[] = []) {
  const { snapshot, scan: result } = await scanUnder(faults, { now: NOW });
  const findings = result.findings.filter((f) => SLS_CHECKS.includes(f.checkId));
  return { snapshot, findings, table: findings.map((f) => `${f.checkId}${f.detail ? `#${f.detail}` : ''} ${f.status}`).sort() };
}

describe('Log Service checks on the demo account', () => {
  it('fail the planted alerts and retention, pass the alerts that exist', async () => {
    const { snapshot, table, findings } = await scan();
    expect(snapshot.gaps).toEqual([]);
    expect(table).toEqual([
      'sls.alert-missing#cloud-firewall-changes fail',
      'sls.alert-missing#console-auth-failures fail',
      'sls.alert-missing#console-signin-no-mfa pass',
      'sls.alert-missing#kms-key-disable-delete fail',
      'sls.alert-missing#oss-bucket-policy-changes fail',
      'sls.alert-missing#oss-permission-changes fail',
      'sls.alert-missing#ram-role-changes pass',
      'sls.alert-missing#rds-config-changes fail',
      'sls.alert-missing#root-account-use pass',
      'sls.alert-missing#security-group-changes pass',
      'sls.alert-missing#unauthorized-api-calls pass',
      'sls.alert-missing#vpc-changes fail',
      'sls.alert-missing#vpc-route-changes fail',
      'sls.log-collection-off#anti-ddos fail',
      'sls.log-collection-off#cloud-audit fail',
      'sls.log-collection-off#cloud-firewall pass',
      'sls.log-collection-off#security-center pass',
      'sls.log-collection-off#waf fail',
      'sls.retention-short fail',
    ]);
    expect(findings.find((f) => f.detail === 'cloud-audit')!.reason.en).toContain('for SLB logs');
    expect(findings.find((f) => f.detail === 'waf')!.reason.en).toContain('waf-access (wafng/waf_access_log) would collect them but is disabled');
    const kms = findings.find((f) => f.detail === 'kms-key-disable-delete')!;
    expect(kms.reason.en).toContain('cis-kms-key-disable-delete would watch it but is disabled');
    expect(findings.find((f) => f.checkId === 'sls.retention-short')!.reason.en).toContain('only 180 days');
  });

  it.each([
    ['ListAlerts', 'log:ListAlerts', ['sls.alert-missing']],
    ['GetLogStore', 'log:GetLogStore', ['sls.retention-short']],
    ['ListLogStores', 'log:ListLogStores', ['sls.retention-short']],
    ['ListCollectionPolicies', 'log:ListCollectionPolicies', ['sls.log-collection-off']],
  ])('%s denied: its checks are errors naming %s, none passes', async (action, permission, checks) => {
    const { findings } = await scan([{ action, kind: 'deny' }]);
    const mine = findings.filter((f) => checks.includes(f.checkId));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.status === 'error')).toBe(true);
    expect(mine.every((f) => f.reason.en.includes(`grant ${permission}`))).toBe(true);
  });

  it('a ListAlerts that keeps failing with 503 is an error, not a missing alert', async () => {
    const { findings } = await scan([{ action: 'ListAlerts', kind: 'error', status: 503 }]);
    const alerts = findings.filter((f) => f.checkId === 'sls.alert-missing');
    expect(alerts).toHaveLength(13);
    expect(alerts.every((f) => f.status === 'error')).toBe(true);
  });

  it('trails that cannot be read leave the trail checks errors naming actiontrail:DescribeTrails; the collection rules do not need them', async () => {
    const { findings } = await scan([{ action: 'DescribeTrails', kind: 'deny' }]);
    const trailChecks = findings.filter((f) => f.checkId !== 'sls.log-collection-off');
    expect(trailChecks.length).toBeGreaterThan(0);
    expect(trailChecks.every((f) => f.status === 'error' && f.reason.en.includes('actiontrail:DescribeTrails'))).toBe(true);
    expect(findings.filter((f) => f.checkId === 'sls.log-collection-off').map((f) => f.status)).not.toContain('error');
  });

  it('asks ListCollectionPolicies at Shanghai for an account homed in China (a Singapore-only denial does not touch it)', async () => {
    const { snapshot } = await scanUnder([{ action: 'ListCollectionPolicies', kind: 'deny', region: 'ap-southeast-1' }], { now: NOW });
    // The demo is homed in China, so Shanghai is asked and the Singapore-only denial does not apply.
    expect(snapshot.logService!.collectionPolicies).toHaveLength(6);
  });
});
