import { describe, expect, it } from 'vitest';
import { rdsPgLoggingOff } from '../../../src/checks/rds/pg-logging-off.js';
import { rdsSqlAuditOff } from '../../../src/checks/rds/sql-audit-off.js';
import { rdsSqlAuditShortRetention } from '../../../src/checks/rds/sql-audit-short-retention.js';
import { rdsTdeNoOwnKey } from '../../../src/checks/rds/tde-no-own-key.js';
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

describe('rds.sql-audit-short-retention (CIS 6.4)', () => {
  it('passes 180 days or more, fails less, and fails audit off as keeping nothing', () => {
    expect(statuses(run(rdsSqlAuditShortRetention))).toEqual(['pass']);
    expect(statuses(run(rdsSqlAuditShortRetention, dbs(buildRdsInstance({ sqlAuditRetentionDays: 180 }))))).toEqual(['pass']);
    const short = run(rdsSqlAuditShortRetention, dbs(buildRdsInstance({ sqlAuditRetentionDays: 30 })));
    expect(statuses(short)).toEqual(['fail']);
    expect(short[0]!.reason.en).toBe('RDS instance orders (rm-1) keeps SQL audit logs for only 30 days (at least 180 wanted).');
    const off = run(rdsSqlAuditShortRetention, dbs(buildRdsInstance({ sqlAuditEnabled: false, sqlAuditRetentionDays: null })));
    expect(statuses(off)).toEqual(['fail']);
    expect(off[0]!.reason.en).toContain('SQL audit is off');
  });
  it('errors when the retention is unknown (denied, or a snapshot stored before it was read)', () => {
    const denied = run(
      rdsSqlAuditShortRetention,
      buildSnapshot({
        region: { rdsInstances: [buildRdsInstance({ sqlAuditRetentionDays: null })] },
        gaps: [buildGap({ service: 'rds', action: 'DescribeSQLCollectorRetention', resource: 'rm-1', missingAction: 'rds:DescribeSQLCollectorRetention' })],
      }),
    );
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('rds:DescribeSQLCollectorRetention');
    const old = buildRdsInstance();
    delete old.sqlAuditRetentionDays;
    expect(statuses(run(rdsSqlAuditShortRetention, dbs(old)))).toEqual(['error']);
  });
});

describe('rds.tde-no-own-key (CIS 6.6)', () => {
  it('passes a key created by this account and fails a service key, a foreign key or TDE off', () => {
    expect(statuses(run(rdsTdeNoOwnKey))).toEqual(['pass']);
    const none = run(rdsTdeNoOwnKey, dbs(buildRdsInstance({ encryptionKey: { keyId: '', creator: '', origin: '' } })));
    expect(statuses(none)).toEqual(['fail']);
    expect(none[0]!.reason.en).toBe('RDS instance orders (rm-1) uses no custom key: its data is encrypted with a service key.');
    const foreign = run(rdsTdeNoOwnKey, dbs(buildRdsInstance({ encryptionKey: { keyId: 'key-9', creator: 'Rds', origin: 'Aliyun_KMS' } })));
    expect(foreign[0]!.reason.en).toContain('created by Rds, not by this account');
    const off = run(rdsTdeNoOwnKey, dbs(buildRdsInstance({ tdeEnabled: false, encryptionKey: null })));
    expect(statuses(off)).toEqual(['fail']);
    expect(off[0]!.reason.en).toContain('see rds.tde-off');
  });
  it('errors when TDE is on but the key could not be read', () => {
    const f = run(
      rdsTdeNoOwnKey,
      buildSnapshot({
        region: { rdsInstances: [buildRdsInstance({ encryptionKey: null })] },
        gaps: [buildGap({ service: 'rds', action: 'DescribeDBInstanceEncryptionKey', resource: 'rm-1', missingAction: 'rds:DescribeDBInstanceEncryptionKey' })],
      }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('rds:DescribeDBInstanceEncryptionKey');
  });
});

describe('rds.pg-logging-off (CIS 6.7-6.9)', () => {
  const pg = (p: Record<string, string> | null) => dbs(buildRdsInstance({ engine: 'PostgreSQL', engineVersion: '15.0', pgLogParameters: p }));
  it('gives one result per parameter, failing the ones not on', () => {
    const f = run(rdsPgLoggingOff, pg({ log_connections: 'on', log_disconnections: 'off', log_duration: 'off' }));
    expect(f.map((x) => `${x.detail}:${x.status}`).sort()).toEqual(['log_connections:pass', 'log_disconnections:fail', 'log_duration:fail']);
    expect(f.find((x) => x.detail === 'log_disconnections')!.reason.en).toBe('RDS instance orders (rm-1) has log_disconnections off.');
  });
  it('skips other engines as not applicable, never a pass', () => {
    expect(statuses(run(rdsPgLoggingOff))).toEqual(['skip']);
  });
  it('errors when the parameters are unknown, or one was not reported', () => {
    const f = run(
      rdsPgLoggingOff,
      buildSnapshot({
        region: { rdsInstances: [buildRdsInstance({ engine: 'PostgreSQL', pgLogParameters: null })] },
        gaps: [buildGap({ service: 'rds', action: 'DescribeParameters', resource: 'rm-1', missingAction: 'rds:DescribeParameters' })],
      }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('rds:DescribeParameters');
    const partial = run(rdsPgLoggingOff, pg({ log_connections: 'on', log_disconnections: 'on' }));
    expect(partial.map((x) => `${x.detail}:${x.status}`).sort()).toEqual(['log_connections:pass', 'log_disconnections:pass', 'log_duration:error']);
  });
});
