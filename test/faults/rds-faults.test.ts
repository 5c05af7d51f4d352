import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { findingTable, NOW, scanUnder } from './helpers.js';

// The RDS checks on the demo account through the real callApi path: planted problems fail, the
// clean instance passes, and a denied or broken call makes them errors naming the permission.

const RDS_CHECKS = ['rds.whitelist-open-world', 'rds.ssl-off', 'rds.tde-off', 'rds.sql-audit-off'];

async function scan(faults: FaultRule[] = []) {
  const { snapshot, scan: result } = await scanUnder(faults, { now: NOW });
  return { snapshot, result, findings: result.findings.filter((f) => RDS_CHECKS.includes(f.checkId)) };
}

describe('RDS checks on the demo account', () => {
  it('fail where problems are planted and pass the clean instance', async () => {
    const { snapshot, findings, result } = await scan();
    expect(snapshot.gaps).toEqual([]);
    expect(findingTable(result, RDS_CHECKS)).toEqual([
      'rds.sql-audit-off pgm-bp1analytics01 fail',
      'rds.sql-audit-off rm-bp1orders00001 pass',
      'rds.sql-audit-off rm-bp1report00001 pass',
      'rds.ssl-off pgm-bp1analytics01 fail',
      'rds.ssl-off rm-bp1orders00001 pass',
      'rds.ssl-off rm-bp1report00001 pass',
      'rds.tde-off pgm-bp1analytics01 pass',
      'rds.tde-off rm-bp1orders00001 pass',
      'rds.tde-off rm-bp1report00001 fail',
      'rds.whitelist-open-world pgm-bp1analytics01 pass',
      'rds.whitelist-open-world rm-bp1orders00001 pass',
      'rds.whitelist-open-world rm-bp1report00001 fail',
    ]);
    const open = findings.find((f) => f.checkId === 'rds.whitelist-open-world' && f.status === 'fail')!;
    expect(open.severity).toBe('critical');
    expect(open.owner).toBe('customer');
  });

  it.each([
    ['DescribeDBInstances', 'rds:DescribeDBInstances', RDS_CHECKS],
    ['DescribeDBInstanceIPArrayList', 'rds:DescribeDBInstanceIPArrayList', ['rds.whitelist-open-world']],
    ['DescribeDBInstanceSSL', 'rds:DescribeDBInstanceSSL', ['rds.ssl-off']],
    ['DescribeDBInstanceTDE', 'rds:DescribeDBInstanceTDE', ['rds.tde-off']],
    ['DescribeSQLCollectorPolicy', 'rds:DescribeSQLCollectorPolicy', ['rds.sql-audit-off']],
  ])('%s denied: its checks are errors naming %s, none passes', async (action, permission, checks) => {
    const { findings } = await scan([{ action, kind: 'deny' }]);
    const mine = findings.filter((f) => checks.includes(f.checkId));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.status === 'error')).toBe(true);
    expect(mine.every((f) => f.reason.en.includes(`grant ${permission}`))).toBe(true);
    // The other RDS checks still judge the instances they can read.
    expect(findings.filter((f) => !checks.includes(f.checkId)).every((f) => f.status !== 'error')).toBe(true);
  });

  it('an instance list that keeps failing with 503 is an error, not an empty pass', async () => {
    const { snapshot, findings } = await scan([{ action: 'DescribeDBInstances', kind: 'error', status: 503 }]);
    expect(Object.values(snapshot.regionData).every((r) => r.rdsInstances === null)).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'error')).toBe(true);
  });
});
