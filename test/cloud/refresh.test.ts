import { describe, expect, it } from 'vitest';
import { scenario, startEmulator, type RunningEmulator, type ScenarioInput } from '../../src/emulator/index.js';
import { patchSnapshot } from '../../src/cloud/index.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { optionsFor } from './helpers.js';

// The account "before": one open SSH rule, two users.
const before: ScenarioInput = {
  regions: {
    'cn-hangzhou': {
      instances: [{ instanceId: 'i-1', securityGroupIds: ['sg-web'] }],
      securityGroups: [
        { securityGroupId: 'sg-web', rules: [{ portRange: '22/22', sourceCidrIp: '0.0.0.0/0' }] },
        { securityGroupId: 'sg-db', rules: [{ portRange: '3306/3306', sourceCidrIp: '10.0.0.0/8' }] },
      ],
    },
  },
  ram: { users: [{ userName: 'alice' }, { userName: 'bob', hasConsoleLogin: true }] },
};

// The account "after": the SSH rule narrowed, alice got MFA and a console, bob deleted, one more instance.
const after: ScenarioInput = {
  regions: {
    'cn-hangzhou': {
      instances: [{ instanceId: 'i-1', securityGroupIds: ['sg-web'] }, { instanceId: 'i-2' }],
      securityGroups: [
        { securityGroupId: 'sg-web', rules: [{ portRange: '22/22', sourceCidrIp: '10.1.0.0/16' }] },
        { securityGroupId: 'sg-db', rules: [{ portRange: '3306/3306', sourceCidrIp: '10.0.0.0/8' }] },
      ],
    },
  },
  ram: { users: [{ userName: 'alice', hasConsoleLogin: true, mfaEnabled: true }] },
};

const sg = (snap: Snapshot, id: string) => snap.regionData['cn-hangzhou']!.securityGroups!.find((g) => g.securityGroupId === id);

describe('patchSnapshot', () => {
  it('does not invent a list that was unknown', () => {
    const snap = {
      regions: ['r'],
      regionData: { r: { securityGroups: null } },
      gaps: [],
      stats: { apiCalls: 1, retries: 0, durationMs: 0 },
    } as unknown as Snapshot;
    const group = { securityGroupId: 'sg-1' } as never;
    const out = patchSnapshot(snap, { type: 'security-group', region: 'r', id: 'sg-1' }, group, [], { apiCalls: 2, retries: 1 });
    expect(out.regionData['r']!.securityGroups).toBeNull();
    expect(out.stats).toEqual({ apiCalls: 3, retries: 1, durationMs: 0 });
  });
});
