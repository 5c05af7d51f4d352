import { describe, expect, it } from 'vitest';
import { generateLargeScenario, DEFAULT_EMULATOR_CREDENTIAL, type Scenario } from '../../src/emulator/index.js';
import { capturingLogger, collectFrom, withEmulator } from './helpers.js';

const small = (): Scenario =>
  generateLargeScenario({ regions: 2, instances: 10, securityGroups: 12, rulesPerGroup: 3, disks: 8, users: 6, seed: 3 });

describe('failures become gaps, and everything else is still collected', () => {
  it('AccessDenied on DescribeDisks: disks unknown with the missing action, the rest complete', async () => {
    await withEmulator(
      small(),
      async (emu, s) => {
        const snap = await collectFrom(emu);
        const regionIds = Object.keys(s.regions);
        expect(snap.gaps).toHaveLength(regionIds.length);
        for (const regionId of regionIds) {
          expect(snap.gaps).toContainEqual(
            expect.objectContaining({ service: 'ecs', region: regionId, action: 'DescribeDisks', code: 'Forbidden.RAM', missingAction: 'ecs:DescribeDisks' }),
          );
          const r = snap.regionData[regionId]!;
          expect(r.disks).toBeNull();
          expect(r.instances).toHaveLength(s.regions[regionId]!.instances.length);
          expect(r.securityGroups).toHaveLength(s.regions[regionId]!.securityGroups.length);
        }
        expect(snap.ram!.users).toHaveLength(6);
        // Denials are not retried.
        expect(emu.calls.filter((c) => c.action === 'DescribeDisks')).toHaveLength(regionIds.length);
        expect(snap.stats.retries).toBe(0);
      },
      [{ action: 'DescribeDisks', kind: 'deny' }],
    );
  });

  it('AccessDenied on ListUsers and GetLoginProfile: users unknown / console unknown, never "none"', async () => {
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.ram!.users).toBeNull();
        expect(snap.ram!.groups).toHaveLength(10);
        expect(snap.ram!.passwordPolicy).not.toBeNull();
        expect(snap.gaps).toEqual([expect.objectContaining({ service: 'ram', action: 'ListUsers', missingAction: 'ram:ListUsers' })]);
      },
      [{ action: 'ListUsers', kind: 'deny' }],
    );
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu);
        const users = snap.ram!.users!;
        expect(users).toHaveLength(6);
        for (const u of users) expect(u.hasConsoleLogin).toBeNull();
        expect(snap.gaps.map((g) => g.resource).sort()).toEqual(users.map((u) => u.userName).sort());
        expect(users.some((u) => u.mfaEnabled === true)).toBe(true);
      },
      [{ action: 'GetLoginProfile', kind: 'deny' }],
    );
  });

  it('a missing login profile or MFA device is an answer, not a gap', async () => {
    await withEmulator(
      { ram: { users: [{ userName: 'nologin' }, { userName: 'console', hasConsoleLogin: true, mfaEnabled: true }] } },
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.gaps).toEqual([]);
        const [a, b] = snap.ram!.users!;
        expect(a).toMatchObject({ userName: 'nologin', hasConsoleLogin: false, mfaEnabled: false });
        expect(b).toMatchObject({ userName: 'console', hasConsoleLogin: true, mfaEnabled: true });
      },
    );
  });

  it('throttling (rate limit) is retried with backoff until complete, and counted', async () => {
    await withEmulator(
      small(),
      async (emu, s) => {
        const snap = await collectFrom(emu, { limits: { maxThrottleRetries: 12, baseDelayMs: 20, maxDelayMs: 300, maxRetryAfterMs: 300 } });
        expect(snap.gaps).toEqual([]);
        expect(snap.stats.retries).toBeGreaterThan(0);
        expect(snap.stats.apiCalls).toBe(emu.calls.length);
        expect(emu.calls.filter((c) => c.action === 'DescribeSecurityGroupAttribute' && c.status === 400).length).toBe(snap.stats.retries);
        const total = Object.values(snap.regionData).reduce((n, r) => n + r.securityGroups!.length, 0);
        expect(total).toBe(Object.values(s.regions).reduce((n, r) => n + r.securityGroups.length, 0));
      },
      [{ action: 'DescribeSecurityGroupAttribute', kind: 'throttle', ratePerSec: 8 }],
    );
  });

  it('a burst of 503 ServiceUnavailable is retried and the scan finishes complete', async () => {
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.gaps).toEqual([]);
        expect(snap.stats.retries).toBe(4);
        expect(emu.calls.filter((c) => c.status === 503)).toHaveLength(4);
      },
      [{ action: 'DescribeInstances', kind: 'error', status: 503, times: 4 }],
    );
  });

  it('throttling past the retry budget becomes a gap', async () => {
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu, { limits: { maxThrottleRetries: 2 } });
        expect(snap.regionData[Object.keys(snap.regionData)[0]!]!.flowLogs).toBeNull();
        expect(snap.gaps.every((g) => g.action === 'DescribeFlowLogs' && g.code === 'ServiceUnavailable')).toBe(true);
        expect(snap.gaps).toHaveLength(2);
        expect(emu.calls.filter((c) => c.action === 'DescribeFlowLogs')).toHaveLength(2 * 3);
      },
      [{ action: 'DescribeFlowLogs', kind: 'error', status: 503 }],
    );
  });

  it('a hanging region times out into gaps while the other region is complete', async () => {
    const s = small();
    const [good, bad] = Object.keys(s.regions) as [string, string];
    await withEmulator(
      s,
      async (emu) => {
        const started = Date.now();
        const snap = await collectFrom(emu, {
          regions: [good, bad],
          timeouts: { readMs: 250, connectMs: 250 },
          limits: { maxRetries: 1 },
        });
        const elapsed = Date.now() - started;
        expect(elapsed).toBeLessThan(4000);
        const g = snap.regionData[good]!;
        expect(g.instances).toHaveLength(s.regions[good]!.instances.length);
        expect(snap.gaps.filter((x) => x.region === good)).toEqual([]);
        const b = snap.regionData[bad]!;
        for (const field of ['instances', 'securityGroups', 'disks', 'autoSnapshotPolicies', 'systemEvents', 'cloudAssistant', 'vpcs', 'flowLogs'] as const) {
          expect(b[field], field).toBeNull();
        }
        expect(b.diskEncryptionByDefault).toBeNull();
        const badGaps = snap.gaps.filter((x) => x.region === bad);
        expect(badGaps.length).toBeGreaterThanOrEqual(8);
        expect(badGaps.every((x) => x.code === 'Timeout' || x.code === 'RegionUnreachable')).toBe(true);
        expect(snap.ram!.users).toHaveLength(6);
      },
      [{ region: bad, kind: 'timeout', ms: 5000 }],
    );
  });

  it('a malformed body and an unknown action become gaps without retries', async () => {
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu);
        const regionIds = Object.keys(snap.regionData);
        for (const r of regionIds) {
          expect(snap.regionData[r]!.vpcs).toBeNull();
          expect(snap.regionData[r]!.cloudAssistant).toBeNull();
          expect(snap.regionData[r]!.instances).not.toBeNull();
        }
        expect(snap.gaps.filter((g) => g.action === 'DescribeVpcs').map((g) => g.code)).toEqual(['Malformed', 'Malformed']);
        expect(snap.gaps.filter((g) => g.action === 'DescribeCloudAssistantStatus').map((g) => g.code)).toEqual([
          'InvalidAction.NotFound',
          'InvalidAction.NotFound',
        ]);
        expect(snap.stats.retries).toBe(0);
      },
      [
        { action: 'DescribeVpcs', kind: 'malformed' },
        { action: 'DescribeCloudAssistantStatus', kind: 'error', status: 404, code: 'InvalidAction.NotFound' },
      ],
    );
  });

  it('never puts the secret in the snapshot, its gaps or the log', async () => {
    const { log, lines } = capturingLogger();
    await withEmulator(
      small(),
      async (emu) => {
        const snap = await collectFrom(emu, { log, timeouts: { readMs: 200, connectMs: 200 }, limits: { maxRetries: 0 } });
        expect(snap.gaps.length).toBeGreaterThan(0);
        const text = JSON.stringify(snap) + lines.join('');
        expect(text).not.toContain(DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
        expect(text).not.toContain(DEFAULT_EMULATOR_CREDENTIAL.accessKeyId);
        expect(lines.length).toBeGreaterThan(0);
      },
      [
        { action: 'DescribeDisks', kind: 'deny' },
        { action: 'GetUser', kind: 'malformed' },
        { action: 'DescribeVpcs', kind: 'timeout', ms: 1000 },
      ],
    );
  });

  it('if regions cannot be listed: the requested ones are still read; with none requested the gap says why', async () => {
    await withEmulator(
      small(),
      async (emu, s) => {
        const [first] = Object.keys(s.regions) as [string];
        const some = await collectFrom(emu, { regions: [first] });
        expect(some.regions).toEqual([first]);
        expect(some.regionData[first]!.instances).toHaveLength(s.regions[first]!.instances.length);
        expect(some.gaps).toEqual([expect.objectContaining({ action: 'DescribeRegions', missingAction: 'ecs:DescribeRegions' })]);

        const none = await collectFrom(emu);
        expect(none.regions).toEqual([]);
        expect(none.gaps).toEqual([expect.objectContaining({ action: 'DescribeRegions' })]);
        expect(none.ram!.users).toHaveLength(6);
      },
      [{ action: 'DescribeRegions', kind: 'deny' }],
    );
  });
});
