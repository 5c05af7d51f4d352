// SDK body items (ECS, VPC) → plain snapshot types. Pure: no SDK objects leave this file.

import type {
  AutoSnapshotPolicy,
  Disk,
  FlowLog,
  Instance,
  SecurityGroup,
  SecurityGroupRule,
  SystemEvent,
  Vpc,
} from './snapshot.js';
import { bool, list, num, numOrNull, str, strOrNull, strings, stringListField, tagMap } from './coerce.js';
import type { Ecs, Vpc as VpcPkg } from './sdk.js';

type E = typeof Ecs;
type V = typeof VpcPkg;
type I<T extends abstract new (...args: never) => unknown> = InstanceType<T>;

export type SdkInstance = I<E['DescribeInstancesResponseBodyInstancesInstance']>;
export type SdkSecurityGroup = I<E['DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup']>;
export type SdkPermission = I<E['DescribeSecurityGroupAttributeResponseBodyPermissionsPermission']>;
export type SdkDisk = I<E['DescribeDisksResponseBodyDisksDisk']>;
export type SdkAutoSnapshotPolicy = I<E['DescribeAutoSnapshotPolicyExResponseBodyAutoSnapshotPoliciesAutoSnapshotPolicy']>;
export type SdkFullStatus = I<E['DescribeInstancesFullStatusResponseBodyInstanceFullStatusSetInstanceFullStatusType']>;
export type SdkCloudAssistant = I<
  E['DescribeCloudAssistantStatusResponseBodyInstanceCloudAssistantStatusSetInstanceCloudAssistantStatus']
>;
export type SdkVpc = I<V['DescribeVpcsResponseBodyVpcsVpc']>;
export type SdkFlowLog = I<V['DescribeFlowLogsResponseBodyFlowLogsFlowLog']>;

export function toInstance(i: SdkInstance, regionId: string): Instance {
  const eip = strOrNull(i.eipAddress?.ipAddress);
  return {
    instanceId: str(i.instanceId),
    instanceName: str(i.instanceName),
    regionId: str(i.regionId) || regionId,
    zoneId: str(i.zoneId),
    status: str(i.status),
    osType: str(i.OSType).toLowerCase(),
    osName: str(i.OSName),
    imageId: str(i.imageId),
    networkType: str(i.instanceNetworkType).toLowerCase(),
    publicIps: strings(i.publicIpAddress?.ipAddress),
    eipAddress: eip,
    privateIps: [...strings(i.vpcAttributes?.privateIpAddress?.ipAddress), ...strings(i.innerIpAddress?.ipAddress)],
    vpcId: strOrNull(i.vpcAttributes?.vpcId),
    vSwitchId: strOrNull(i.vpcAttributes?.vSwitchId),
    securityGroupIds: strings(i.securityGroupIds?.securityGroupId),
    keyPairName: strOrNull(i.keyPairName),
    metadataHttpTokens: strOrNull(i.metadataOptions?.httpTokens),
    metadataHttpEndpoint: strOrNull(i.metadataOptions?.httpEndpoint),
    deletionProtection: bool(i.deletionProtection),
    // Filled from DescribeInstanceRamRole by the reader.
    ramRoleName: null,
    creationTime: str(i.creationTime),
    tags: tagMap(i.tags as { tag?: Array<Record<string, unknown>> } | undefined),
    ...resourceGroup(i.resourceGroupId),
  };
}

export function toSecurityGroup(g: SdkSecurityGroup, regionId: string, rules: SecurityGroupRule[] | null): SecurityGroup {
  return {
    securityGroupId: str(g.securityGroupId),
    securityGroupName: str(g.securityGroupName),
    regionId,
    vpcId: strOrNull(g.vpcId),
    securityGroupType: str(g.securityGroupType) || 'normal',
    serviceManaged: bool(g.serviceManaged),
    ecsCount: numOrNull(g.ecsCount),
    description: str(g.description),
    rules,
    tags: tagMap(g.tags as { tag?: Array<Record<string, unknown>> } | undefined),
    ...resourceGroup(g.resourceGroupId),
  };
}

export function toRule(p: SdkPermission): SecurityGroupRule {
  return {
    ruleId: str(p.securityGroupRuleId),
    direction: str(p.direction),
    ipProtocol: str(p.ipProtocol),
    portRange: str(p.portRange),
    sourceCidrIp: str(p.sourceCidrIp),
    ipv6SourceCidrIp: str(p.ipv6SourceCidrIp),
    destCidrIp: str(p.destCidrIp),
    ipv6DestCidrIp: str(p.ipv6DestCidrIp),
    sourceGroupId: str(p.sourceGroupId),
    destGroupId: str(p.destGroupId),
    policy: str(p.policy),
    // The API's default priority is 1 when none was set.
    priority: num(p.priority, 1),
    description: str(p.description),
  };
}

export function toDisk(d: SdkDisk, regionId: string): Disk {
  return {
    diskId: str(d.diskId),
    diskName: str(d.diskName),
    regionId: str(d.regionId) || regionId,
    zoneId: str(d.zoneId),
    type: str(d.type).toLowerCase(),
    category: str(d.category),
    sizeGb: num(d.size),
    encrypted: bool(d.encrypted),
    kmsKeyId: strOrNull(d.KMSKeyId),
    status: str(d.status),
    instanceId: strOrNull(d.instanceId),
    enableAutoSnapshot: bool(d.enableAutoSnapshot),
    autoSnapshotPolicyId: strOrNull(d.autoSnapshotPolicyId),
    creationTime: str(d.creationTime),
    tags: tagMap(d.tags as { tag?: Array<Record<string, unknown>> } | undefined),
    ...resourceGroup(d.resourceGroupId),
  };
}

export function toAutoSnapshotPolicy(p: SdkAutoSnapshotPolicy, regionId: string): AutoSnapshotPolicy {
  return {
    autoSnapshotPolicyId: str(p.autoSnapshotPolicyId),
    autoSnapshotPolicyName: str(p.autoSnapshotPolicyName),
    regionId: str(p.regionId) || regionId,
    retentionDays: num(p.retentionDays, -1),
    timePoints: stringListField(p.timePoints),
    repeatWeekdays: stringListField(p.repeatWeekdays),
    diskNums: num(p.diskNums),
  };
}

export function toSystemEvents(s: SdkFullStatus, regionId: string): SystemEvent[] {
  const instanceId = str(s.instanceId);
  return list(s.scheduledSystemEventSet?.scheduledSystemEventType).map((e) => ({
    eventId: str(e.eventId),
    instanceId,
    regionId,
    eventType: str(e.eventType?.name),
    eventCycleStatus: str(e.eventCycleStatus?.name),
    notBefore: str(e.notBefore),
    publishTime: str(e.eventPublishTime),
    reason: str(e.reason),
  }));
}

export function toCloudAssistant(items: SdkCloudAssistant[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const a of items) {
    const id = str(a.instanceId);
    if (id !== '') out[id] = bool(a.cloudAssistantStatus);
  }
  return out;
}

export function toVpc(v: SdkVpc, regionId: string): Vpc {
  return {
    vpcId: str(v.vpcId),
    vpcName: str(v.vpcName),
    regionId: str(v.regionId) || regionId,
    cidrBlock: str(v.cidrBlock),
    isDefault: bool(v.isDefault),
  };
}

export function toFlowLog(f: SdkFlowLog, regionId: string): FlowLog {
  return {
    flowLogId: str(f.flowLogId),
    flowLogName: str(f.flowLogName),
    regionId: str(f.regionId) || regionId,
    resourceType: str(f.resourceType),
    resourceId: str(f.resourceId),
    status: str(f.status),
  };
}

/** Only a non-empty group is kept, so snapshots without resource groups stay as small as before. */
function resourceGroup(id: unknown): { resourceGroupId?: string } {
  const v = str(id);
  return v === '' ? {} : { resourceGroupId: v };
}
