// Every API the collector can call, in one table. The call wrapper (caller.ts) only calls
// through this table, so ACTIONS_CALLED cannot drift from what the code really does; the
// shipped least-privilege RAM policy is tested against it. Read-only by construction:
// only Describe*/List*/Get* plus sts:AssumeRole (which reads temporary credentials).

import type * as $dara from '@darabonba/typescript';
import type { CloudService } from './endpoints.js';
import type { ClientMap } from './clients.js';
import { Cs, Ecs, Ims, Ram, Sts, Vpc } from './sdk.js';
import type { RpcQuery } from './rpc.js';
import type { OssRequest } from './oss.js';
import type {
  CasCertificateList,
  KmsDescribeKey,
  KmsListKeys,
  ListAccountsBody,
  RdsDescribeDBInstances,
  RdsEncryptionKeyBody,
  RdsIpArrayList,
  RdsParameters,
  RdsSqlCollectorPolicy,
  RdsSqlCollectorRetention,
  RdsSsl,
  RdsTde,
} from './rpc-bodies.js';
import type * as Sas from './wire-sas.js';
import type { Sls } from './sls.js';

export interface ActionDef<S extends CloudService, Req, Body> {
  service: S;
  action: string;
  /** The RAM permission the call needs (IMS APIs are authorised under the ram: prefix). */
  ramAction: string;
  invoke(client: ClientMap[S], req: Req, runtime: $dara.RuntimeOptions): Promise<{ body?: Body }>;
}

/** Services authorised under another RAM prefix than their own name. */
export const RAM_PREFIX: Partial<Record<CloudService, string>> = { ims: 'ram', cas: 'yundun-cert', sas: 'yundun-sas', sls: 'log' };

const ACTIONTRAIL_VERSION = '2020-07-06';
const SAS_VERSION = '2018-12-03';

/** An action served through the generic RPC door (no generated package for the service). */
function generic<S extends 'actiontrail' | 'sas', Body>(service: S, action: string): ActionDef<S, RpcQuery, Body> {
  const version = service === 'actiontrail' ? ACTIONTRAIL_VERSION : SAS_VERSION;
  return def(service, action, (c, req: RpcQuery, rt) => c.rpc<Body>(action, version, req, rt));
}

function rds<Body>(action: string): ActionDef<'rds', RpcQuery, Body> {
  return def('rds', action, (c, req: RpcQuery, rt) => c.rpc<Body>(action, '2014-08-15', req, rt));
}

/** An OSS API: ali-oss signs it; the sub-resource names the API, the RAM action is oss:<Action>. */
function oss(action: string, subres: string | undefined, json = false): ActionDef<'oss', Omit<OssRequest, 'subres' | 'json'>, Record<string, unknown>> {
  return def('oss', action, (c, req: Omit<OssRequest, 'subres' | 'json'>) =>
    c.get({ ...req, ...(subres ? { subres } : {}), ...(json ? { json } : {}) }, `oss:${action}`),
  );
}

function def<S extends CloudService, Req, Body>(
  service: S,
  action: string,
  invoke: (client: ClientMap[S], req: Req, runtime: $dara.RuntimeOptions) => Promise<{ body?: Body }>,
  ramAction = `${RAM_PREFIX[service] ?? service}:${action}`,
): ActionDef<S, Req, Body> {
  return { service, action, ramAction, invoke };
}

type EcsM = typeof Ecs;
type VpcM = typeof Vpc;
type RamM = typeof Ram;
type ImsM = typeof Ims;
type StsM = typeof Sts;
type CsM = typeof Cs;
/** ACK's ROA calls name their cluster in the path. */
export interface ClusterReq {
  clusterId: string;
}
type I<T extends abstract new (...args: never) => unknown> = InstanceType<T>;
type SlsM = typeof Sls;
/** An SLS call names its project (and logstore) apart from the query, as the SDK takes them. */
export interface SlsReq<Q> {
  project: string;
  logstore?: string;
  query: Q;
}

export const ACTIONS = {
  // STS
  'sts:GetCallerIdentity': def('sts', 'GetCallerIdentity', (c, _req: void, rt) => c.getCallerIdentityWithOptions(rt)),
  'sts:AssumeRole': def('sts', 'AssumeRole', (c, req: I<StsM['AssumeRoleRequest']>, rt) => c.assumeRoleWithOptions(req, rt)),

  // ECS
  'ecs:DescribeRegions': def('ecs', 'DescribeRegions', (c, req: I<EcsM['DescribeRegionsRequest']>, rt) =>
    c.describeRegionsWithOptions(req, rt),
  ),
  'ecs:DescribeInstances': def('ecs', 'DescribeInstances', (c, req: I<EcsM['DescribeInstancesRequest']>, rt) =>
    c.describeInstancesWithOptions(req, rt),
  ),
  'ecs:DescribeInstanceRamRole': def('ecs', 'DescribeInstanceRamRole', (c, req: I<EcsM['DescribeInstanceRamRoleRequest']>, rt) =>
    c.describeInstanceRamRoleWithOptions(req, rt),
  ),
  'ecs:DescribeSecurityGroups': def('ecs', 'DescribeSecurityGroups', (c, req: I<EcsM['DescribeSecurityGroupsRequest']>, rt) =>
    c.describeSecurityGroupsWithOptions(req, rt),
  ),
  'ecs:DescribeSecurityGroupAttribute': def(
    'ecs',
    'DescribeSecurityGroupAttribute',
    (c, req: I<EcsM['DescribeSecurityGroupAttributeRequest']>, rt) => c.describeSecurityGroupAttributeWithOptions(req, rt),
  ),
  'ecs:DescribeDisks': def('ecs', 'DescribeDisks', (c, req: I<EcsM['DescribeDisksRequest']>, rt) => c.describeDisksWithOptions(req, rt)),
  'ecs:DescribeAutoSnapshotPolicyEx': def(
    'ecs',
    'DescribeAutoSnapshotPolicyEx',
    (c, req: I<EcsM['DescribeAutoSnapshotPolicyExRequest']>, rt) => c.describeAutoSnapshotPolicyExWithOptions(req, rt),
  ),
  'ecs:DescribeInstancesFullStatus': def(
    'ecs',
    'DescribeInstancesFullStatus',
    (c, req: I<EcsM['DescribeInstancesFullStatusRequest']>, rt) => c.describeInstancesFullStatusWithOptions(req, rt),
  ),
  'ecs:DescribeCloudAssistantStatus': def(
    'ecs',
    'DescribeCloudAssistantStatus',
    (c, req: I<EcsM['DescribeCloudAssistantStatusRequest']>, rt) => c.describeCloudAssistantStatusWithOptions(req, rt),
  ),
  'ecs:DescribeDiskEncryptionByDefaultStatus': def(
    'ecs',
    'DescribeDiskEncryptionByDefaultStatus',
    (c, req: I<EcsM['DescribeDiskEncryptionByDefaultStatusRequest']>, rt) =>
      c.describeDiskEncryptionByDefaultStatusWithOptions(req, rt),
  ),

  // VPC
  'vpc:DescribeVpcs': def('vpc', 'DescribeVpcs', (c, req: I<VpcM['DescribeVpcsRequest']>, rt) => c.describeVpcsWithOptions(req, rt)),
  'vpc:DescribeFlowLogs': def('vpc', 'DescribeFlowLogs', (c, req: I<VpcM['DescribeFlowLogsRequest']>, rt) =>
    c.describeFlowLogsWithOptions(req, rt),
  ),
  'vpc:DescribeNetworkAcls': def('vpc', 'DescribeNetworkAcls', (c, req: I<VpcM['DescribeNetworkAclsRequest']>, rt) =>
    c.describeNetworkAclsWithOptions(req, rt),
  ),
  'vpc:DescribeVpnGateways': def('vpc', 'DescribeVpnGateways', (c, req: I<VpcM['DescribeVpnGatewaysRequest']>, rt) =>
    c.describeVpnGatewaysWithOptions(req, rt),
  ),

  // KMS (2016-01-20) and Certificate Management (2020-04-07): generic callApi, see rpc.ts.
  'kms:ListKeys': def('kms', 'ListKeys', (c, req: RpcQuery, rt) => c.rpc<KmsListKeys>('ListKeys', '2016-01-20', req, rt)),
  'kms:DescribeKey': def('kms', 'DescribeKey', (c, req: RpcQuery, rt) => c.rpc<KmsDescribeKey>('DescribeKey', '2016-01-20', req, rt)),
  'cas:ListUserCertificateOrder': def(
    'cas',
    'ListUserCertificateOrder',
    (c, req: RpcQuery, rt) => c.rpc<CasCertificateList>('ListUserCertificateOrder', '2020-04-07', req, rt),
    // Certificate Management authorises under its old product code.
    'yundun-cert:ListUserCertificateOrder',
  ),

  // RAM
  'ram:ListUsers': def('ram', 'ListUsers', (c, req: I<RamM['ListUsersRequest']>, rt) => c.listUsersWithOptions(req, rt)),
  'ram:GetUser': def('ram', 'GetUser', (c, req: I<RamM['GetUserRequest']>, rt) => c.getUserWithOptions(req, rt)),
  'ram:GetLoginProfile': def('ram', 'GetLoginProfile', (c, req: I<RamM['GetLoginProfileRequest']>, rt) =>
    c.getLoginProfileWithOptions(req, rt),
  ),
  'ram:ListAccessKeys': def('ram', 'ListAccessKeys', (c, req: I<RamM['ListAccessKeysRequest']>, rt) =>
    c.listAccessKeysWithOptions(req, rt),
  ),
  'ram:ListPoliciesForUser': def('ram', 'ListPoliciesForUser', (c, req: I<RamM['ListPoliciesForUserRequest']>, rt) =>
    c.listPoliciesForUserWithOptions(req, rt),
  ),
  'ram:ListGroupsForUser': def('ram', 'ListGroupsForUser', (c, req: I<RamM['ListGroupsForUserRequest']>, rt) =>
    c.listGroupsForUserWithOptions(req, rt),
  ),
  'ram:ListGroups': def('ram', 'ListGroups', (c, req: I<RamM['ListGroupsRequest']>, rt) => c.listGroupsWithOptions(req, rt)),
  'ram:ListPoliciesForGroup': def('ram', 'ListPoliciesForGroup', (c, req: I<RamM['ListPoliciesForGroupRequest']>, rt) =>
    c.listPoliciesForGroupWithOptions(req, rt),
  ),
  'ram:ListPolicies': def('ram', 'ListPolicies', (c, req: I<RamM['ListPoliciesRequest']>, rt) => c.listPoliciesWithOptions(req, rt)),
  'ram:GetPolicyVersion': def('ram', 'GetPolicyVersion', (c, req: I<RamM['GetPolicyVersionRequest']>, rt) =>
    c.getPolicyVersionWithOptions(req, rt),
  ),

  // IMS (newer identity APIs; authorised as ram:<Action>)
  'ims:GetUserMFAInfo': def('ims', 'GetUserMFAInfo', (c, req: I<ImsM['GetUserMFAInfoRequest']>, rt) =>
    c.getUserMFAInfoWithOptions(req, rt),
  ),
  'ims:GetAccessKeyLastUsed': def('ims', 'GetAccessKeyLastUsed', (c, req: I<ImsM['GetAccessKeyLastUsedRequest']>, rt) =>
    c.getAccessKeyLastUsedWithOptions(req, rt),
  ),
  'ims:GetDefaultDomain': def('ims', 'GetDefaultDomain', (c, _req: void, rt) => c.getDefaultDomainWithOptions(rt)),
  'ims:GetPasswordPolicy': def('ims', 'GetPasswordPolicy', (c, _req: void, rt) => c.getPasswordPolicyWithOptions(rt)),
  'ims:GetSecurityPreference': def('ims', 'GetSecurityPreference', (c, _req: void, rt) => c.getSecurityPreferenceWithOptions(rt)),

  // ActionTrail (no generated package: the generic RPC door)
  'actiontrail:DescribeTrails': generic<'actiontrail', Sas.DescribeTrailsBody>('actiontrail', 'DescribeTrails'),
  'actiontrail:GetTrailStatus': generic<'actiontrail', Sas.GetTrailStatusBody>('actiontrail', 'GetTrailStatus'),

  // Security Center (no generated package: the generic RPC door; authorised as yundun-sas:)
  'sas:DescribeCloudCenterInstances': generic<'sas', Sas.DescribeCloudCenterInstancesBody>('sas', 'DescribeCloudCenterInstances'),
  'sas:DescribeVulList': generic<'sas', Sas.DescribeVulListBody>('sas', 'DescribeVulList'),
  'sas:DescribeVersionConfig': generic<'sas', Sas.DescribeVersionConfigBody>('sas', 'DescribeVersionConfig'),
  'sas:DescribeNoticeConfig': generic<'sas', Sas.DescribeNoticeConfigBody>('sas', 'DescribeNoticeConfig'),
  'sas:DescribeVulConfig': generic<'sas', Sas.DescribeVulConfigBody>('sas', 'DescribeVulConfig'),
  'sas:DescribeServiceLinkedRoleStatus': generic<'sas', Sas.DescribeServiceLinkedRoleStatusBody>('sas', 'DescribeServiceLinkedRoleStatus'),
  'sas:DescribeSuspiciousOverallConfig': generic<'sas', Sas.DescribeSuspiciousOverallConfigBody>('sas', 'DescribeSuspiciousOverallConfig'),
  'sas:GetPropertyScheduleConfig': generic<'sas', Sas.GetPropertyScheduleConfigBody>('sas', 'GetPropertyScheduleConfig'),

  // Resource Directory members (discovery only; no generated package needed: the generic RPC door)
  'resourcemanager:ListAccounts': def('resourcemanager', 'ListAccounts', (c, req: RpcQuery, rt) =>
    c.rpc<ListAccountsBody>('ListAccounts', '2020-03-31', req, rt),
  ),

  // ApsaraDB RDS (2014-08-15; no generated package installed: the generic RPC door)
  'rds:DescribeDBInstances': rds<RdsDescribeDBInstances>('DescribeDBInstances'),
  'rds:DescribeDBInstanceIPArrayList': rds<RdsIpArrayList>('DescribeDBInstanceIPArrayList'),
  'rds:DescribeDBInstanceSSL': rds<RdsSsl>('DescribeDBInstanceSSL'),
  'rds:DescribeDBInstanceTDE': rds<RdsTde>('DescribeDBInstanceTDE'),
  'rds:DescribeSQLCollectorPolicy': rds<RdsSqlCollectorPolicy>('DescribeSQLCollectorPolicy'),

  // Container Service for Kubernetes (cs 2015-12-15, ROA: GET on paths, through the generated client)
  'cs:DescribeClustersV1': def('cs', 'DescribeClustersV1', (c, req: I<CsM['DescribeClustersV1Request']>, rt) =>
    c.describeClustersV1WithOptions(req, {}, rt),
  ),
  'cs:DescribeClusterDetail': def('cs', 'DescribeClusterDetail', (c, req: ClusterReq, rt) =>
    c.describeClusterDetailWithOptions(req.clusterId, {}, rt),
  ),
  'cs:ListClusterAddonInstances': def('cs', 'ListClusterAddonInstances', (c, req: ClusterReq, rt) =>
    c.listClusterAddonInstancesWithOptions(req.clusterId, {}, rt),
  ),
  // The request model comes from the collector: a value use of the SDK here would load every SDK
  // for commands that only read this table (whoowns policy).
  'cs:DescribeClusterNodePools': def('cs', 'DescribeClusterNodePools', (c, req: ClusterReq & { request: InstanceType<typeof Cs.DescribeClusterNodePoolsRequest> }, rt) =>
    c.describeClusterNodePoolsWithOptions(req.clusterId, req.request, {}, rt),
  ),
  'cs:GetClusterInspectConfig': def('cs', 'GetClusterInspectConfig', (c, req: ClusterReq, rt) =>
    c.getClusterInspectConfigWithOptions(req.clusterId, {}, rt),
  ),
  'rds:DescribeSQLCollectorRetention': rds<RdsSqlCollectorRetention>('DescribeSQLCollectorRetention'),
  'rds:DescribeDBInstanceEncryptionKey': rds<RdsEncryptionKeyBody>('DescribeDBInstanceEncryptionKey'),
  'rds:DescribeParameters': rds<RdsParameters>('DescribeParameters'),
  // Log Service (2020-12-30; ROA with its own signature, see sls.ts; authorised as log:)
  'sls:ListLogStores': def('sls', 'ListLogStores', (c, req: SlsReq<I<SlsM['ListLogStoresRequest']>>, rt) =>
    c.listLogStores(req.project, req.query, rt),
  ),
  'sls:GetLogStore': def('sls', 'GetLogStore', (c, req: SlsReq<void>, rt) => c.getLogStore(req.project, req.logstore ?? '', rt)),
  'sls:ListAlerts': def('sls', 'ListAlerts', (c, req: SlsReq<I<SlsM['ListAlertsRequest']>>, rt) => c.listAlerts(req.project, req.query, rt)),
  'sls:ListCollectionPolicies': def('sls', 'ListCollectionPolicies', (c, req: I<SlsM['ListCollectionPoliciesRequest']>, rt) => c.listCollectionPolicies(req, rt)),
  // OSS (own signature and XML: ali-oss, see oss.ts). Bodies are xml2js objects of the XML root.
  'oss:ListBuckets': oss('ListBuckets', undefined),
  'oss:GetPublicAccessBlock': oss('GetPublicAccessBlock', 'publicAccessBlock'),
  'oss:GetBucketAcl': oss('GetBucketAcl', 'acl'),
  'oss:GetBucketPolicy': oss('GetBucketPolicy', 'policy', true),
  'oss:GetBucketEncryption': oss('GetBucketEncryption', 'encryption'),
  'oss:GetBucketLogging': oss('GetBucketLogging', 'logging'),
  'oss:GetBucketVersioning': oss('GetBucketVersioning', 'versioning'),
  'oss:GetBucketWorm': oss('GetBucketWorm', 'worm'),
  'oss:GetBucketPublicAccessBlock': oss('GetBucketPublicAccessBlock', 'publicAccessBlock'),
} as const;

export type ActionKey = keyof typeof ACTIONS;
export type ReqOf<K extends ActionKey> = (typeof ACTIONS)[K] extends ActionDef<CloudService, infer R, unknown> ? R : never;
export type BodyOf<K extends ActionKey> = (typeof ACTIONS)[K] extends ActionDef<CloudService, unknown, infer B> ? B : never;

/** What the collector can call: { service, action, ramAction } for the least-privilege policy test. */
export const ACTIONS_CALLED: ReadonlyArray<{ service: CloudService; action: string; ramAction: string }> = Object.values(
  ACTIONS,
).map((a) => ({ service: a.service, action: a.action, ramAction: a.ramAction }));
