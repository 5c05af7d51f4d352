import { describe, expect, it } from 'vitest';
import { generateLargeScenario, type Scenario } from '../../src/emulator/index.js';
import { ACTIONS_CALLED } from '../../src/cloud/index.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { collectFrom, omit, withEmulator } from './helpers.js';

// Bigger than one page everywhere once pageSize is small (DescribeSecurityGroupAttribute and
// DescribeDisks accept at least 10 per page, so rules and disks are sized past that).
const paged = (): Scenario =>
  generateLargeScenario({ regions: 2, instances: 23, securityGroups: 7, rulesPerGroup: 13, disks: 31, users: 11, seed: 7 });

function expectMatchesScenario(snap: Snapshot, s: Scenario): void {
  expect(snap.regions.sort()).toEqual(Object.keys(s.regions).sort());
  for (const [regionId, want] of Object.entries(s.regions)) {
    const got = snap.regionData[regionId]!;
    expect(got.instances).toEqual(want.instances);
    expect(got.securityGroups).toEqual(omit(want.securityGroups, 'creationTime'));
    expect(got.disks).toEqual(want.disks);
    expect(got.autoSnapshotPolicies).toEqual(want.autoSnapshotPolicies);
    expect(got.systemEvents).toEqual(want.systemEvents);
    expect(got.cloudAssistant).toEqual(want.cloudAssistant);
    expect(got.diskEncryptionByDefault).toBe(want.diskEncryptionByDefault);
    expect(got.vpcs).toEqual(want.vpcs);
    expect(got.flowLogs).toEqual(want.flowLogs);
  }
  expect(snap.ram!.users).toEqual(omit(s.ram.users, 'comments'));
  expect(snap.ram!.groups).toEqual(omit(s.ram.groups, 'createDate'));
  expect(snap.ram!.customPolicies).toEqual(omit(s.ram.customPolicies, 'description', 'createDate'));
  expect(snap.ram!.passwordPolicy).toEqual(s.ram.passwordPolicy);
  expect(snap.ram!.securityPreference).toEqual(s.ram.securityPreference);
}

describe('collectSnapshot against the emulator', () => {
  it('reads every resource exactly once across many small pages', async () => {
    await withEmulator(paged(), async (emu, s) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 3 } });
      expect(snap.gaps).toEqual([]);
      expectMatchesScenario(snap, s);
      const ids = Object.values(snap.regionData).flatMap((r) => r.instances!.map((i) => i.instanceId));
      expect(new Set(ids).size).toBe(23);
      const rules = Object.values(snap.regionData).flatMap((r) => r.securityGroups!.flatMap((g) => g.rules!.map((x) => x.ruleId)));
      expect(rules).toHaveLength(7 * 13);
      expect(new Set(rules).size).toBe(rules.length);
      expect(snap.ram!.users).toHaveLength(11);
      // Paging really happened: several calls per list.
      const count = (action: string) => emu.calls.filter((c) => c.action === action).length;
      expect(count('DescribeInstances')).toBeGreaterThanOrEqual(8); // 12 + 11 instances, 3 per page
      expect(count('ListUsers')).toBe(4);
      expect(count('DescribeSecurityGroupAttribute')).toBe(7 * 2); // 13 rules, 10 per page
      expect(snap.stats.apiCalls).toBe(emu.calls.length);
      expect(snap.stats.retries).toBe(0);
    });
  });

  it('fills identity, source and stats, and calls only read-only actions it declares', async () => {
    await withEmulator(paged(), async (emu, s) => {
      const snap = await collectFrom(emu);
      expect(snap.schemaVersion).toBe(1);
      expect(snap.accountName).toBe('test');
      expect(snap.identity).toEqual({
        accountId: s.account.accountId,
        arn: s.account.arn,
        identityType: s.account.identityType,
        principalId: s.account.principalId,
      });
      expect(snap.source).toEqual({ kind: 'emulator', endpoint: `http://${emu.endpoint}` });
      expect(Number.isNaN(Date.parse(snap.collectedAt))).toBe(false);
      const declared = new Set(ACTIONS_CALLED.map((a) => a.action));
      for (const call of emu.calls) expect(declared.has(call.action), call.action).toBe(true);
      for (const a of ACTIONS_CALLED) expect(a.action).toMatch(/^(Describe|List|Get|AssumeRole$)/);
      for (const a of ACTIONS_CALLED) expect(a.ramAction).toMatch(/^(ecs|vpc|ram|sts|kms|yundun-cert|actiontrail|yundun-sas|resourcemanager|rds|cs|log|oss):[A-Z]/);
    });
  });

  it('normalises wire forms: lower-cased OS type, numeric priority, parsed time points and policy documents', async () => {
    await withEmulator(
      {
        regions: {
          'cn-hangzhou': {
            instances: [{ instanceId: 'i-win', osType: 'Windows', securityGroupIds: ['sg-a'], ramRoleName: 'EcsRole', tags: { owner: 'ops' } }],
            securityGroups: [
              {
                securityGroupId: 'sg-a',
                rules: [{ ipProtocol: 'tcp', policy: 'drop', portRange: '22/22', sourceCidrIp: '0.0.0.0/0', priority: 42 }],
              },
            ],
            autoSnapshotPolicies: [{ autoSnapshotPolicyId: 'sp-1', timePoints: ['0', '23'], retentionDays: -1 }],
            systemEvents: [
              { eventId: 'e-1', instanceId: 'i-win', notBefore: '2026-12-01T00:00:00Z', publishTime: '2026-11-20T00:00:00Z' },
              {
                eventId: 'e-done',
                instanceId: 'i-win',
                eventCycleStatus: 'Executed',
                notBefore: '2026-10-01T00:00:00Z',
                publishTime: '2026-09-20T00:00:00Z',
              },
            ],
          },
        },
        ram: {
          customPolicies: [{ policyName: 'admin', document: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }],
          users: [{ userName: 'bob', policies: ['admin'] }],
        },
      },
      async (emu) => {
        const snap = await collectFrom(emu);
        const r = snap.regionData['cn-hangzhou']!;
        expect(r.instances![0]).toMatchObject({ osType: 'windows', ramRoleName: 'EcsRole', tags: { owner: 'ops' } });
        expect(r.securityGroups![0]!.rules![0]).toMatchObject({ ipProtocol: 'tcp', policy: 'drop', priority: 42 });
        expect(r.autoSnapshotPolicies![0]).toMatchObject({ timePoints: ['0', '23'], retentionDays: -1 });
        expect(r.systemEvents!.map((e) => e.eventId)).toEqual(['e-1']); // only pending events
        expect(snap.ram!.customPolicies![0]!.document).toEqual({
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        });
        expect(snap.ram!.users![0]!.policies).toEqual([{ policyName: 'admin', policyType: 'Custom' }]);
      },
    );
  });

  it('restricts to the requested regions and refuses unknown ones', async () => {
    await withEmulator(paged(), async (emu, s) => {
      const [first, second] = Object.keys(s.regions);
      const snap = await collectFrom(emu, { regions: [second!] });
      expect(snap.regions).toEqual([second]);
      expect(Object.keys(snap.regionData)).toEqual([second]);
      // ActionTrail and OSS are account-wide: a trail's status is asked in the trail's own home
      // region, a bucket's settings in the bucket's region, whichever regions were asked for.
      const accountWide = new Set(['actiontrail', 'oss']);
      expect(emu.calls.some((c) => c.region === first && c.action !== 'DescribeRegions' && !accountWide.has(c.service))).toBe(false);

      const err = await collectFrom(emu, { regions: [second!, 'eu-nowhere-9'] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
      expect((err as Error).message).toContain('eu-nowhere-9');
      expect((err as Error).message).toContain(second!);
    });
  });

  it('reports progress and leaves out parts that were not requested, with a gap saying so', async () => {
    await withEmulator(paged(), async (emu) => {
      const progress: Array<[number, number]> = [];
      const snap = await collectFrom(emu, { services: ['ecs'], onProgress: (d, t) => progress.push([d, t]) });
      // Two regions, and Security Center (the ECS agent and patch checks read it).
      expect(progress.at(-1)).toEqual([3, 3]);
      expect(snap.ram).toBeNull();
      expect(snap.actiontrail).toBeNull();
      expect(snap.securityCenter).not.toBeNull();
      const r = Object.values(snap.regionData)[0]!;
      expect(r.instances).not.toBeNull();
      expect(r.vpcs).toBeNull();
      expect(r.kmsKeys).toBeNull();
      expect(snap.certificates).toBeNull();
      expect(snap.gaps.map((g) => `${g.service}:${g.code}`).sort()).toEqual(["actiontrail:NotRequested", "cas:NotRequested", "cs:NotRequested", "kms:NotRequested", "oss:NotRequested", "ram:NotRequested", "rds:NotRequested", "sls:NotRequested", "vpc:NotRequested"]);
      expect(r.rdsInstances).toBeNull();
      expect(r.ackClusters).toBeNull();
      expect(emu.calls.some((c) => ["ram", "ims", "vpc", "actiontrail", "kms", "cas", "rds", "cs"].includes(c.service))).toBe(false);
    });
  });
});
