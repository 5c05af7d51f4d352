import { describe, expect, it } from 'vitest';
import { diskNoAutoSnapshot } from '../../../src/checks/ecs/disk-no-auto-snapshot.js';
import { diskUnencrypted } from '../../../src/checks/ecs/disk-unencrypted.js';
import { encryptionByDefaultOff } from '../../../src/checks/ecs/encryption-by-default-off.js';
import { snapshotShortRetention } from '../../../src/checks/ecs/snapshot-short-retention.js';
import { run, statuses } from '../../builders/context.js';
import { buildAutoSnapshotPolicy, buildDisk, buildGap, buildSnapshot } from '../../builders/snapshot.js';

const disksGap = buildSnapshot({ region: { disks: null }, gaps: [buildGap({ action: 'DescribeDisks', missingAction: 'ecs:DescribeDisks' })] });

describe('ecs.disk.unencrypted', () => {
  it('passes encrypted disks and fails attached and unattached plain ones', () => {
    expect(statuses(run(diskUnencrypted))).toEqual(['pass']);
    const f = run(diskUnencrypted, buildSnapshot({ region: { disks: [buildDisk({ encrypted: false }), buildDisk({ diskId: 'd-2', diskName: '', encrypted: false, instanceId: null, status: 'Available' })] } }));
    expect(statuses(f)).toEqual(['fail', 'fail']);
    expect(f[0]!.reason.en).toBe('Disk web-1-system (d-1) (system disk of i-1) is not encrypted.');
    expect(f[1]!.reason.en).toBe('Disk d-2 (not attached) is not encrypted.');
    expect(f[1]!.reason.zh).toBe('云盘 d-2(未挂载)未加密。');
  });
  it('errors when disks could not be listed', () => {
    const f = run(diskUnencrypted, disksGap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ecs:DescribeDisks');
  });
});

describe('ecs.disk.encryption-by-default-off', () => {
  it('judges each region', () => {
    expect(statuses(run(encryptionByDefaultOff))).toEqual(['pass']);
    const f = run(encryptionByDefaultOff, buildSnapshot({ region: { diskEncryptionByDefault: false } }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.remediation.cli).toBe('aliyun ecs EnableDiskEncryptionByDefault --RegionId cn-hangzhou');
  });
  it('errors when unknown', () => {
    const f = run(
      encryptionByDefaultOff,
      buildSnapshot({ region: { diskEncryptionByDefault: null }, gaps: [buildGap({ action: 'DescribeDiskEncryptionByDefaultStatus', code: 'Forbidden.RAM' })] }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ecs:DescribeDiskEncryptionByDefaultStatus');
  });
});

describe('ecs.disk.no-auto-snapshot', () => {
  it('fails without a policy, or with automatic snapshots disabled', () => {
    expect(statuses(run(diskNoAutoSnapshot))).toEqual(['pass']);
    const f = run(diskNoAutoSnapshot, buildSnapshot({ region: { disks: [buildDisk({ autoSnapshotPolicyId: null, enableAutoSnapshot: false }), buildDisk({ diskId: 'd-2', enableAutoSnapshot: false })] } }));
    expect(statuses(f)).toEqual(['fail', 'fail']);
    expect(f[1]!.reason.en).toContain('automatic snapshots are disabled');
  });
  it('errors when disks could not be listed', () => {
    expect(statuses(run(diskNoAutoSnapshot, disksGap))).toEqual(['error']);
  });
});

describe('ecs.snapshot.short-retention', () => {
  it.each([
    [30, 'pass'],
    [7, 'pass'],
    [-1, 'pass'],
    [3, 'fail'],
  ] as const)('retention %d → %s', (retentionDays, status) => {
    expect(statuses(run(snapshotShortRetention, buildSnapshot({ region: { autoSnapshotPolicies: [buildAutoSnapshotPolicy({ retentionDays })] } })))).toEqual([status]);
  });
  it('uses the threshold', () => {
    expect(statuses(run(snapshotShortRetention, buildSnapshot(), { snapshotMinRetentionDays: 60 }))).toEqual(['fail']);
  });
  it('errors when policies could not be read', () => {
    const snap = buildSnapshot({ region: { autoSnapshotPolicies: null }, gaps: [buildGap({ action: 'DescribeAutoSnapshotPolicyEx' })] });
    expect(statuses(run(snapshotShortRetention, snap))).toEqual(['error']);
  });
});
