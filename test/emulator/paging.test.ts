// Paging over every listing API returns each item exactly once, in order, and the real limits hold.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { Ecs, Ims, Ram, Vpc, callError, clientsFor } from './clients.js';

const R = 'cn-hangzhou';
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const ids = {
  instances: range(230, (i) => `i-${i}`),
  groups: range(120, (i) => `sg-${i}`),
  disks: range(640, (i) => `d-${i}`),
  policies: range(130, (i) => `sp-${i}`),
  vpcs: range(60, (i) => `vpc-${i}`),
  users: range(1100, (i) => `u${String(i).padStart(4, '0')}`),
};

let em: RunningEmulator;
let c: ReturnType<typeof clientsFor>;
beforeAll(async () => {
  const sc = scenario({
    regions: {
      [R]: {
        instances: ids.instances.map((instanceId) => ({ instanceId })),
        securityGroups: ids.groups.map((securityGroupId, i) => ({
          securityGroupId,
          rules: range(i === 0 ? 1100 : 1, (n) => `${(n % 60000) + 1}/${(n % 60000) + 1}`).map((portRange) => ({ portRange, sourceCidrIp: '10.0.0.0/8' })),
        })),
        disks: ids.disks.map((diskId) => ({ diskId })),
        autoSnapshotPolicies: ids.policies.map((autoSnapshotPolicyId) => ({ autoSnapshotPolicyId })),
        systemEvents: ids.instances.map((instanceId, i) => ({ eventId: `e-${i}`, instanceId, notBefore: '2026-12-01T00:00:00Z', publishTime: '2026-11-01T00:00:00Z' })),
        vpcs: ids.vpcs.map((vpcId) => ({ vpcId })),
        flowLogs: ids.vpcs.map((resourceId, i) => ({ flowLogId: `fl-${i}`, resourceId })),
      },
    },
    ram: {
      users: ids.users.map((userName) => ({ userName, mfaEnabled: true })),
      groups: range(1005, (i) => `g${i}`).map((groupName) => ({ groupName })),
      customPolicies: range(1002, (i) => `p${i}`).map((policyName) => ({ policyName, document: { Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] } })),
    },
  });
  em = await startEmulator({ scenario: sc });
  c = clientsFor(em);
});
afterAll(() => em.stop());

/** Follows NextToken / Marker until the API says there is no more. */
async function byToken<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchPage(token);
    out.push(...page.items);
    token = page.next || undefined;
    if (!token) return out;
  }
  throw new Error('paging did not end');
}

/** Walks PageNumber until TotalCount items were read. */
async function byNumber<T>(fetchPage: (n: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let n = 1; n < 100; n++) {
    const page = await fetchPage(n);
    out.push(...page.items);
    if (out.length >= page.total || page.items.length === 0) return out;
  }
  throw new Error('paging did not end');
}

describe('ECS', () => {
  test('DescribeInstances by NextToken and by PageNumber', async () => {
    const viaToken = await byToken(async (nextToken) => {
      const b = (await c.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: R, maxResults: 100, nextToken }))).body;
      return { items: b?.instances?.instance?.map((x) => x.instanceId) ?? [], next: b?.nextToken };
    });
    expect(viaToken).toEqual(ids.instances);
    const viaNumber = await byNumber(async (pageNumber) => {
      const b = (await c.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: R, pageNumber, pageSize: 100 }))).body;
      return { items: b?.instances?.instance?.map((x) => x.instanceId) ?? [], total: b?.totalCount ?? 0 };
    });
    expect(viaNumber).toEqual(ids.instances);
  });

  test('DescribeSecurityGroups, and 1100 rules of one group through DescribeSecurityGroupAttribute', async () => {
    const groups = await byToken(async (nextToken) => {
      const b = (await c.ecs.describeSecurityGroups(new Ecs.DescribeSecurityGroupsRequest({ regionId: R, maxResults: 100, nextToken }))).body;
      return { items: b?.securityGroups?.securityGroup?.map((g) => g.securityGroupId) ?? [], next: b?.nextToken };
    });
    expect(groups).toEqual(ids.groups);
    const rules = await byToken(async (nextToken) => {
      const req = new Ecs.DescribeSecurityGroupAttributeRequest({ regionId: R, securityGroupId: 'sg-0', maxResults: 1000, nextToken });
      const b = (await c.ecs.describeSecurityGroupAttribute(req)).body;
      return { items: b?.permissions?.permission?.map((p) => p.securityGroupRuleId) ?? [], next: b?.nextToken };
    });
    expect(rules).toHaveLength(1100);
    expect(new Set(rules).size).toBe(1100);
  });

  test('DescribeDisks (default 500 per page), DescribeAutoSnapshotPolicyEx, events, full status, Cloud Assistant', async () => {
    const disks = await byToken(async (nextToken) => {
      const b = (await c.ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: R, nextToken, ...(nextToken ? {} : { maxResults: 500 }) }))).body;
      return { items: b?.disks?.disk?.map((d) => d.diskId) ?? [], next: b?.nextToken };
    });
    expect(disks).toEqual(ids.disks);
    const policies = await byNumber(async (pageNumber) => {
      const b = (await c.ecs.describeAutoSnapshotPolicyEx(new Ecs.DescribeAutoSnapshotPolicyExRequest({ regionId: R, pageNumber, pageSize: 100 }))).body;
      return { items: b?.autoSnapshotPolicies?.autoSnapshotPolicy?.map((p) => p.autoSnapshotPolicyId) ?? [], total: b?.totalCount ?? 0 };
    });
    expect(policies).toEqual(ids.policies);
    const events = await byToken(async (nextToken) => {
      const b = (await c.ecs.describeInstanceHistoryEvents(new Ecs.DescribeInstanceHistoryEventsRequest({ regionId: R, maxResults: 100, nextToken }))).body;
      return { items: b?.instanceSystemEventSet?.instanceSystemEventType?.map((e) => e.eventId) ?? [], next: b?.nextToken };
    });
    expect(events).toHaveLength(230);
    const full = await byNumber(async (pageNumber) => {
      const b = (await c.ecs.describeInstancesFullStatus(new Ecs.DescribeInstancesFullStatusRequest({ regionId: R, pageNumber, pageSize: 100 }))).body;
      return { items: b?.instanceFullStatusSet?.instanceFullStatusType?.map((x) => x.instanceId) ?? [], total: b?.totalCount ?? 0 };
    });
    expect(full).toEqual(ids.instances);
    const assistant = await byToken(async (nextToken) => {
      const b = (await c.ecs.describeCloudAssistantStatus(new Ecs.DescribeCloudAssistantStatusRequest({ regionId: R, maxResults: 50, nextToken }))).body;
      return { items: b?.instanceCloudAssistantStatusSet?.instanceCloudAssistantStatus?.map((x) => x.instanceId) ?? [], next: b?.nextToken };
    });
    expect(assistant).toEqual(ids.instances);
  });

  test('limits: MaxResults above the maximum and a forged NextToken are InvalidParameter', async () => {
    const tooMany = await callError(c.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: R, maxResults: 101 })));
    expect(tooMany.code).toBe('InvalidParameter');
    const forged = await callError(c.ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: R, nextToken: 'not-a-token' })));
    expect(forged.code).toBe('InvalidParameter');
  });
});

test('VPC: DescribeVpcs and DescribeFlowLogs by PageNumber (50 max)', async () => {
  const vpcs = await byNumber(async (pageNumber) => {
    const b = (await c.vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: R, pageNumber, pageSize: 50 }))).body;
    return { items: b?.vpcs?.vpc?.map((v) => v.vpcId) ?? [], total: b?.totalCount ?? 0 };
  });
  expect(vpcs).toEqual(ids.vpcs);
  const flowLogs = await byNumber(async (pageNumber) => {
    const b = (await c.vpc.describeFlowLogs(new Vpc.DescribeFlowLogsRequest({ regionId: R, pageNumber, pageSize: 50 }))).body;
    return { items: b?.flowLogs?.flowLog?.map((f) => f.resourceId) ?? [], total: Number(b?.totalCount ?? 0) };
  });
  expect(flowLogs).toEqual(ids.vpcs);
});

describe('RAM and IMS: Marker + IsTruncated', () => {
  test('ListUsers (RAM and IMS), ListGroups and ListPolicies return everything across pages', async () => {
    const ramUsers = await byToken(async (marker) => {
      const b = (await c.ram.listUsers(new Ram.ListUsersRequest({ marker, maxItems: 1000 }))).body;
      expect(Boolean(b?.marker)).toBe(b?.isTruncated);
      return { items: b?.users?.user?.map((u) => u.userName) ?? [], next: b?.marker };
    });
    expect(ramUsers).toEqual(ids.users);
    const imsUsers = await byToken(async (marker) => {
      const b = (await c.ims.listUsers(new Ims.ListUsersRequest({ marker }))).body;
      return { items: b?.users?.user?.map((u) => u.userPrincipalName) ?? [], next: b?.marker };
    });
    expect(imsUsers).toEqual(ids.users.map((u) => `${u}@1234567890123456.onaliyun.com`));
    const groups = await byToken(async (marker) => {
      const b = (await c.ram.listGroups(new Ram.ListGroupsRequest({ marker }))).body;
      return { items: b?.groups?.group?.map((g) => g.groupName) ?? [], next: b?.marker };
    });
    expect(groups).toHaveLength(1005);
    const custom = await byToken(async (marker) => {
      const b = (await c.ram.listPolicies(new Ram.ListPoliciesRequest({ policyType: 'Custom', marker, maxItems: 1000 }))).body;
      return { items: b?.policies?.policy?.map((p) => p.policyName) ?? [], next: b?.marker };
    });
    expect(custom).toEqual(range(1002, (i) => `p${i}`));
    const mfa = await byToken(async (marker) => {
      const b = (await c.ims.listVirtualMFADevices(new Ims.ListVirtualMFADevicesRequest({ marker, maxItems: 500 }))).body;
      return { items: b?.virtualMFADevices?.virtualMFADevice?.map((d) => d.serialNumber) ?? [], next: b?.marker };
    });
    expect(mfa).toHaveLength(1100);
  });

  test('MaxItems above 1000 is InvalidParameter', async () => {
    const err = await callError(c.ram.listUsers(new Ram.ListUsersRequest({ maxItems: 1001 })));
    expect(err.code).toBe('InvalidParameter');
  });
});
