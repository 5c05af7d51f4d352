import { describe, expect, it } from 'vitest';
import { collectFrom, withEmulator } from './helpers.js';
import type { ScenarioInput } from '../../src/emulator/index.js';
import { onOff, toWhitelist } from '../../src/cloud/collect-rds.js';
import { rdsHost } from '../../src/cloud/clients.js';

// 31 instances: DescribeDBInstances takes PageSize >= 30, so this needs a second page.
const filler = Array.from({ length: 29 }, (_, i) => ({ dbInstanceId: `rm-fill${i}` }));
const account = (): ScenarioInput => ({
  regions: {
    'cn-hangzhou': {
      rdsInstances: [
        { dbInstanceId: 'rm-open', whitelist: ['10.0.0.0/8', '0.0.0.0/0'], netType: 'Internet' },
        {
          dbInstanceId: 'rm-pg',
          engine: 'PostgreSQL',
          engineVersion: '15.0',
          sslEnabled: false,
          tdeEnabled: false,
          sqlAuditEnabled: false,
          sqlAuditRetentionDays: 30,
          ownKey: false,
          pgParameters: { log_connections: 'on', log_disconnections: 'off', log_duration: 'on' },
        },
        ...filler,
      ],
    },
  },
});

describe('ApsaraDB RDS through the generic callApi against the emulator', () => {
  it('reads every instance over pages, with whitelist, SSL, TDE, SQL audit and its retention, key and PostgreSQL logging', async () => {
    await withEmulator(account(), async (emu, scenario) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 1 } });
      expect(snap.gaps).toEqual([]);
      const rds = snap.regionData['cn-hangzhou']!.rdsInstances!;
      expect(rds).toHaveLength(31);
      expect(rds[0]).toEqual({
        dbInstanceId: 'rm-open',
        description: 'rm-open',
        regionId: 'cn-hangzhou',
        engine: 'MySQL',
        engineVersion: '8.0',
        status: 'Running',
        netType: 'Internet',
        whitelist: ['10.0.0.0/8', '0.0.0.0/0'],
        sslEnabled: true,
        tdeEnabled: true,
        sqlAuditEnabled: true,
        sqlAuditRetentionDays: 365,
        encryptionKey: { keyId: 'key-rm-open', creator: scenario.account.accountId, origin: 'Aliyun_KMS' },
      });
      // Only PostgreSQL is asked for its parameters, and only the logging ones are kept.
      expect(rds[1]).toMatchObject({
        dbInstanceId: 'rm-pg',
        sslEnabled: false,
        tdeEnabled: false,
        sqlAuditEnabled: false,
        sqlAuditRetentionDays: 30,
        encryptionKey: { keyId: '', creator: '', origin: '' },
        pgLogParameters: { log_connections: 'on', log_disconnections: 'off', log_duration: 'on' },
      });
      expect(emu.calls.filter((c) => c.action === 'DescribeParameters').length).toBe(1);
      expect(emu.calls.filter((c) => c.action === 'DescribeDBInstances').length).toBe(2);
    });
  });

  it('turns a denied list into a gap naming rds:DescribeDBInstances and leaves the list unknown', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.regionData['cn-hangzhou']!.rdsInstances).toBeNull();
        expect(snap.gaps.map((g) => g.missingAction)).toContain('rds:DescribeDBInstances');
      },
      [{ action: 'DescribeDBInstances', kind: 'deny' }],
    );
  });

  it('leaves retention, key and PostgreSQL parameters unknown when their calls are denied, one gap each', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu);
        const pg = snap.regionData['cn-hangzhou']!.rdsInstances!.find((d) => d.dbInstanceId === 'rm-pg')!;
        expect(pg).toMatchObject({ sqlAuditRetentionDays: null, encryptionKey: null, pgLogParameters: null, sslEnabled: false });
        const mine = [...new Set(snap.gaps.filter((g) => g.resource === 'rm-pg').map((g) => g.missingAction))].sort();
        expect(mine).toEqual(['rds:DescribeDBInstanceEncryptionKey', 'rds:DescribeParameters', 'rds:DescribeSQLCollectorRetention']);
        // Only the PostgreSQL instance was asked for parameters, so only it has that gap.
        expect(snap.gaps.filter((g) => g.action === 'DescribeParameters')).toHaveLength(1);
      },
      [
        { action: 'DescribeSQLCollectorRetention', kind: 'deny' },
        { action: 'DescribeDBInstanceEncryptionKey', kind: 'deny' },
        { action: 'DescribeParameters', kind: 'deny' },
      ],
    );
  });

  it('keeps an instance whose per-instance calls were denied, with those settings unknown and one gap each', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu);
        const open = snap.regionData['cn-hangzhou']!.rdsInstances!.find((d) => d.dbInstanceId === 'rm-open')!;
        expect(open).toMatchObject({ whitelist: null, sslEnabled: null, tdeEnabled: true, sqlAuditEnabled: true });
        const mine = snap.gaps.filter((g) => g.resource === 'rm-open').map((g) => g.missingAction).sort();
        expect(mine).toEqual(['rds:DescribeDBInstanceIPArrayList', 'rds:DescribeDBInstanceSSL']);
      },
      [
        { action: 'DescribeDBInstanceIPArrayList', kind: 'deny' },
        { action: 'DescribeDBInstanceSSL', kind: 'deny' },
      ],
    );
  });
});

describe('RDS readers', () => {
  it('reads every spelling of a switch, and an unknown one as unknown', () => {
    expect(['Yes', 'on', 'Enable', 'Enabled'].map(onOff)).toEqual([true, true, true, true]);
    expect(['No', 'off', 'Disabled'].map(onOff)).toEqual([false, false, false]);
    expect(onOff(undefined)).toBeNull();
    expect(onOff('Pending')).toBeNull();
  });

  it('merges the addresses of every whitelist group, hidden ones too', () => {
    const body = {
      Items: {
        DBInstanceIPArray: [
          { DBInstanceIPArrayName: 'default', SecurityIPList: '127.0.0.1,10.0.0.0/8' },
          { DBInstanceIPArrayName: 'hidden_dts', DBInstanceIPArrayAttribute: 'hidden', SecurityIPList: '0.0.0.0/0' },
        ],
      },
    };
    expect(toWhitelist(body)).toEqual(['127.0.0.1', '10.0.0.0/8', '0.0.0.0/0']);
    expect(toWhitelist({})).toEqual([]);
  });

  it('sends the old regions to the shared host and the others to their own', () => {
    expect(rdsHost('cn-hangzhou')).toBe('rds.aliyuncs.com');
    expect(rdsHost('ap-northeast-1')).toBe('rds.ap-northeast-1.aliyuncs.com');
  });
});
