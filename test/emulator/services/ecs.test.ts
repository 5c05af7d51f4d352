// ECS answers carry the scenario faithfully, with the real filters and error codes.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { Ecs, callError, clientsFor } from '../clients.js';

let em: RunningEmulator;
let ecs: ReturnType<typeof clientsFor>['ecs'];
const regionId = 'cn-hangzhou';
beforeAll(async () => {
  em = await startEmulator({ scenario: loadScenario('demo') });
  ecs = clientsFor(em).ecs;
});
afterAll(() => em.stop());

describe('instances', () => {
  test('DescribeInstances maps every field the posture checks read', async () => {
    const res = await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId, instanceIds: '["i-bp1web0000001","i-bp1legacy0001"]' }));
    const [web, legacy] = res.body?.instances?.instance ?? [];
    expect(web).toMatchObject({
      instanceName: 'web-01',
      OSType: 'linux',
      instanceNetworkType: 'vpc',
      deletionProtection: true,
      keyPairName: 'ops-keypair',
      publicIpAddress: { ipAddress: ['47.96.10.21'] },
      securityGroupIds: { securityGroupId: ['sg-bp1web000001'] },
      vpcAttributes: { vpcId: 'vpc-bp1prod0001', privateIpAddress: { ipAddress: ['10.0.1.11'] } },
      metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' },
      tags: { tag: [{ tagKey: 'team', tagValue: 'web' }, { tagKey: 'env', tagValue: 'prod' }] },
    });
    expect(legacy).toMatchObject({ OSName: 'CentOS  7.9 64位', keyPairName: '', eipAddress: { ipAddress: '' } });
  });

  test('DescribeInstancesFullStatus shows pending platform events; DescribeInstanceHistoryEvents filters by cycle status', async () => {
    const full = await ecs.describeInstancesFullStatus(new Ecs.DescribeInstancesFullStatusRequest({ regionId, instanceId: ['i-bp1db00000001', 'i-bp1web0000001'] }));
    const statuses = full.body?.instanceFullStatusSet?.instanceFullStatusType ?? [];
    expect(statuses.map((s) => s.instanceId)).toEqual(['i-bp1web0000001', 'i-bp1db00000001']);
    const db = statuses.find((s) => s.instanceId === 'i-bp1db00000001');
    expect(db?.scheduledSystemEventSet?.scheduledSystemEventType?.[0]).toMatchObject({
      eventId: 'e-bp1maint000001',
      eventType: { name: 'SystemMaintenance.Reboot' },
      eventCycleStatus: { name: 'Scheduled' },
      notBefore: '2026-11-20T18:00:00Z',
    });
    const scheduled = await ecs.describeInstanceHistoryEvents(new Ecs.DescribeInstanceHistoryEventsRequest({ regionId, instanceEventCycleStatus: ['Scheduled'] }));
    expect(scheduled.body?.instanceSystemEventSet?.instanceSystemEventType?.map((e) => e.instanceId)).toEqual(['i-bp1db00000001']);
    const executed = await ecs.describeInstanceHistoryEvents(new Ecs.DescribeInstanceHistoryEventsRequest({ regionId, instanceEventCycleStatus: ['Executed'] }));
    expect(executed.body?.totalCount).toBe(0);
  });

  test('DescribeCloudAssistantStatus answers "true"/"false" per requested instance', async () => {
    const res = await ecs.describeCloudAssistantStatus(new Ecs.DescribeCloudAssistantStatusRequest({ regionId, instanceId: ['i-bp1legacy0001', 'i-bp1web0000002'] }));
    const set = res.body?.instanceCloudAssistantStatusSet?.instanceCloudAssistantStatus ?? [];
    expect(Object.fromEntries(set.map((s) => [s.instanceId, s.cloudAssistantStatus]))).toEqual({ 'i-bp1legacy0001': 'false', 'i-bp1web0000002': 'true' });
  });
});

describe('security groups', () => {
  test('DescribeSecurityGroups reports EcsCount and ServiceManaged', async () => {
    const res = await ecs.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId, pageSize: 50 }));
    const byId = Object.fromEntries((res.body?.securityGroups?.securityGroup ?? []).map((g) => [g.securityGroupId, g]));
    expect(byId['sg-bp1web000001']).toMatchObject({ ecsCount: 2, serviceManaged: false, vpcId: 'vpc-bp1prod0001' });
    expect(byId['sg-bp1unused001']?.ecsCount).toBe(0);
    expect(byId['sg-bp1ackmanaged']).toMatchObject({ ecsCount: 3, serviceManaged: true });
  });

  test('DescribeSecurityGroupAttribute returns rules as the API does, filtered by Direction', async () => {
    const req = (direction?: string) => new Ecs.DescribeSecurityGroupAttributeRequest({ regionId, securityGroupId: 'sg-bp1web000001', direction });
    const all = (await ecs.describeSecurityGroupAttribute(req())).body?.permissions?.permission ?? [];
    expect(all).toHaveLength(4);
    expect(all[2]).toMatchObject({ direction: 'ingress', ipProtocol: 'TCP', portRange: '22/22', sourceCidrIp: '0.0.0.0/0', policy: 'Accept', priority: '1' });
    const egress = (await ecs.describeSecurityGroupAttribute(req('egress'))).body?.permissions?.permission ?? [];
    expect(egress.map((r) => [r.ipProtocol, r.portRange, r.destCidrIp])).toEqual([['ALL', '-1/-1', '0.0.0.0/0']]);
    const v6 = await ecs.describeSecurityGroupAttribute(
      new Ecs.DescribeSecurityGroupAttributeRequest({ regionId: 'ap-southeast-1', securityGroupId: 'sg-t4nrdp000001' }),
    );
    expect(v6.body?.permissions?.permission?.[0]).toMatchObject({ ipv6SourceCidrIp: '::/0', sourceCidrIp: '' });
  });

  test('unknown groups and bad Direction values are refused like the real API', async () => {
    const missing = await callError(ecs.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({ regionId, securityGroupId: 'sg-nope' })));
    expect([missing.code, missing.statusCode]).toEqual(['InvalidSecurityGroupId.NotFound', 404]);
    const direction = await callError(ecs.describeSecurityGroupAttribute(new Ecs.DescribeSecurityGroupAttributeRequest({ regionId, securityGroupId: 'sg-bp1web000001', direction: 'inbound' })));
    expect(direction.code).toBe('InvalidParameter');
  });
});

describe('storage', () => {
  test('DescribeDisks filters by InstanceId and reports encryption and snapshot policy', async () => {
    const res = await ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId, instanceId: 'i-bp1legacy0001' }));
    expect(res.body?.disks?.disk).toMatchObject([
      { diskId: 'd-bp1legacysys01', type: 'system', encrypted: false, status: 'In_use', autoSnapshotPolicyId: 'sp-bp1short0001', enableAutoSnapshot: true },
    ]);
    const orphan = await ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId, diskIds: '["d-bp1orphan00001"]' }));
    expect(orphan.body?.disks?.disk?.[0]).toMatchObject({ status: 'Available', instanceId: '', autoSnapshotPolicyId: '', enableAutoSnapshot: false });
  });

  test('DescribeAutoSnapshotPolicyEx returns TimePoints and RepeatWeekdays as JSON text', async () => {
    const res = await ecs.describeAutoSnapshotPolicyEx(new Ecs.DescribeAutoSnapshotPolicyExRequest({ regionId, autoSnapshotPolicyId: 'sp-bp1short0001' }));
    const p = res.body?.autoSnapshotPolicies?.autoSnapshotPolicy?.[0];
    expect(p).toMatchObject({ retentionDays: 3, timePoints: '["3"]', diskNums: 1 });
    expect(JSON.parse(p?.repeatWeekdays ?? '')).toHaveLength(7);
  });

  test('DescribeDiskEncryptionByDefaultStatus is per region', async () => {
    const hz = await ecs.describeDiskEncryptionByDefaultStatus(new Ecs.DescribeDiskEncryptionByDefaultStatusRequest({ regionId }));
    const sg = await ecs.describeDiskEncryptionByDefaultStatus(new Ecs.DescribeDiskEncryptionByDefaultStatusRequest({ regionId: 'ap-southeast-1' }));
    expect([hz.body?.encrypted, sg.body?.encrypted]).toEqual([true, false]);
  });
});
