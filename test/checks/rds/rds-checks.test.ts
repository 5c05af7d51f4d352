import { describe, expect, it } from 'vitest';
import { rdsSqlAuditOff } from '../../../src/checks/rds/sql-audit-off.js';
import { rdsSslOff } from '../../../src/checks/rds/ssl-off.js';
import { rdsTdeOff } from '../../../src/checks/rds/tde-off.js';
import { rdsWhitelistOpenWorld } from '../../../src/checks/rds/whitelist-open-world.js';
import { run, statuses } from '../../builders/context.js';
import { buildGap, buildRdsInstance, buildSnapshot } from '../../builders/snapshot.js';

const dbs = (...d: ReturnType<typeof buildRdsInstance>[]) => buildSnapshot({ region: { rdsInstances: d } });

describe('rds.whitelist-open-world', () => {
  it('passes an instance whose whitelist holds only private ranges', () => {
    expect(statuses(run(rdsWhitelistOpenWorld))).toEqual(['pass']);
  });
  it('fails 0.0.0.0/0 as critical, naming the instance and its public endpoint', () => {
    const f = run(rdsWhitelistOpenWorld, dbs(buildRdsInstance({ whitelist: ['10.0.0.0/8', '0.0.0.0/0'], netType: 'Internet' })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.severity).toBe('critical');
    expect(f[0]!.reason.en).toBe('RDS instance orders (rm-1) has 0.0.0.0/0 in its IP whitelist. It also has a public endpoint.');
    expect(f[0]!.reason.zh).toContain('0.0.0.0/0');
    expect(f[0]!.remediation.cli).toBe('aliyun rds DescribeDBInstanceIPArrayList --RegionId cn-hangzhou --DBInstanceId rm-1');
  });
  it('errors for an instance whose whitelist could not be read, naming the permission', () => {
    const f = run(
      rdsWhitelistOpenWorld,
      buildSnapshot({
        region: { rdsInstances: [buildRdsInstance({ whitelist: null })] },
        gaps: [buildGap({ service: 'rds', action: 'DescribeDBInstanceIPArrayList', resource: 'rm-1', missingAction: 'rds:DescribeDBInstanceIPArrayList' })],
      }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('rds:DescribeDBInstanceIPArrayList');
  });
  it('errors for the region when the instance list is unknown, also for snapshots stored before RDS was collected', () => {
    const denied = run(
      rdsWhitelistOpenWorld,
      buildSnapshot({ region: { rdsInstances: null }, gaps: [buildGap({ service: 'rds', action: 'DescribeDBInstances', missingAction: 'rds:DescribeDBInstances' })] }),
    );
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('rds:DescribeDBInstances');
    const old = buildSnapshot();
    delete old.regionData['cn-hangzhou']!.rdsInstances;
    expect(statuses(run(rdsWhitelistOpenWorld, old))).toEqual(['error']);
  });
});

describe.each([
  // The command is printed for the operator; whoowns itself only reads.
  ['rds.ssl-off', rdsSslOff, 'sslEnabled', 'SSL encryption', 'rds:DescribeDBInstanceSSL', 'aliyun rds DescribeDBInstanceSSL --RegionId cn-hangzhou --DBInstanceId rm-1'],
  ['rds.tde-off', rdsTdeOff, 'tdeEnabled', 'TDE', 'rds:DescribeDBInstanceTDE', 'aliyun rds ModifyDBInstanceTDE --RegionId cn-hangzhou --DBInstanceId rm-1 --TDEStatus Enabled'],
  ['rds.sql-audit-off', rdsSqlAuditOff, 'sqlAuditEnabled', 'SQL audit', 'rds:DescribeSQLCollectorPolicy', 'aliyun rds ModifySQLCollectorPolicy --RegionId cn-hangzhou --DBInstanceId rm-1 --SQLCollectorStatus Enable'],
] as const)('%s', (_id, check, field, words, permission, cli) => {
  it('passes when on and fails when off, naming the instance', () => {
    expect(statuses(run(check))).toEqual(['pass']);
    const f = run(check, dbs(buildRdsInstance({ [field]: false })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe(`RDS instance orders (rm-1) has ${words} off.`);
    expect(f[0]!.owner).toBe('customer');
    expect(f[0]!.remediation.cli).toBe(cli);
  });
  it('errors, never passes, when the setting is unknown', () => {
    const [service, action] = permission.split(':') as ['rds', string];
    const f = run(
      check,
      buildSnapshot({ region: { rdsInstances: [buildRdsInstance({ [field]: null })] }, gaps: [buildGap({ service, action, resource: 'rm-1', missingAction: permission })] }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain(permission);
  });
});
