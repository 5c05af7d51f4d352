import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmulatorCredential } from '../../src/emulator/index.js';
import { baseline, checksNeeding, expectChatSaysIncomplete, expectHonest, scanUnder, type FaultedScan } from './helpers.js';

// Cloud faults through the emulator's fault injection, from the wire to the chat reply: the scan
// finishes with everything it could read, each gap names its call and cause, no finding looks
// better than the truth, and the chat answer says it is incomplete and why.

let full: FaultedScan;
beforeAll(async () => {
  full = await baseline();
  // The baseline must be clean and have real findings, or the comparisons below prove nothing.
  expect(full.scan.gaps).toEqual([]);
  expect(full.scan.findings.filter((f) => f.status === 'fail').length).toBeGreaterThan(10);
});

const regionOf = (s: FaultedScan) => s.snapshot.regions;

describe('throttling storms', () => {
  it('every action throttled: retried until complete, retries counted', async () => {
    const s = await scanUnder([{ action: '*', kind: 'throttle', ratePerSec: 4 }], { collect: { limits: { maxThrottleRetries: 30, maxRetryAfterMs: 300 } } });
    expect(s.snapshot.stats.retries).toBeGreaterThan(0);
    // OSS answers flow control with 503, every POP API and Log Service with 400 Throttling.
    expect(s.emu.calls.filter((c) => c.status === 400 || (c.service === 'oss' && c.status === 503)).length).toBe(s.snapshot.stats.retries);
    expect(s.scan.gaps).toEqual([]);
    expectHonest(s.scan, full.scan);
    expect(s.scan.findings.map((f) => [f.fingerprint, f.status])).toEqual(full.scan.findings.map((f) => [f.fingerprint, f.status]));
  });

  it('past the retry budget: what was throttled out is a gap, the rest is read', async () => {
    const s = await scanUnder([{ action: '*', kind: 'throttle', ratePerSec: 2 }], { collect: { limits: { maxThrottleRetries: 1 } } });
    expect(s.scan.gaps.length).toBeGreaterThan(0);
    // OSS answers flow control with HTTP 503 ServiceUnavailable (no Throttling code); the retry layer backs off the same.
    expect(s.scan.gaps.every((g) => /Throttling/.test(g.code) || (g.service === 'oss' && g.code === 'ServiceUnavailable'))).toBe(true);
    expect(s.scan.findings.some((f) => f.status === 'fail')).toBe(true);
    expectHonest(s.scan, full.scan);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });
});

describe('5xx bursts', () => {
  it('a burst on the main actions is retried and the scan is complete', async () => {
    // Three 500s per action: no single call meets more than three, the retry budget.
    const burst = ['GetCallerIdentity', 'DescribeRegions', 'DescribeInstances', 'DescribeSecurityGroups', 'ListUsers', 'GetUser'];
    const s = await scanUnder(burst.map((action) => ({ action, kind: 'error' as const, status: 500, times: 3 })));
    expect(s.snapshot.stats.retries).toBe(burst.length * 3);
    expect(s.scan.gaps).toEqual([]);
    expectHonest(s.scan, full.scan);
  });

  it('an action that keeps answering 502 becomes gaps; the others are read', async () => {
    const s = await scanUnder([{ action: 'DescribeSecurityGroupAttribute', kind: 'error', status: 502 }], { collect: { limits: { maxRetries: 1 } } });
    expect(s.scan.gaps.length).toBeGreaterThan(0);
    expect(s.scan.gaps.every((g) => g.action === 'DescribeSecurityGroupAttribute' && g.code === 'BadGateway')).toBe(true);
    expect(s.snapshot.regionData['cn-hangzhou']!.instances).not.toBeNull();
    expectHonest(s.scan, full.scan);
    const text = await expectChatSaysIncomplete(s.snapshot, s.scan);
    expect(text).toMatch(/DescribeSecurityGroupAttribute in \S+ failed \(BadGateway\); scan again later/);
  });

  it('random 503s on a third of the calls: retried, honest either way', async () => {
    const s = await scanUnder([{ action: '*', kind: 'error', status: 503, probability: 0.3 }], { collect: { limits: { maxThrottleRetries: 2 } } });
    expect(s.snapshot.stats.retries).toBeGreaterThan(0);
    expectHonest(s.scan, full.scan);
    if (s.scan.gaps.length) await expectChatSaysIncomplete(s.snapshot, s.scan);
  });
});

describe('timeouts and a hanging region', () => {
  it('one action that never answers times out into gaps', async () => {
    const s = await scanUnder([{ action: 'DescribeDisks', kind: 'timeout', ms: 3000 }], { collect: { timeouts: { readMs: 250, connectMs: 250 }, limits: { maxRetries: 1 } } });
    expect(s.scan.gaps.map((g) => [g.action, g.code])).toEqual(regionOf(s).map(() => ['DescribeDisks', 'Timeout']));
    for (const r of regionOf(s)) expect(s.snapshot.regionData[r]!.disks).toBeNull();
    expectHonest(s.scan, full.scan);
    const readsDisks = checksNeeding('DescribeDisks');
    const disks = s.scan.findings.filter((f) => readsDisks.has(f.checkId));
    expect(disks.length).toBeGreaterThan(0);
    expect(disks.every((f) => f.status === 'error')).toBe(true);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });

  it('a region that hangs: only that region is gaps, the other is exactly as without faults', async () => {
    const [good, bad] = full.snapshot.regions as [string, string];
    const s = await scanUnder([{ region: bad, kind: 'timeout', ms: 3000 }], { collect: { regions: [good, bad], timeouts: { readMs: 250, connectMs: 250 }, limits: { maxRetries: 0 } } });
    expect(s.scan.gaps.length).toBeGreaterThan(0);
    expect(s.scan.gaps.every((g) => g.region === bad)).toBe(true);
    const inRegion = (r: string, x: FaultedScan) =>
      x.scan.findings.filter((f) => f.resource.region === r).map((f) => `${f.fingerprint}:${f.status}`).sort();
    expect(inRegion(good, s)).toEqual(inRegion(good, full));
    expect(s.scan.findings.filter((f) => f.resource.region === bad).every((f) => f.status === 'error')).toBe(true);
    expectHonest(s.scan, full.scan);
    const text = await expectChatSaysIncomplete(s.snapshot, s.scan);
    expect(text).toContain(`in ${bad} failed`);
  });
});

describe('AccessDenied and broken bodies', () => {
  it('AccessDenied on one action: its checks are errors naming the permission to grant', async () => {
    const s = await scanUnder([{ action: 'DescribeSecurityGroupAttribute', kind: 'deny' }]);
    expect(s.scan.gaps.every((g) => g.missingAction === 'ecs:DescribeSecurityGroupAttribute')).toBe(true);
    expectHonest(s.scan, full.scan);
    const readsRules = checksNeeding('DescribeSecurityGroupAttribute');
    const sg = s.scan.findings.filter((f) => readsRules.has(f.checkId) && f.resource.type === 'security-group');
    expect(sg.length).toBeGreaterThan(0);
    expect(sg.every((f) => f.status === 'error' || f.status === 'skip')).toBe(true);
    const text = await expectChatSaysIncomplete(s.snapshot, s.scan);
    expect(text).toMatch(/was denied \(Forbidden\.RAM\); grant ecs:DescribeSecurityGroupAttribute to the scanning identity/);
  });

  it('malformed JSON from ListUsers: RAM user checks are errors, the rest is read', async () => {
    const s = await scanUnder([{ action: 'ListUsers', kind: 'malformed' }]);
    expect(s.scan.gaps).toEqual([expect.objectContaining({ action: 'ListUsers', code: 'Malformed' })]);
    expect(s.snapshot.ram!.users).toBeNull();
    expect(s.snapshot.ram!.groups).not.toBeNull();
    expectHonest(s.scan, full.scan);
    const users = s.scan.findings.filter((f) => f.resource.type === 'ram-user');
    expect(users.every((f) => f.status === 'error')).toBe(true);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });

  it('malformed bodies on every third call: honest whatever broke', async () => {
    const s = await scanUnder([{ action: '*', kind: 'malformed', probability: 0.33 }]);
    expect(s.scan.gaps.length).toBeGreaterThan(0);
    expectHonest(s.scan, full.scan);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });
});

describe('who am I, unknown', () => {
  it('GetCallerIdentity denied: the scan goes on, the gap says so', async () => {
    const s = await scanUnder([{ action: 'GetCallerIdentity', kind: 'deny' }]);
    expect(s.snapshot.identity).toBeNull();
    expect(s.scan.gaps).toEqual([expect.objectContaining({ action: 'GetCallerIdentity', missingAction: 'sts:GetCallerIdentity' })]);
    expectHonest(s.scan, full.scan);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });

  // Fingerprints key on the configured account name, so one failed identity call cannot rename
  // every finding (mutes would stop matching; a digest would see everything resolved and new).
  it('GetCallerIdentity denied: findings keep their fingerprints', async () => {
    const s = await scanUnder([{ action: 'GetCallerIdentity', kind: 'deny' }]);
    const fails = (x: FaultedScan) => x.scan.findings.filter((f) => f.status === 'fail').map((f) => f.fingerprint).sort();
    expect(fails(s)).toEqual(fails(full));
  });
});

describe('STS credentials that expire', () => {
  const sts = (): EmulatorCredential => ({ accessKeyId: 'STS.faulttest0001', accessKeySecret: 'fault-test-secret', securityToken: 'CAISfaulttesttoken' });

  it('a token that expires mid-scan: the rest of the calls are gaps saying so, never a clean result', async () => {
    const cred = sts();
    const s = await scanUnder([], {
      credentials: [cred],
      collect: {
        credential: { ...cred },
        // The first finished part of the scan is the moment the token runs out.
        onProgress: () => void (cred.expired = true),
      },
    });
    const expired = s.scan.gaps.filter((g) => g.code === 'InvalidSecurityToken.Expired');
    expect(expired.length).toBeGreaterThan(0);
    expect(s.scan.incomplete).toBe(true);
    expectHonest(s.scan, full.scan);
    const text = await expectChatSaysIncomplete(s.snapshot, s.scan);
    expect(text).toContain('InvalidSecurityToken.Expired');
  });

  it('a token expired from the start: nothing passes, the reply says why', async () => {
    const cred = { ...sts(), expired: true };
    const s = await scanUnder([], { credentials: [cred], collect: { credential: { ...cred, expired: undefined } as EmulatorCredential } });
    expect(s.snapshot.identity).toBeNull();
    expect(s.scan.gaps.length).toBeGreaterThan(0);
    expect(s.scan.gaps.every((g) => g.code === 'InvalidSecurityToken.Expired')).toBe(true);
    expect(s.scan.findings.filter((f) => f.status === 'pass')).toEqual([]);
    expect(s.scan.findings.filter((f) => f.status === 'fail')).toEqual([]);
    expectHonest(s.scan, full.scan);
    await expectChatSaysIncomplete(s.snapshot, s.scan);
  });

  describe('an assumed role, with the clock moved forward mid-scan (cloud and bot alike)', () => {
    // Only Date is faked, and it keeps ticking: timers, sockets and retries run for real.
    beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true }));
    afterEach(() => void vi.useRealTimers());
    const role = { name: 'role', roleArn: 'acs:ram::5812345678901234:role/whoowns-reader' };

    it('close to expiry: the session is re-assumed once and the scan is complete', async () => {
      const s = await scanUnder([], {
        collect: { account: role, onProgress: () => void (jumped++ === 0 && vi.setSystemTime(Date.now() + 57 * 60_000)) },
      });
      expect(s.emu.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(2);
      expect(s.scan.gaps).toEqual([]);
      expect(s.snapshot.identity?.identityType).toBe('AssumedRoleUser');
    });

    it('past expiry: calls after the jump use a fresh session; any call caught in between is a gap saying why', async () => {
      const s = await scanUnder([], {
        collect: { account: role, onProgress: () => void (jumped++ === 0 && vi.setSystemTime(Date.now() + 61 * 60_000)) },
      });
      expect(s.emu.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(2);
      expect(s.scan.gaps.every((g) => g.code === 'InvalidSecurityToken.Expired')).toBe(true);
      expectHonest(s.scan, full.scan);
      if (s.scan.gaps.length) await expectChatSaysIncomplete(s.snapshot, s.scan);
    });

    let jumped = 0;
    beforeEach(() => void (jumped = 0));
  });
});
