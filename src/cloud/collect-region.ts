// Everything ECS and VPC know about one region. Independent lists are read in parallel
// (the pool bounds it); each failing list stays null with its gap, the rest carry on.

import type { Instance, RegionSnapshot, SecurityGroup, SystemEvent } from './snapshot.js';
import type { Caller } from './caller.js';
import { Ecs, Vpc } from './sdk.js';
import { list, num } from './coerce.js';
import { nextPageNumber, nextToken, pageSizeWithin, readAllPages } from './paging.js';
import { readKmsKeys } from './collect-kms.js';
import { readNetworkAcls } from './collect-acl.js';
import { readRdsInstances } from './collect-rds.js';
import { readAckClusters } from './collect-ack.js';
import {
  toAutoSnapshotPolicy,
  toCloudAssistant,
  toDisk,
  toFlowLog,
  toInstance,
  toRule,
  toSecurityGroup,
  toSystemEvents,
  toVpc,
  type SdkCloudAssistant,
  type SdkPermission,
  type SdkSecurityGroup,
} from './normalise-ecs.js';

export interface RegionScope {
  ecs: boolean;
  vpc: boolean;
  /** KMS keys; default on when omitted, so older callers keep collecting them. */
  kms?: boolean;
  /** ApsaraDB RDS instances; default on when omitted, like kms. */
  rds?: boolean;
  /** Container Service (ACK) clusters; default on when omitted, like kms. */
  ack?: boolean;
  /** Page-size override (tests); clamped to each API's allowed range. */
  pageSize?: number;
}

/** API page-size ranges, so an override never sends a value the API rejects. */
function size(scope: RegionScope, min: number, max: number, preferred: number): number {
  return pageSizeWithin(max, scope.pageSize ?? preferred, min);
}

/** Cloud Assistant status takes at most this many instance ids per call. */
const CLOUD_ASSISTANT_BATCH = 50;

export function emptyRegion(regionId: string): RegionSnapshot {
  return {
    regionId,
    instances: null,
    securityGroups: null,
    disks: null,
    autoSnapshotPolicies: null,
    systemEvents: null,
    cloudAssistant: null,
    diskEncryptionByDefault: null,
    vpcs: null,
    flowLogs: null,
    kmsKeys: null,
    networkAcls: null,
    rdsInstances: null,
    ackClusters: null,
  };
}

export async function collectRegion(caller: Caller, regionId: string, scope: RegionScope): Promise<RegionSnapshot> {
  const out = emptyRegion(regionId);
  const work: Array<Promise<void>> = [];
  if (scope.ecs) {
    work.push(
      readInstances(caller, regionId, scope).then(async (instances) => {
        out.instances = instances;
        out.cloudAssistant = instances === null ? null : await readCloudAssistant(caller, regionId, instances.map((i) => i.instanceId), scope);
      }),
      readSecurityGroups(caller, regionId, scope).then((v) => {
        out.securityGroups = v;
      }),
      readDisks(caller, regionId, scope).then((v) => {
        out.disks = v;
      }),
      readAutoSnapshotPolicies(caller, regionId, scope).then((v) => {
        out.autoSnapshotPolicies = v;
      }),
      readSystemEvents(caller, regionId, scope).then((v) => {
        out.systemEvents = v;
      }),
      readDiskEncryptionByDefault(caller, regionId).then((v) => {
        out.diskEncryptionByDefault = v;
      }),
    );
  }
  if (scope.vpc) {
    work.push(
      readVpcs(caller, regionId, scope).then((v) => {
        out.vpcs = v;
      }),
      readFlowLogs(caller, regionId, scope).then((v) => {
        out.flowLogs = v;
      }),
      readNetworkAcls(caller, regionId, size(scope, 1, 100, 50)).then((v) => {
        out.networkAcls = v;
      }),
    );
  }
  if (scope.kms !== false) {
    work.push(
      readKmsKeys(caller, regionId, size(scope, 1, 100, 100)).then((v) => {
        out.kmsKeys = v;
      }),
    );
  }
  if (scope.rds !== false) {
    work.push(
      readRdsInstances(caller, regionId, size(scope, 30, 100, 100)).then((v) => {
        out.rdsInstances = v;
      }),
    );
  }
  if (scope.ack !== false) {
    work.push(
      readAckClusters(caller, regionId, size(scope, 1, 100, 100)).then((v) => {
        out.ackClusters = v;
      }),
    );
  }
  await Promise.all(work);
  return out;
}

export async function readInstances(caller: Caller, regionId: string, scope: RegionScope): Promise<Instance[] | null> {
  const items = await readAllPages(
    caller,
    'ecs:DescribeInstances',
    regionId,
    (token: string | undefined) =>
      new Ecs.DescribeInstancesRequest({ regionId, maxResults: size(scope, 1, 100, 100), ...(token ? { nextToken: token } : {}) }),
    (body) => ({ items: list(body.instances?.instance), next: nextToken(body.nextToken) }),
  );
  if (items === null) return null;
  const instances = items.map((i) => toInstance(i, regionId));
  // The instance RAM role is not in DescribeInstances; on failure ramRoleName stays null (gap recorded).
  const roles = await readInstanceRamRoles(caller, regionId, instances.map((i) => i.instanceId));
  return roles === null ? instances : instances.map((i) => ({ ...i, ramRoleName: roles.get(i.instanceId) ?? null }));
}

/** DescribeInstanceRamRole takes up to 100 instance ids (a JSON list) per call. */
async function readInstanceRamRoles(caller: Caller, regionId: string, instanceIds: string[]): Promise<Map<string, string> | null> {
  const batches: string[][] = [];
  for (let i = 0; i < instanceIds.length; i += 100) batches.push(instanceIds.slice(i, i + 100));
  const results = await Promise.all(
    batches.map((ids) => {
      let soFar = 0;
      return readAllPages(
        caller,
        'ecs:DescribeInstanceRamRole',
        regionId,
        (page: number | undefined) =>
          new Ecs.DescribeInstanceRamRoleRequest({ regionId, instanceIds: JSON.stringify(ids), pageSize: 100, pageNumber: page ?? 1 }),
        (body, page) => {
          const got = list(body.instanceRamRoleSets?.instanceRamRoleSet);
          soFar += got.length;
          return { items: got, next: nextPageNumber(page, 100, got.length, soFar, body.totalCount) };
        },
      );
    }),
  );
  if (results.some((r) => r === null)) return null;
  const out = new Map<string, string>();
  for (const r of results.flatMap((x) => x ?? [])) {
    if (r.instanceId && r.ramRoleName) out.set(r.instanceId, r.ramRoleName);
  }
  return out;
}

export async function readSecurityGroups(caller: Caller, regionId: string, scope: RegionScope): Promise<SecurityGroup[] | null> {
  const groups = await readAllPages(
    caller,
    'ecs:DescribeSecurityGroups',
    regionId,
    (token: string | undefined) =>
      new Ecs.DescribeSecurityGroupsRequest({
        regionId,
        maxResults: size(scope, 1, 100, 100),
        isQueryEcsCount: true,
        ...(token ? { nextToken: token } : {}),
      }),
    (body) => ({ items: list(body.securityGroups?.securityGroup), next: nextToken(body.nextToken) }),
  );
  if (groups === null) return null;
  return Promise.all(groups.map((g) => readSecurityGroup(caller, regionId, g, scope)));
}

async function readSecurityGroup(caller: Caller, regionId: string, g: SdkSecurityGroup, scope: RegionScope): Promise<SecurityGroup> {
  const rules = await readSecurityGroupRules(caller, regionId, String(g.securityGroupId ?? ''), scope);
  return toSecurityGroup(g, regionId, rules);
}

export async function readSecurityGroupRules(caller: Caller, regionId: string, securityGroupId: string, scope: RegionScope) {
  const perms = await readAllPages<'ecs:DescribeSecurityGroupAttribute', SdkPermission, string>(
    caller,
    'ecs:DescribeSecurityGroupAttribute',
    regionId,
    (token) =>
      new Ecs.DescribeSecurityGroupAttributeRequest({
        regionId,
        securityGroupId,
        direction: 'all',
        maxResults: size(scope, 10, 1000, 1000),
        ...(token ? { nextToken: token } : {}),
      }),
    (body) => ({ items: list(body.permissions?.permission), next: nextToken(body.nextToken) }),
    { resource: securityGroupId },
  );
  return perms === null ? null : perms.map(toRule);
}

/** Read one security group again (targeted refresh). null = the group is gone or unreadable. */
export async function readOneSecurityGroup(
  caller: Caller,
  regionId: string,
  securityGroupId: string,
  scope: RegionScope,
): Promise<SecurityGroup | null | 'not-found'> {
  const res = await caller.call(
    'ecs:DescribeSecurityGroups',
    regionId,
    new Ecs.DescribeSecurityGroupsRequest({ regionId, securityGroupId, isQueryEcsCount: true }),
    { resource: securityGroupId },
  );
  if (!res.ok) return null;
  const g = list(res.body.securityGroups?.securityGroup).find((x) => x.securityGroupId === securityGroupId);
  if (!g) return 'not-found';
  return readSecurityGroup(caller, regionId, g, scope);
}

export async function readDisks(caller: Caller, regionId: string, scope: RegionScope) {
  const items = await readAllPages(
    caller,
    'ecs:DescribeDisks',
    regionId,
    (token: string | undefined) =>
      new Ecs.DescribeDisksRequest({ regionId, maxResults: size(scope, 10, 500, 100), ...(token ? { nextToken: token } : {}) }),
    (body) => ({ items: list(body.disks?.disk), next: nextToken(body.nextToken) }),
  );
  return items === null ? null : items.map((d) => toDisk(d, regionId));
}

export async function readAutoSnapshotPolicies(caller: Caller, regionId: string, scope: RegionScope) {
  const pageSize = size(scope, 1, 100, 100);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'ecs:DescribeAutoSnapshotPolicyEx',
    regionId,
    (page: number | undefined) => new Ecs.DescribeAutoSnapshotPolicyExRequest({ regionId, pageSize, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.autoSnapshotPolicies?.autoSnapshotPolicy);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, body.totalCount) };
    },
  );
  return items === null ? null : items.map((p) => toAutoSnapshotPolicy(p, regionId));
}

export async function readSystemEvents(caller: Caller, regionId: string, scope: RegionScope): Promise<SystemEvent[] | null> {
  const pageSize = size(scope, 1, 100, 100);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'ecs:DescribeInstancesFullStatus',
    regionId,
    (page: number | undefined) => new Ecs.DescribeInstancesFullStatusRequest({ regionId, pageSize, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.instanceFullStatusSet?.instanceFullStatusType);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, body.totalCount) };
    },
  );
  return items === null ? null : items.flatMap((s) => toSystemEvents(s, regionId));
}

export async function readCloudAssistant(
  caller: Caller,
  regionId: string,
  instanceIds: string[],
  scope: RegionScope,
): Promise<Record<string, boolean> | null> {
  const batches: string[][] = [];
  for (let i = 0; i < instanceIds.length; i += CLOUD_ASSISTANT_BATCH) batches.push(instanceIds.slice(i, i + CLOUD_ASSISTANT_BATCH));
  const results = await Promise.all(
    batches.map((ids) =>
      readAllPages<'ecs:DescribeCloudAssistantStatus', SdkCloudAssistant, string>(
        caller,
        'ecs:DescribeCloudAssistantStatus',
        regionId,
        (token) =>
          new Ecs.DescribeCloudAssistantStatusRequest({
            regionId,
            instanceId: ids,
            maxResults: size(scope, 1, 50, 50),
            ...(token ? { nextToken: token } : {}),
          }),
        (body) => ({ items: list(body.instanceCloudAssistantStatusSet?.instanceCloudAssistantStatus), next: nextToken(body.nextToken) }),
      ),
    ),
  );
  // One failed batch makes the map unknown: a partly filled map would read as "agent missing".
  if (results.some((r) => r === null)) return null;
  return toCloudAssistant(results.flatMap((r) => r ?? []));
}

export async function readDiskEncryptionByDefault(caller: Caller, regionId: string): Promise<boolean | null> {
  const res = await caller.call(
    'ecs:DescribeDiskEncryptionByDefaultStatus',
    regionId,
    new Ecs.DescribeDiskEncryptionByDefaultStatusRequest({ regionId }),
  );
  if (!res.ok) return null;
  const v = res.body.encrypted as unknown;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  caller.gap('ecs:DescribeDiskEncryptionByDefaultStatus', regionId, 'Malformed', 'response has no Encrypted field');
  return null;
}

export async function readVpcs(caller: Caller, regionId: string, scope: RegionScope) {
  const pageSize = size(scope, 1, 50, 50);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'vpc:DescribeVpcs',
    regionId,
    (page: number | undefined) => new Vpc.DescribeVpcsRequest({ regionId, pageSize, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.vpcs?.vpc);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, body.totalCount) };
    },
  );
  return items === null ? null : items.map((v) => toVpc(v, regionId));
}

export async function readFlowLogs(caller: Caller, regionId: string, scope: RegionScope) {
  const pageSize = size(scope, 1, 50, 50);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'vpc:DescribeFlowLogs',
    regionId,
    (page: number | undefined) => new Vpc.DescribeFlowLogsRequest({ regionId, pageSize, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.flowLogs?.flowLog);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, num(body.totalCount, NaN)) };
    },
  );
  return items === null ? null : items.map((f) => toFlowLog(f, regionId));
}
