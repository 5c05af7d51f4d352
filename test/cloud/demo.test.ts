import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/index.js';
import { inventorySummary } from '../../src/cloud/index.js';
import { collectFrom, withEmulator } from './helpers.js';

describe('the demo scenario, collected through the real SDK clients', () => {
  it('has every resource once, with the planted details intact', async () => {
    await withEmulator(loadScenario('demo'), async (emu) => {
      const snap = await collectFrom(emu);
      const paged = await collectFrom(emu, { limits: { pageSize: 2 } });
      expect({ ...paged, collectedAt: '', stats: null }).toEqual({ ...snap, collectedAt: '', stats: null });

      expect(snap.gaps).toEqual([]);
      expect(snap.identity).toEqual({
        accountId: '5812345678901234',
        arn: 'acs:ram::5812345678901234:user/whoowns-audit',
        identityType: 'RAMUser',
        principalId: '204556781234567890',
      });
      const summary = inventorySummary(snap);
      expect(summary.regions).toEqual([
        { regionId: 'cn-hangzhou', instances: 4, securityGroups: 6, securityGroupRules: 13, disks: 6, autoSnapshotPolicies: 2, systemEvents: 1, vpcs: 2, flowLogs: 1, gaps: 0 },
        { regionId: 'ap-southeast-1', instances: 3, securityGroups: 3, securityGroupRules: 3, disks: 3, autoSnapshotPolicies: 1, systemEvents: 0, vpcs: 1, flowLogs: 1, gaps: 0 },
      ]);
      expect(summary.ram).toEqual({ users: 6, groups: 3, customPolicies: 2, accessKeys: 3, gaps: 0 });

      const hz = snap.regionData['cn-hangzhou']!;
      const sg = snap.regionData['ap-southeast-1']!;
      expect(hz.instances!.find((i) => i.instanceId === 'i-bp1legacy0001')).toMatchObject({
        osType: 'linux',
        osName: 'CentOS  7.9 64位',
        keyPairName: null,
        creationTime: '2019-03-11T02:15:00Z',
      });
      expect(hz.instances!.find((i) => i.instanceId === 'i-bp1web0000001')).toMatchObject({
        publicIps: ['47.96.10.21'],
        metadataHttpTokens: 'optional',
        tags: { team: 'web', env: 'prod' },
      });
      expect(hz.cloudAssistant).toMatchObject({ 'i-bp1legacy0001': false, 'i-bp1web0000001': true });
      expect(hz.securityGroups!.find((g) => g.securityGroupId === 'sg-bp1legacy001')!.rules).toEqual([
        expect.objectContaining({ ipProtocol: 'tcp', policy: 'accept', portRange: '8080/8080', sourceCidrIp: '0.0.0.0/0', priority: 1 }),
        expect.objectContaining({ portRange: '30000/30999', sourceCidrIp: '0.0.0.0/0' }),
      ]);
      expect(hz.securityGroups!.find((g) => g.securityGroupId === 'sg-bp1ackmanaged')).toMatchObject({ serviceManaged: true, ecsCount: 3 });
      expect(hz.systemEvents).toEqual([
        {
          eventId: 'e-bp1maint000001',
          instanceId: 'i-bp1db00000001',
          regionId: 'cn-hangzhou',
          eventType: 'SystemMaintenance.Reboot',
          eventCycleStatus: 'Scheduled',
          notBefore: '2026-11-20T18:00:00Z',
          publishTime: '2026-11-12T02:00:00Z',
          reason: 'System maintenance is scheduled due to host hardware upgrade.',
        },
      ]);
      expect(hz.disks!.find((d) => d.diskId === 'd-bp1orphan00001')).toMatchObject({
        encrypted: false,
        instanceId: null,
        status: 'Available',
        enableAutoSnapshot: false,
        autoSnapshotPolicyId: null,
        sizeGb: 200,
      });
      expect(sg.diskEncryptionByDefault).toBe(false);
      expect(sg.instances!.find((i) => i.instanceId === 'i-t4nwin0000001')).toMatchObject({ osType: 'windows', eipAddress: '8.219.10.20' });
      expect(sg.securityGroups!.find((g) => g.securityGroupId === 'sg-t4nrdp000001')!.rules![0]).toMatchObject({
        portRange: '3389/3389',
        ipv6SourceCidrIp: '::/0',
        sourceCidrIp: '',
      });

      const users = Object.fromEntries(snap.ram!.users!.map((u) => [u.userName, u]));
      expect(users['bob']).toMatchObject({ hasConsoleLogin: true, mfaEnabled: false, lastLoginDate: '2026-11-12T09:40:00Z', groups: ['developers'] });
      expect(users['dave']!.policies).toEqual([{ policyName: 'AdministratorAccess', policyType: 'System' }]);
      expect(users['deploy-bot']).toMatchObject({ hasConsoleLogin: false, mfaEnabled: false });
      expect(users['deploy-bot']!.accessKeys).toEqual([
        { accessKeyId: 'LTAI5tDemoDeploy000001', status: 'Active', createDate: '2025-08-15T01:10:00Z', lastUsedDate: '2026-11-14T23:10:00Z' },
        { accessKeyId: 'LTAI5tDemoDeploy000002', status: 'Active', createDate: '2026-06-01T01:00:00Z', lastUsedDate: null },
      ]);
      expect(snap.ram!.groups!.find((g) => g.groupName === 'developers')!.policies).toEqual([
        { policyName: 'ecs-operator', policyType: 'Custom' },
        { policyName: 'AliyunVPCReadOnlyAccess', policyType: 'System' },
      ]);
      expect(snap.ram!.customPolicies!.find((p) => p.policyName === 'legacy-full-access')!.document).toEqual({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      });
      expect(snap.ram!.passwordPolicy).toMatchObject({ minimumPasswordLength: 8, requireSymbols: false, passwordReusePrevention: 0 });
      expect(snap.ram!.securityPreference).toMatchObject({ mfaOperationForLogin: 'independent', allowUserToManageAccessKeys: false });
    });
  });
});
