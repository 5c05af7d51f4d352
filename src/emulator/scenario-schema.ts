// What a scenario file may say: the zod schema with its defaults, and the cross-reference checks
// (unknown security group, duplicate id ...) whose errors carry the path of the offending field.

import { z } from 'zod';
import { SYSTEM_POLICY_NAMES } from './system-policies.js';

const DEFAULT_DATE = '2026-01-05T08:00:00Z';

const date = z.string().refine((s) => !Number.isNaN(Date.parse(s)), {
  message: 'must be an ISO 8601 date such as 2026-03-01T08:00:00Z',
});
const id = z.string().min(1, 'must not be empty');
const tags = z.record(z.string(), z.string()).default({});
const optionalRegionId = z.string().optional();

const ruleSchema = z.strictObject({
  ruleId: z.string().optional(),
  direction: z.string().default('ingress'),
  ipProtocol: z.string().default('TCP'),
  portRange: z.string().regex(/^-?\d+\/-?\d+$/, 'must look like "22/22", "1/65535" or "-1/-1"'),
  sourceCidrIp: z.string().default(''),
  ipv6SourceCidrIp: z.string().default(''),
  destCidrIp: z.string().default(''),
  ipv6DestCidrIp: z.string().default(''),
  sourceGroupId: z.string().default(''),
  destGroupId: z.string().default(''),
  policy: z.string().default('Accept'),
  priority: z.number().int().min(1).max(100).default(1),
  description: z.string().default(''),
});

const securityGroupSchema = z.strictObject({
  securityGroupId: id,
  securityGroupName: z.string().optional(),
  regionId: optionalRegionId,
  vpcId: z.string().nullable().default(null),
  securityGroupType: z.string().default('normal'),
  serviceManaged: z.boolean().default(false),
  /** Omit to count the scenario's instances in the group; null = the API does not report it. */
  ecsCount: z.number().int().min(0).nullable().optional(),
  description: z.string().default(''),
  creationTime: date.default(DEFAULT_DATE),
  tags,
  resourceGroupId: z.string().min(1).optional(),
  rules: z.array(ruleSchema).default([]),
});

const instanceSchema = z.strictObject({
  instanceId: id,
  instanceName: z.string().optional(),
  regionId: optionalRegionId,
  zoneId: z.string().optional(),
  status: z.string().default('Running'),
  osType: z.string().default('linux'),
  osName: z.string().default('Alibaba Cloud Linux  3.2104 LTS 64位'),
  imageId: z.string().default('aliyun_3_x64_20G_alibase_20260115.vhd'),
  networkType: z.string().default('vpc'),
  publicIps: z.array(z.string()).default([]),
  eipAddress: z.string().nullable().default(null),
  privateIps: z.array(z.string()).default([]),
  vpcId: z.string().nullable().default(null),
  vSwitchId: z.string().nullable().default(null),
  securityGroupIds: z.array(z.string()).default([]),
  keyPairName: z.string().nullable().default('ops-keypair'),
  metadataHttpTokens: z.string().nullable().default('required'),
  metadataHttpEndpoint: z.string().nullable().default('enabled'),
  deletionProtection: z.boolean().default(true),
  ramRoleName: z.string().nullable().default(null),
  creationTime: date.default(DEFAULT_DATE),
  tags,
  resourceGroupId: z.string().min(1).optional(),
});

const diskSchema = z.strictObject({
  diskId: id,
  diskName: z.string().optional(),
  regionId: optionalRegionId,
  zoneId: z.string().optional(),
  type: z.enum(['system', 'data']).default('data'),
  category: z.string().default('cloud_essd'),
  sizeGb: z.number().int().positive().default(40),
  encrypted: z.boolean().default(true),
  kmsKeyId: z.string().nullable().default(null),
  /** Omit: In_use when attached, Available when not. */
  status: z.string().optional(),
  instanceId: z.string().nullable().default(null),
  /** Omit: true when an auto snapshot policy is applied. */
  enableAutoSnapshot: z.boolean().optional(),
  autoSnapshotPolicyId: z.string().nullable().default(null),
  creationTime: date.default(DEFAULT_DATE),
  tags,
  resourceGroupId: z.string().min(1).optional(),
});

const autoSnapshotPolicySchema = z.strictObject({
  autoSnapshotPolicyId: id,
  autoSnapshotPolicyName: z.string().optional(),
  regionId: optionalRegionId,
  retentionDays: z.number().int().min(-1).default(30),
  timePoints: z.array(z.coerce.string()).default(['2']),
  repeatWeekdays: z.array(z.coerce.string()).default(['1', '2', '3', '4', '5', '6', '7']),
  /** Omit to count the scenario's disks using the policy. */
  diskNums: z.number().int().min(0).optional(),
});

const systemEventSchema = z.strictObject({
  eventId: id,
  instanceId: id,
  regionId: optionalRegionId,
  eventType: z.string().default('SystemMaintenance.Reboot'),
  eventCycleStatus: z.string().default('Scheduled'),
  notBefore: date,
  publishTime: date,
  reason: z.string().default(''),
});

const vpcSchema = z.strictObject({
  vpcId: id,
  vpcName: z.string().optional(),
  regionId: optionalRegionId,
  cidrBlock: z.string().default('172.16.0.0/12'),
  isDefault: z.boolean().default(false),
});

const flowLogSchema = z.strictObject({
  flowLogId: id,
  flowLogName: z.string().optional(),
  regionId: optionalRegionId,
  resourceType: z.enum(['VPC', 'VSwitch', 'NetworkInterface']).default('VPC'),
  resourceId: id,
  status: z.string().default('Active'),
});

const kmsKeySchema = z.strictObject({
  keyId: id,
  regionId: optionalRegionId,
  keyState: z.enum(['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport']).default('Enabled'),
  keySpec: z.string().default('Aliyun_AES_256'),
  origin: z.enum(['Aliyun_KMS', 'EXTERNAL']).default('Aliyun_KMS'),
  /** Omit: the scenario's account id (a customer key); a service name for a service key. */
  creator: z.string().optional(),
  automaticRotation: z.enum(['Enabled', 'Disabled', 'Suspended']).default('Enabled'),
  /** Omit: one year when rotation is on, '' when off. */
  rotationInterval: z.string().optional(),
  deleteDate: date.nullable().default(null),
  description: z.string().default(''),
  creationDate: date.default(DEFAULT_DATE),
});

const rdsInstanceSchema = z.strictObject({
  dbInstanceId: id,
  description: z.string().optional(),
  regionId: optionalRegionId,
  engine: z.enum(['MySQL', 'PostgreSQL', 'SQLServer', 'MariaDB']).default('MySQL'),
  engineVersion: z.string().default('8.0'),
  status: z.string().default('Running'),
  netType: z.enum(['Internet', 'Intranet']).default('Intranet'),
  /** The default whitelist group's addresses. */
  whitelist: z.array(z.string()).default(['10.0.0.0/8']),
  sslEnabled: z.boolean().default(true),
  tdeEnabled: z.boolean().default(true),
  sqlAuditEnabled: z.boolean().default(true),
  /** SQL Explorer log retention (DescribeSQLCollectorRetention), days. */
  sqlAuditRetentionDays: z.union([z.literal(30), z.literal(180), z.literal(365), z.literal(1095), z.literal(1825)]).default(365),
  /** Encrypted with a key of this account (true) or with no key of its own (false). */
  ownKey: z.boolean().default(true),
  /** Running parameters served by DescribeParameters (PostgreSQL logging by default all on). */
  pgParameters: z.record(z.string(), z.string()).default({ log_connections: 'on', log_disconnections: 'on', log_duration: 'on' }),
});

const ackNodePoolSchema = z.strictObject({
  nodePoolId: id,
  name: z.string().optional(),
  /** kubernetes_config.cms_enabled: the CloudMonitor agent on the pool's nodes. */
  cmsEnabled: z.boolean().default(true),
});

const ackClusterSchema = z.strictObject({
  clusterId: id,
  name: z.string().optional(),
  regionId: optionalRegionId,
  /** ManagedKubernetes: Alibaba Cloud runs the control plane; Kubernetes: a dedicated cluster, your masters. */
  clusterType: z.enum(['ManagedKubernetes', 'Kubernetes', 'ExternalKubernetes']).default('ManagedKubernetes'),
  clusterSpec: z.string().default('ack.pro.small'),
  version: z.string().default('1.31.1-aliyun.1'),
  state: z.string().default('running'),
  /** Whether the API server has an internet address (an EIP on its load balancer). */
  publicApiServer: z.boolean().default(false),
  /** KMS key id that encrypts Secrets; '' = not encrypted. */
  secretsEncryptionKey: z.string().default(''),
  addons: z.array(z.string()).default(['terway-eniip', 'terway-controlplane', 'logtail-ds', 'coredns', 'metrics-server', 'ack-node-problem-detector']),
  nodePools: z.array(ackNodePoolSchema).optional(),
  /** null = inspection never configured (GetClusterInspectConfig answers 404). */
  inspection: z.strictObject({ enabled: z.boolean(), recurrence: z.string().default('FREQ=DAILY;BYHOUR=10;BYMINUTE=15') }).nullable().default({ enabled: true, recurrence: 'FREQ=DAILY;BYHOUR=10;BYMINUTE=15' }),
});

const aclEntrySchema = z.strictObject({
  entryId: z.string().optional(),
  entryName: z.string().default(''),
  policy: z.enum(['accept', 'drop']).default('accept'),
  protocol: z.enum(['all', 'tcp', 'udp', 'icmp', 'gre']).default('tcp'),
  port: z.string().regex(/^-?\d+\/-?\d+$/, 'must look like "22/22" or "-1/-1"').default('443/443'),
  sourceCidrIp: z.string().default('10.0.0.0/8'),
  entryType: z.enum(['custom', 'system']).default('custom'),
});

const networkAclSchema = z.strictObject({
  networkAclId: id,
  networkAclName: z.string().optional(),
  regionId: optionalRegionId,
  vpcId: id,
  status: z.string().default('Available'),
  /** In the order the ACL applies them. */
  ingress: z.array(aclEntrySchema).default([]),
  boundVSwitches: z.array(z.string()).default([]),
});

const vpnGatewaySchema = z.strictObject({
  vpnGatewayId: id,
  vpcId: id,
  name: z.string().optional(),
});

const regionSchema = z.strictObject({
  localName: z.string().optional(),
  instances: z.array(instanceSchema).default([]),
  securityGroups: z.array(securityGroupSchema).default([]),
  disks: z.array(diskSchema).default([]),
  autoSnapshotPolicies: z.array(autoSnapshotPolicySchema).default([]),
  systemEvents: z.array(systemEventSchema).default([]),
  /** instanceId → Cloud Assistant running; instances not listed run it. */
  cloudAssistant: z.record(z.string(), z.boolean()).default({}),
  diskEncryptionByDefault: z.boolean().default(true),
  vpcs: z.array(vpcSchema).default([]),
  flowLogs: z.array(flowLogSchema).default([]),
  kmsKeys: z.array(kmsKeySchema).default([]),
  networkAcls: z.array(networkAclSchema).default([]),
  rdsInstances: z.array(rdsInstanceSchema).default([]),
  ackClusters: z.array(ackClusterSchema).default([]),
  vpnGateways: z.array(vpnGatewaySchema).default([]),
});

const certificateSchema = z.strictObject({
  certificateId: z.union([z.string().min(1), z.number().int().positive()]).transform(String),
  name: z.string().optional(),
  commonName: z.string().default('www.example.com'),
  startDate: date.default('2025-06-01T00:00:00Z'),
  endDate: date,
  upload: z.boolean().default(false),
});

// A bare name attaches the custom policy of that name if there is one, else the system policy.
const attachedPolicySchema = z.union([
  id,
  z.strictObject({ policyName: id, policyType: z.enum(['System', 'Custom']) }),
]);

const accessKeySchema = z.strictObject({
  accessKeyId: id,
  status: z.enum(['Active', 'Inactive']).default('Active'),
  createDate: date.default(DEFAULT_DATE),
  lastUsedDate: date.nullable().default(null),
});

const userSchema = z.strictObject({
  userName: id,
  userId: z.string().optional(),
  displayName: z.string().optional(),
  comments: z.string().default(''),
  createDate: date.default('2025-06-01T00:00:00Z'),
  lastLoginDate: date.nullable().default(null),
  hasConsoleLogin: z.boolean().default(false),
  mfaEnabled: z.boolean().default(false),
  accessKeys: z.array(accessKeySchema).default([]),
  policies: z.array(attachedPolicySchema).default([]),
  groups: z.array(z.string()).default([]),
});

const groupSchema = z.strictObject({
  groupName: id,
  comments: z.string().default(''),
  createDate: date.default('2025-06-01T00:00:00Z'),
  policies: z.array(attachedPolicySchema).default([]),
});

const statementSchema = z.looseObject({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]),
  Resource: z.union([z.string(), z.array(z.string())]).optional(),
  Condition: z.unknown().optional(),
});

const documentSchema = z.preprocess(
  (v) => (typeof v === 'string' ? parseJsonOr(v) : v),
  z.looseObject({ Version: z.string().optional(), Statement: z.array(statementSchema).min(1) }),
);

const customPolicySchema = z.strictObject({
  policyName: id,
  description: z.string().default(''),
  defaultVersion: z.string().default('v1'),
  createDate: date.default('2025-06-01T00:00:00Z'),
  /** Omit to count the scenario's users and groups it is attached to. */
  attachmentCount: z.number().int().min(0).optional(),
  document: documentSchema,
});

const passwordPolicySchema = z.strictObject({
  minimumPasswordLength: z.number().int().min(8).max(32).default(14),
  requireLowercaseCharacters: z.boolean().default(true),
  requireUppercaseCharacters: z.boolean().default(true),
  requireNumbers: z.boolean().default(true),
  requireSymbols: z.boolean().default(true),
  passwordReusePrevention: z.number().int().min(0).max(24).default(5),
  /** 0 = never expires (Alibaba Cloud's default, and what CIS v2 1.13 accepts, as is 365 or more). */
  maxPasswordAge: z.number().int().min(0).max(1095).default(0),
  hardExpire: z.boolean().default(false),
  maxLoginAttempts: z.number().int().min(0).max(32).default(5),
});

const securityPreferenceSchema = z.strictObject({
  mfaOperationForLogin: z.enum(['mandatory', 'independent', 'adaptive']).default('mandatory'),
  enableSaveMfaTicket: z.boolean().default(false),
  loginNetworkMasks: z.string().default(''),
  allowUserToManageAccessKeys: z.boolean().default(false),
  allowUserToManageMfaDevices: z.boolean().default(true),
  allowUserToChangePassword: z.boolean().default(true),
  loginSessionDuration: z.number().int().min(1).max(24).default(6),
});

const ramSchema = z.strictObject({
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  customPolicies: z.array(customPolicySchema).default([]),
  passwordPolicy: passwordPolicySchema.prefault({}),
  securityPreference: securityPreferenceSchema.prefault({}),
});

const accountSchema = z.strictObject({
  accountId: z.string().regex(/^\d{6,20}$/, 'must be the numeric account id').default('1234567890123456'),
  accountAlias: z.string().nullable().default(null),
  /** Omit for the root account: acs:ram::<accountId>:root. */
  arn: z.string().optional(),
  identityType: z.string().default('Account'),
  principalId: z.string().optional(),
});

const trailSchema = z.strictObject({
  name: id,
  homeRegion: z.string().default('cn-hangzhou'),
  trailRegion: z.string().default('All'),
  status: z.enum(['Enable', 'Disable', 'Fresh']).default('Enable'),
  eventRw: z.enum(['Write', 'Read', 'All']).default('All'),
  slsProjectArn: z.string().nullable().default(null),
  ossBucketName: z.string().nullable().default(null),
  /** GetTrailStatus IsLogging; omit: logging while the trail is enabled. */
  isLogging: z.boolean().optional(),
});

// Omitted: one enabled trail over all regions, recording every event into SLS.
const actionTrailSchema = z.strictObject({
  trails: z
    .array(trailSchema)
    .default([{ name: 'account-trail', homeRegion: 'cn-hangzhou', trailRegion: 'All', status: 'Enable', eventRw: 'All', slsProjectArn: 'acs:log:cn-hangzhou:1234567890123456:project/actiontrail-audit', ossBucketName: null }]),
});

const slsAlertSchema = z.strictObject({
  name: id,
  displayName: z.string().optional(),
  enabled: z.boolean().default(true),
  /** The logstore the alert's one query reads; omitted: the project's first logstore. */
  store: z.string().optional(),
  query: z.string().min(1),
});

const slsProjectSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'is not an SLS project name (3-63 of a-z, 0-9, -)'),
  region: z.string().default('cn-hangzhou'),
  /** ttl in days; 3650 = kept for ever. */
  logstores: z.array(z.strictObject({ name: id, ttl: z.number().int().min(1).max(3650).default(30) })).default([]),
  alerts: z.array(slsAlertSchema).default([]),
});

/** A collection rule for a cloud product's logs (ListCollectionPolicies). */
const slsCollectionPolicySchema = z.strictObject({
  policyName: z.string().regex(/^[a-z][a-z0-9_-]{2,62}$/, 'is not a collection rule name (3-63 of a-z, 0-9, _ and -, starting with a letter)'),
  productCode: z.string().min(1),
  dataCode: z.string().min(1),
  enabled: z.boolean().default(true),
  resourceMode: z.enum(['all', 'attributeMode', 'instanceMode']).default('all'),
  regions: z.array(z.string()).default([]),
  instanceIds: z.array(z.string()).default([]),
});

// Omitted: no SLS project at all (a trail pointing at one finds it missing), and no collection rule.
const logServiceSchema = z.strictObject({
  projects: z.array(slsProjectSchema).default([]),
  collectionPolicies: z.array(slsCollectionPolicySchema).default([]),
});

const vulnerabilitySchema = z.strictObject({
  instanceId: id,
  type: z.enum(['cve', 'sys', 'cms', 'emg', 'app', 'sca']).default('cve'),
  name: z.string().default('oval:com.redhat.rhsa:def:20240001'),
  aliasName: z.string().default('RHSA-2024:0001: openssl security update'),
  /** Security Center's fix priority: asap (high), later (medium), nntf (low). */
  necessity: z.enum(['asap', 'later', 'nntf']).default('asap'),
  /** false = already handled (Dealed=y). */
  unfixed: z.boolean().default(true),
});

// Omitted: a paid edition, every instance's agent online, nothing unfixed, every notification on, every scan on.
/** Every asset fingerprint type GetPropertyScheduleConfig knows (CIS 8.8 reads five of them). */
export const FINGERPRINT_API_TYPES = [
  'scheduler_port_period',
  'scheduler_process_period',
  'scheduler_account_period',
  'scheduler_software_period',
  'scheduler_cron_period',
  'scheduler_sca_period',
  'scheduler_autorun_period',
  'scheduler_lkm_period',
  'scheduler_sca_proxy_period',
] as const;

const securityCenterSchema = z.strictObject({
  /** DescribeVersionConfig Version: 1 Basic, 3 Enterprise, 5 Advanced, 6 Anti-virus, 7 Ultimate. */
  version: z.number().int().default(3),
  trial: z.boolean().default(false),
  /** instanceId → agent status; instances not listed are online; "none" = no agent installed. */
  agents: z.record(z.string(), z.enum(['online', 'offline', 'pause', 'none'])).default({}),
  vulnerabilities: z.array(vulnerabilitySchema).default([]),
  /** Notification project → Route bit mask (0 = off); projects not listed notify by every channel (7). */
  notices: z.record(z.string(), z.number().int().min(0)).default({}),
  /** Vulnerability type → "on"/"off"; types not listed are scanned. */
  vulScan: z.record(z.string(), z.enum(['on', 'off'])).default({}),
  /** Which service-linked roles exist (DescribeServiceLinkedRoleStatus); not listed = created. */
  serviceLinkedRoles: z.record(z.string(), z.boolean()).default({}),
  /** Protection switches (DescribeSuspiciousOverallConfig Type → on/off, auto_breaking = Virus Blocking); not listed = on. */
  protection: z.record(z.string(), z.enum(['on', 'off'])).default({}),
  /** Asset fingerprint type → hours between automatic collections (GetPropertyScheduleConfig); not listed = 24 (daily). */
  fingerprintSchedule: z.partialRecord(z.enum(FINGERPRINT_API_TYPES), z.union([0, 1, 3, 12, 24, 168].map((h) => z.literal(h)))).default({}),
});

// OSS buckets. Omitted fields: a well-kept bucket (private, HTTPS-only policy, KMS, logging, versioning).
const ossBucketSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'is not an OSS bucket name (3-63 of a-z, 0-9, -)'),
  region: z.string().default('cn-hangzhou'),
  creationDate: date.default(DEFAULT_DATE),
  acl: z.enum(['private', 'public-read', 'public-read-write']).default('private'),
  /** Adds the statement that denies every request not over HTTPS (acs:SecureTransport false). */
  httpsOnly: z.boolean().default(true),
  /** Further bucket policy statements, as written in a real policy. */
  policyStatements: z.array(z.record(z.string(), z.unknown())).default([]),
  sse: z.enum(['none', 'AES256', 'SM4', 'KMS']).default('KMS'),
  kmsKeyId: z.string().optional(),
  /** Access logs delivered to this bucket (omit: to itself); null = logging off. */
  logTo: z.string().nullable().optional(),
  versioning: z.enum(['Off', 'Enabled', 'Suspended']).default('Enabled'),
  worm: z.enum(['none', 'InProgress', 'Locked']).default('none'),
  retentionDays: z.number().int().min(1).default(180),
  blockPublicAccess: z.boolean().default(false),
});

const ossSchema = z.strictObject({
  /** Account-wide block public access (GetPublicAccessBlock). */
  blockPublicAccess: z.boolean().default(false),
  buckets: z.array(ossBucketSchema).default([]),
});

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** A Resource Directory member: its own account (a bundled scenario) and the state of the reader role in it. */
const directoryMemberSchema = z.strictObject({
  accountId: z.string().regex(/^\d{6,20}$/, 'must be the numeric account id'),
  displayName: z.string().min(1),
  /** A bundled scenario name or a path; the member serves it under its own account id. */
  scenario: z.string().default('clean'),
  /** present: the role can be assumed; missing: EntityNotExist.Role; denied: the trust policy refuses (NoPermission). */
  role: z.enum(['present', 'missing', 'denied']).default('present'),
});

const resourceDirectorySchema = z.strictObject({
  directoryId: z.string().default('rd-emulator01'),
  members: z.array(directoryMemberSchema).default([]),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().default('custom'),
    description: z.string().default(''),
    /** The day the scenario's dates were written for; loadScenario(…, { now }) moves them to now. */
    asOf: z.iso.datetime().optional(),
    account: accountSchema.prefault({}),
    regions: z.record(z.string(), regionSchema).prefault({ 'cn-hangzhou': {} }),
    ram: ramSchema.prefault({}),
    /** SSL certificates in Certificate Management (account-wide). */
    certificates: z.array(certificateSchema).default([]),
    actiontrail: actionTrailSchema.prefault({}),
    securityCenter: securityCenterSchema.prefault({}),
    /** Log Service projects (SLS names are unique across regions). */
    logService: logServiceSchema.prefault({}),
    oss: ossSchema.prefault({}),
    /** This account as a Resource Directory management account (ResourceManager ListAccounts). */
    resourceDirectory: resourceDirectorySchema.optional(),
  })
  .superRefine(checkReferences);

/** What a scenario file or the `scenario()` builder accepts. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Parsed = z.output<typeof scenarioSchema>;
export type ParsedRegion = Parsed['regions'][string];
type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // the object schema then reports "expected object"
  }
}

// ---------- cross-reference checks: errors carry the path of the offending field ----------

function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

function uniqueIds<T>(ctx: Ctx, items: T[], key: (t: T) => string, path: Path, what: string): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) issue(ctx, [...path, i], `duplicate ${what} ${k}`);
    seen.add(k);
  });
  return seen;
}

function checkRegion(ctx: Ctx, regionId: string, r: ParsedRegion): void {
  const base: Path = ['regions', regionId];
  if (!REGION_ID.test(regionId)) issue(ctx, base, 'is not a region id such as cn-hangzhou');
  const lists = ['instances', 'securityGroups', 'disks', 'autoSnapshotPolicies', 'systemEvents', 'vpcs', 'flowLogs', 'kmsKeys', 'networkAcls', 'rdsInstances', 'ackClusters'] as const;
  for (const list of lists) {
    r[list].forEach((item: { regionId?: string | undefined }, i: number) => {
      if (item.regionId !== undefined && item.regionId !== regionId) {
        issue(ctx, [...base, list, i, 'regionId'], `is ${item.regionId} but the item is listed under region ${regionId}`);
      }
    });
  }
  const instances = uniqueIds(ctx, r.instances, (x) => x.instanceId, [...base, 'instances'], 'instance');
  const groups = uniqueIds(ctx, r.securityGroups, (x) => x.securityGroupId, [...base, 'securityGroups'], 'security group');
  const policies = uniqueIds(ctx, r.autoSnapshotPolicies, (x) => x.autoSnapshotPolicyId, [...base, 'autoSnapshotPolicies'], 'policy');
  const vpcs = uniqueIds(ctx, r.vpcs, (x) => x.vpcId, [...base, 'vpcs'], 'VPC');
  uniqueIds(ctx, r.disks, (x) => x.diskId, [...base, 'disks'], 'disk');
  uniqueIds(ctx, r.systemEvents, (x) => x.eventId, [...base, 'systemEvents'], 'event');
  uniqueIds(ctx, r.flowLogs, (x) => x.flowLogId, [...base, 'flowLogs'], 'flow log');

  const mustExist = (set: Set<string>, value: string | null, path: Path, what: string) => {
    if (value !== null && !set.has(value)) issue(ctx, path, `unknown ${what} ${value} (not in region ${regionId})`);
  };
  r.instances.forEach((x, i) => {
    x.securityGroupIds.forEach((sg, j) =>
      mustExist(groups, sg, [...base, 'instances', i, 'securityGroupIds', j], 'security group'),
    );
    mustExist(vpcs, x.vpcId, [...base, 'instances', i, 'vpcId'], 'VPC');
  });
  r.securityGroups.forEach((x, i) => mustExist(vpcs, x.vpcId, [...base, 'securityGroups', i, 'vpcId'], 'VPC'));
  r.disks.forEach((x, i) => {
    mustExist(instances, x.instanceId, [...base, 'disks', i, 'instanceId'], 'instance');
    mustExist(policies, x.autoSnapshotPolicyId, [...base, 'disks', i, 'autoSnapshotPolicyId'], 'auto snapshot policy');
  });
  r.systemEvents.forEach((x, i) => mustExist(instances, x.instanceId, [...base, 'systemEvents', i, 'instanceId'], 'instance'));
  for (const key of Object.keys(r.cloudAssistant)) mustExist(instances, key, [...base, 'cloudAssistant', key], 'instance');
  r.flowLogs.forEach((x, i) => {
    if (x.resourceType === 'VPC') mustExist(vpcs, x.resourceId, [...base, 'flowLogs', i, 'resourceId'], 'VPC');
  });
  uniqueIds(ctx, r.kmsKeys, (x) => x.keyId, [...base, 'kmsKeys'], 'KMS key');
  uniqueIds(ctx, r.rdsInstances, (x) => x.dbInstanceId, [...base, 'rdsInstances'], 'RDS instance');
  uniqueIds(ctx, r.ackClusters, (x) => x.clusterId, [...base, 'ackClusters'], 'ACK cluster');
  uniqueIds(ctx, r.networkAcls, (x) => x.networkAclId, [...base, 'networkAcls'], 'network ACL');
  uniqueIds(ctx, r.vpnGateways, (x) => x.vpnGatewayId, [...base, 'vpnGateways'], 'VPN gateway');
  r.networkAcls.forEach((x, i) => mustExist(vpcs, x.vpcId, [...base, 'networkAcls', i, 'vpcId'], 'VPC'));
  r.vpnGateways.forEach((x, i) => mustExist(vpcs, x.vpcId, [...base, 'vpnGateways', i, 'vpcId'], 'VPC'));
  r.kmsKeys.forEach((x, i) => {
    if (x.keyState === 'PendingDeletion' && x.deleteDate === null) issue(ctx, [...base, 'kmsKeys', i, 'deleteDate'], 'is required for a key in PendingDeletion');
  });
}

function checkRam(ctx: Ctx, ram: Parsed['ram']): void {
  uniqueIds(ctx, ram.users, (u) => u.userName, ['ram', 'users'], 'user');
  const groups = uniqueIds(ctx, ram.groups, (g) => g.groupName, ['ram', 'groups'], 'group');
  const custom = uniqueIds(ctx, ram.customPolicies, (p) => p.policyName, ['ram', 'customPolicies'], 'policy');
  const keys = new Set<string>();
  const checkPolicies = (list: Parsed['ram']['users'][number]['policies'], path: Path) =>
    list.forEach((p, i) => {
      const { policyName, policyType } = typeof p === 'string' ? { policyName: p, policyType: undefined } : p;
      const isCustom = custom.has(policyName);
      const isSystem = SYSTEM_POLICY_NAMES.has(policyName);
      if (policyType === 'Custom' ? !isCustom : policyType === 'System' ? !isSystem : !isCustom && !isSystem) {
        const kind = policyType ? `${policyType} ` : '';
        const known = `custom: ${[...custom].join(', ') || 'none'}; system: ${[...SYSTEM_POLICY_NAMES].join(', ')}`;
        issue(ctx, [...path, i], `unknown ${kind}policy ${policyName} (${known})`);
      }
    });
  ram.users.forEach((u, i) => {
    u.groups.forEach((g, j) => {
      if (!groups.has(g)) issue(ctx, ['ram', 'users', i, 'groups', j], `unknown group ${g}`);
    });
    checkPolicies(u.policies, ['ram', 'users', i, 'policies']);
    u.accessKeys.forEach((k, j) => {
      if (keys.has(k.accessKeyId)) issue(ctx, ['ram', 'users', i, 'accessKeys', j, 'accessKeyId'], `duplicate access key ${k.accessKeyId}`);
      keys.add(k.accessKeyId);
    });
  });
  ram.groups.forEach((g, i) => checkPolicies(g.policies, ['ram', 'groups', i, 'policies']));
}

function checkSecurityCenter(ctx: Ctx, s: Parsed): void {
  const instances = new Set(Object.values(s.regions).flatMap((r) => r.instances.map((x) => x.instanceId)));
  for (const key of Object.keys(s.securityCenter.agents)) {
    if (!instances.has(key)) issue(ctx, ['securityCenter', 'agents', key], `unknown instance ${key}`);
  }
  s.securityCenter.vulnerabilities.forEach((v, i) => {
    if (!instances.has(v.instanceId)) issue(ctx, ['securityCenter', 'vulnerabilities', i, 'instanceId'], `unknown instance ${v.instanceId}`);
  });
  uniqueIds(ctx, s.actiontrail.trails, (t) => `${t.homeRegion}/${t.name}`, ['actiontrail', 'trails'], 'trail');
  uniqueIds(ctx, s.logService.projects, (p) => p.name, ['logService', 'projects'], 'SLS project');
  uniqueIds(ctx, s.logService.collectionPolicies, (p) => p.policyName, ['logService', 'collectionPolicies'], 'collection rule');
}

function checkReferences(s: Parsed, ctx: Ctx): void {
  for (const [regionId, region] of Object.entries(s.regions)) checkRegion(ctx, regionId, region);
  checkRam(ctx, s.ram);
  uniqueIds(ctx, s.certificates, (c) => c.certificateId, ['certificates'], 'certificate');
  checkSecurityCenter(ctx, s);
  uniqueIds(ctx, s.oss.buckets, (b) => b.name, ['oss', 'buckets'], 'OSS bucket');
}
