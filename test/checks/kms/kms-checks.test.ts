import { describe, expect, it } from 'vitest';
import { keyPendingDeletion } from '../../../src/checks/kms/key-pending-deletion.js';
import { keyRotationOff } from '../../../src/checks/kms/key-rotation-off.js';
import { run, statuses } from '../../builders/context.js';
import { buildDisk, buildGap, buildKmsKey, buildSnapshot } from '../../builders/snapshot.js';

const keys = (...k: ReturnType<typeof buildKmsKey>[]) => buildSnapshot({ region: { kmsKeys: k } });

describe('kms.key-rotation-off', () => {
  it('passes a customer key that rotates', () => {
    expect(statuses(run(keyRotationOff))).toEqual(['pass']);
  });
  it('fails a customer key without automatic rotation, naming the key', () => {
    const f = run(keyRotationOff, keys(buildKmsKey({ keyId: 'key-9', meta: { automaticRotation: 'Disabled', rotationInterval: '' } })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('KMS key key-9 has automatic rotation disabled.');
  });
  it('skips keys that cannot or need not rotate: asymmetric, imported, service keys, pending deletion', () => {
    const f = run(
      keyRotationOff,
      keys(
        buildKmsKey({ keyId: 'key-rsa', meta: { keySpec: 'RSA_2048', automaticRotation: 'Disabled' } }),
        buildKmsKey({ keyId: 'key-ext', meta: { origin: 'EXTERNAL', automaticRotation: 'Disabled' } }),
        buildKmsKey({ keyId: 'key-svc', meta: { creator: 'Ecs', automaticRotation: 'Disabled' } }),
        buildKmsKey({ keyId: 'key-del', meta: { keyState: 'PendingDeletion', automaticRotation: 'Disabled' } }),
      ),
    );
    expect(f.map((x) => x.status)).toEqual(['skip', 'skip', 'skip', 'skip']);
  });
  it('errors for a key whose DescribeKey was denied, naming the permission, instead of passing it', () => {
    const f = run(
      keyRotationOff,
      buildSnapshot({
        region: { kmsKeys: [buildKmsKey({ meta: null })] },
        gaps: [buildGap({ service: 'kms', action: 'DescribeKey', resource: 'key-1', missingAction: 'kms:DescribeKey' })],
      }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('kms:DescribeKey');
  });
  it('errors for the region when the key list is unknown, also for snapshots stored before KMS was collected', () => {
    const denied = run(keyRotationOff, buildSnapshot({ region: { kmsKeys: null }, gaps: [buildGap({ service: 'kms', action: 'ListKeys', missingAction: 'kms:ListKeys' })] }));
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('kms:ListKeys');
    const old = buildSnapshot();
    delete old.regionData['cn-hangzhou']!.kmsKeys;
    expect(statuses(run(keyRotationOff, old))).toEqual(['error']);
  });
});

describe('kms.key-pending-deletion', () => {
  const pending = { keyState: 'PendingDeletion', deleteDate: '2025-06-22T00:00:00Z' };
  it('passes a key that is not scheduled for deletion', () => {
    expect(statuses(run(keyPendingDeletion))).toEqual(['pass']);
  });
  it('fails a key pending deletion and names the encrypted disks that still use it', () => {
    const f = run(
      keyPendingDeletion,
      buildSnapshot({ region: { kmsKeys: [buildKmsKey({ meta: pending })], disks: [buildDisk({ diskId: 'd-9', encrypted: true, kmsKeyId: 'key-1' })] } }),
    );
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('KMS key key-1 will be deleted on 2025-06-22. Encrypted disks still use it: d-9.');
    expect(f[0]!.reason.zh).toContain('d-9');
  });
  it('says so when the disk list is unknown, without guessing', () => {
    const f = run(keyPendingDeletion, buildSnapshot({ region: { kmsKeys: [buildKmsKey({ meta: pending })], disks: null } }));
    expect(f[0]!.reason.en).toContain('Whether disks still use it is unknown');
  });
  it('errors when keys could not be listed', () => {
    expect(statuses(run(keyPendingDeletion, buildSnapshot({ region: { kmsKeys: null } })))).toEqual(['error']);
  });
});
