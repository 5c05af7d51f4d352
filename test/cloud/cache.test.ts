import { describe, expect, it } from 'vitest';
import { scenario, startEmulator, type RunningEmulator, type ScenarioInput } from '../../src/emulator/index.js';
import { SnapshotCache, patchSnapshot } from '../../src/cloud/index.js';
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

describe('SnapshotCache', () => {
  it('serves from cache within the TTL, rescans after it, and shares a scan between concurrent callers', async () => {
    const emu = await startEmulator({ scenario: scenario(before) });
    try {
      let now = Date.parse('2026-11-01T00:00:00Z');
      const cache = new SnapshotCache({ ttlMs: 60_000, now: () => new Date(now), options: () => optionsFor(emu) });
      const account = { name: 'main' };
      expect(cache.peek('main')).toBeUndefined();
      const [a, b] = await Promise.all([cache.get(account), cache.get(account)]);
      expect(a).toBe(b);
      const callsAfterFirst = emu.calls.length;
      now += 59_000;
      expect(await cache.get(account)).toBe(a);
      expect(emu.calls.length).toBe(callsAfterFirst);
      now += 2_000;
      expect(cache.peek('main')).toBeUndefined();
      const c = await cache.get(account);
      expect(c).not.toBe(a);
      expect(emu.calls.length).toBe(2 * callsAfterFirst);
      await cache.get(account, { force: true });
      expect(emu.calls.length).toBe(3 * callsAfterFirst);
      cache.invalidate('main');
      expect(cache.peek('main')).toBeUndefined();
    } finally {
      await emu.stop();
    }
  });

  it('refreshResource re-reads one group or user and patches only that into the cached snapshot', async () => {
    const first = await startEmulator({ scenario: scenario(before) });
    const second = await startEmulator({ scenario: scenario(after) });
    let current: RunningEmulator = first;
    try {
      const cache = new SnapshotCache({ ttlMs: 3_600_000, options: () => optionsFor(current) });
      const account = { name: 'main' };
      const original = await cache.get(account);
      expect(sg(original, 'sg-web')!.rules![0]!.sourceCidrIp).toBe('0.0.0.0/0');

      current = second; // the account changed
      const sgOut = await cache.refreshResource(account, { type: 'security-group', region: 'cn-hangzhou', id: 'sg-web' });
      expect(sgOut.result).toBe('found');
      expect(sg(sgOut.snapshot, 'sg-web')!.rules![0]!.sourceCidrIp).toBe('10.1.0.0/16');
      // Nothing else was re-read: still one instance, bob still there.
      expect(sgOut.snapshot.regionData['cn-hangzhou']!.instances).toHaveLength(1);
      expect(sgOut.snapshot.ram!.users).toHaveLength(2);
      expect(new Set(second.calls.map((c) => c.action))).toEqual(new Set(['DescribeSecurityGroups', 'DescribeSecurityGroupAttribute']));
      expect(cache.peek('main')).toBe(sgOut.snapshot);
      expect(sgOut.snapshot.stats.apiCalls).toBe(original.stats.apiCalls + second.calls.length);

      const alice = await cache.refreshResource(account, { type: 'ram-user', name: 'alice' });
      expect(alice.result).toBe('found');
      expect(alice.snapshot.ram!.users!.find((u) => u.userName === 'alice')).toMatchObject({ hasConsoleLogin: true, mfaEnabled: true });
      const bob = await cache.refreshResource(account, { type: 'ram-user', name: 'bob' });
      expect(bob.result).toBe('gone');
      expect(bob.snapshot.ram!.users!.map((u) => u.userName)).toEqual(['alice']);

      const err = await cache.refreshResource(account, { type: 'security-group', region: 'eu-west-1', id: 'sg-x' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('a failed refresh keeps the old data and adds the gap; a fresh read clears old gaps for that resource', async () => {
    const emu = await startEmulator({
      scenario: scenario(before),
      faults: [{ action: 'DescribeSecurityGroupAttribute', kind: 'deny', times: 2 }],
    });
    try {
      const cache = new SnapshotCache({ ttlMs: 3_600_000, options: () => optionsFor(emu) });
      const account = { name: 'main' };
      const snap = await cache.get(account);
      expect(sg(snap, 'sg-web')!.rules).toBeNull();
      expect(snap.gaps).toHaveLength(2);
      const fixed = await cache.refreshResource(account, { type: 'security-group', region: 'cn-hangzhou', id: 'sg-web' });
      expect(sg(fixed.snapshot, 'sg-web')!.rules).toHaveLength(1);
      expect(fixed.snapshot.gaps.map((g) => g.resource)).toEqual(['sg-db']);

      emu.setFaults([{ action: 'DescribeSecurityGroups', kind: 'error', status: 500 }]);
      const failed = await cache.refreshResource(account, { type: 'security-group', region: 'cn-hangzhou', id: 'sg-web' });
      expect(failed.result).toBe('failed');
      expect(sg(failed.snapshot, 'sg-web')!.rules).toHaveLength(1);
      expect(failed.snapshot.gaps.at(-1)).toMatchObject({ action: 'DescribeSecurityGroups', resource: 'sg-web', code: 'InternalError' });
    } finally {
      await emu.stop();
    }
  });
});

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
