// Snapshot builders with defaults that describe a clean account: every check passes on
// buildSnapshot(). Tests override only what they are about.

import type {
  OssBucket,
  OssSnapshot,
  RdsInstance,
  AckCluster,
  AccessKey,
  ActionTrailSnapshot,
  SecurityCenterSnapshot,
  Trail,
  AutoSnapshotPolicy,
  Certificate,
  Disk,
  FlowLog,
  Gap,
  Instance,
  KmsKey,
  KmsKeyMeta,
  NetworkAcl,
  NetworkAclEntry,
  PasswordPolicy,
  RamGroup,
  RamPolicy,
  RamSnapshot,
  RamUser,
  RegionSnapshot,
  SecurityGroup,
  SecurityGroupRule,
  SecurityPreference,
  Snapshot,
  SystemEvent,
  Vpc,
  LogServiceSnapshot,
  SlsAlert,
  SlsCollectionPolicy,
  SlsTrailProject,
} from '../../src/cloud/snapshot.js';
import { loadAlertRules } from '../../src/checks/sls/alert-rules.js';

/** The clock every test uses. */
export const NOW = new Date('2025-06-15T00:00:00Z');
export const REGION = 'cn-hangzhou';
export const ACCOUNT_ID = '1234567890123456';

export function daysAgo(n: number, from: Date = NOW): string {
  return new Date(from.getTime() - n * 86_400_000).toISOString();
}

export function buildRule(o: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return {
    ruleId: 'sgr-1',
    direction: 'ingress',
    ipProtocol: 'TCP',
    portRange: '443/443',
    sourceCidrIp: '10.0.0.0/8',
    ipv6SourceCidrIp: '',
    destCidrIp: '',
    ipv6DestCidrIp: '',
    sourceGroupId: '',
    destGroupId: '',
    policy: 'Accept',
    priority: 1,
    description: '',
    ...o,
  };
}

/** A rule from the whole IPv4 internet; pass overrides for port, protocol, policy ... */
export function buildWorldRule(o: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return buildRule({ sourceCidrIp: '0.0.0.0/0', ...o });
}

export function buildSecurityGroup(o: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    securityGroupId: 'sg-1',
    securityGroupName: 'web',
    regionId: REGION,
    vpcId: 'vpc-1',
    securityGroupType: 'normal',
    serviceManaged: false,
    ecsCount: 1,
    description: '',
    tags: {},
    rules: [buildRule()],
    ...o,
  };
}

export function buildInstance(o: Partial<Instance> = {}): Instance {
  return {
    instanceId: 'i-1',
    instanceName: 'web-1',
    regionId: REGION,
    zoneId: `${REGION}-h`,
    status: 'Running',
    osType: 'linux',
    osName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    networkType: 'vpc',
    publicIps: [],
    eipAddress: null,
    privateIps: ['172.16.0.10'],
    vpcId: 'vpc-1',
    vSwitchId: 'vsw-1',
    securityGroupIds: ['sg-1'],
    keyPairName: 'ops-key',
    metadataHttpTokens: 'required',
    metadataHttpEndpoint: 'enabled',
    deletionProtection: true,
    ramRoleName: null,
    creationTime: daysAgo(200),
    tags: {},
    ...o,
  };
}

export function buildDisk(o: Partial<Disk> = {}): Disk {
  return {
    diskId: 'd-1',
    diskName: 'web-1-system',
    regionId: REGION,
    zoneId: `${REGION}-h`,
    type: 'system',
    category: 'cloud_essd',
    sizeGb: 40,
    encrypted: true,
    kmsKeyId: 'key-1',
    status: 'In_use',
    instanceId: 'i-1',
    enableAutoSnapshot: true,
    autoSnapshotPolicyId: 'sp-1',
    creationTime: daysAgo(200),
    tags: {},
    ...o,
  };
}

export function buildAutoSnapshotPolicy(o: Partial<AutoSnapshotPolicy> = {}): AutoSnapshotPolicy {
  return {
    autoSnapshotPolicyId: 'sp-1',
    autoSnapshotPolicyName: 'daily',
    regionId: REGION,
    retentionDays: 30,
    timePoints: ['2'],
    repeatWeekdays: ['1', '2', '3', '4', '5', '6', '7'],
    diskNums: 1,
    ...o,
  };
}

export function buildSystemEvent(o: Partial<SystemEvent> = {}): SystemEvent {
  return {
    eventId: 'e-1',
    instanceId: 'i-1',
    regionId: REGION,
    eventType: 'SystemMaintenance.Reboot',
    eventCycleStatus: 'Scheduled',
    notBefore: '2025-06-20T02:00:00Z',
    publishTime: daysAgo(1),
    reason: 'host maintenance',
    ...o,
  };
}

export function buildVpc(o: Partial<Vpc> = {}): Vpc {
  return { vpcId: 'vpc-1', vpcName: 'main', regionId: REGION, cidrBlock: '172.16.0.0/12', isDefault: false, ...o };
}

export function buildFlowLog(o: Partial<FlowLog> = {}): FlowLog {
  return {
    flowLogId: 'fl-1',
    flowLogName: 'main-vpc',
    regionId: REGION,
    resourceType: 'VPC',
    resourceId: 'vpc-1',
    status: 'Active',
    ...o,
  };
}

export function buildKmsKeyMeta(o: Partial<KmsKeyMeta> = {}): KmsKeyMeta {
  return {
    keyState: 'Enabled',
    keySpec: 'Aliyun_AES_256',
    origin: 'Aliyun_KMS',
    creator: ACCOUNT_ID,
    automaticRotation: 'Enabled',
    rotationInterval: '31536000s',
    deleteDate: null,
    description: '',
    ...o,
  };
}

/** A customer key that rotates; `meta` overrides merge into its metadata (`meta: null` = DescribeKey failed). */
export function buildKmsKey(o: Partial<Omit<KmsKey, 'meta'>> & { meta?: Partial<KmsKeyMeta> | null } = {}): KmsKey {
  const { meta, ...rest } = o;
  return { keyId: 'key-1', regionId: REGION, ...rest, meta: meta === null ? null : buildKmsKeyMeta(meta) };
}

export function buildAclEntry(o: Partial<NetworkAclEntry> = {}): NetworkAclEntry {
  return { entryId: 'nae-1', entryName: '', policy: 'accept', protocol: 'tcp', port: '443/443', sourceCidrIp: '0.0.0.0/0', entryType: 'custom', ...o };
}

/** A bound ACL that admits only HTTPS from the world. */
export function buildNetworkAcl(o: Partial<NetworkAcl> = {}): NetworkAcl {
  return {
    networkAclId: 'nacl-1',
    networkAclName: 'web',
    regionId: REGION,
    vpcId: 'vpc-1',
    status: 'Available',
    ingress: [buildAclEntry(), buildAclEntry({ entryId: 'nae-sys', policy: 'drop', protocol: 'all', port: '-1/-1', entryType: 'system' })],
    boundVSwitches: ['vsw-1'],
    ...o,
  };
}

/** A clean MySQL instance: VPC-only whitelist, SSL, TDE with its own key, SQL audit kept a year. */
export function buildRdsInstance(o: Partial<RdsInstance> = {}): RdsInstance {
  return {
    dbInstanceId: 'rm-1',
    description: 'orders',
    regionId: REGION,
    engine: 'MySQL',
    engineVersion: '8.0',
    status: 'Running',
    netType: 'Intranet',
    whitelist: ['10.0.0.0/8'],
    sslEnabled: true,
    tdeEnabled: true,
    sqlAuditEnabled: true,
    sqlAuditRetentionDays: 365,
    encryptionKey: { keyId: 'key-1', creator: ACCOUNT_ID, origin: 'Aliyun_KMS' },
    // A PostgreSQL instance gets its logging parameters all on unless the test says otherwise.
    ...(o.engine === 'PostgreSQL' ? { pgLogParameters: { log_connections: 'on', log_disconnections: 'on', log_duration: 'on' } } : {}),
    ...o,
  };
}

/** A clean ACK Pro cluster: private API server, Terway ENI multi-IP, logtail-ds, CloudMonitor, KMS-encrypted Secrets, daily inspection. */
export function buildAckCluster(o: Partial<AckCluster> = {}): AckCluster {
  return {
    clusterId: 'c-1',
    name: 'shop',
    regionId: REGION,
    clusterType: 'ManagedKubernetes',
    clusterSpec: 'ack.pro.small',
    version: '1.31.1-aliyun.1',
    state: 'running',
    detail: { publicApiServer: '', intranetApiServer: 'https://192.168.0.10:6443', secretsEncryptionKey: 'key-1' },
    addons: ['terway-eniip', 'logtail-ds', 'coredns'],
    nodePools: [{ nodePoolId: 'np-1', name: 'default-nodepool', cmsEnabled: true }],
    inspection: { enabled: true, recurrence: 'FREQ=DAILY;BYHOUR=10;BYMINUTE=15' },
    ...o,
  };
}

export function buildCertificate(o: Partial<Certificate> = {}): Certificate {
  return {
    certificateId: '1001',
    name: 'www',
    commonName: 'www.example.com',
    endDate: new Date(NOW.getTime() + 200 * 86_400_000).toISOString(),
    status: 'ISSUED',
    upload: false,
    ...o,
  };
}

export function buildRegion(o: Partial<RegionSnapshot> = {}): RegionSnapshot {
  const regionId = o.regionId ?? REGION;
  return {
    regionId,
    instances: [buildInstance({ regionId })],
    securityGroups: [buildSecurityGroup({ regionId })],
    disks: [buildDisk({ regionId })],
    autoSnapshotPolicies: [buildAutoSnapshotPolicy({ regionId })],
    systemEvents: [],
    cloudAssistant: { 'i-1': true },
    diskEncryptionByDefault: true,
    vpcs: [buildVpc({ regionId })],
    flowLogs: [buildFlowLog({ regionId })],
    kmsKeys: [buildKmsKey({ regionId })],
    networkAcls: [buildNetworkAcl({ regionId })],
    rdsInstances: [buildRdsInstance({ regionId })],
    ackClusters: [buildAckCluster({ regionId })],
    ...o,
  };
}

export function buildAccessKey(o: Partial<AccessKey> = {}): AccessKey {
  return { accessKeyId: 'LTAI-key-1', status: 'Active', createDate: daysAgo(30), lastUsedDate: daysAgo(1), ...o };
}

export function buildUser(o: Partial<RamUser> = {}): RamUser {
  return {
    userName: 'alice',
    userId: '200000000000001',
    displayName: 'Alice',
    createDate: daysAgo(400),
    lastLoginDate: daysAgo(2),
    hasConsoleLogin: true,
    mfaEnabled: true,
    accessKeys: [buildAccessKey()],
    policies: [],
    groups: ['devs'],
    ...o,
  };
}

export function buildGroup(o: Partial<RamGroup> = {}): RamGroup {
  return { groupName: 'devs', comments: '', policies: [{ policyName: 'ReadOnlyAccess', policyType: 'System' }], ...o };
}

export function buildPolicy(o: Partial<RamPolicy> = {}): RamPolicy {
  return {
    policyName: 'ecs-read',
    policyType: 'Custom',
    defaultVersion: 'v1',
    attachmentCount: 1,
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:Describe*'], Resource: '*' }] },
    ...o,
  };
}

/** A CIS v2 policy: 14 characters of four kinds, 5 remembered, lock after 5, no forced expiry (1.13). */
export function buildPasswordPolicy(o: Partial<PasswordPolicy> = {}): PasswordPolicy {
  return {
    minimumPasswordLength: 14,
    requireLowercaseCharacters: true,
    requireUppercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    passwordReusePrevention: 5,
    maxPasswordAge: 0,
    hardExpire: false,
    maxLoginAttempts: 5,
    ...o,
  };
}

export function buildSecurityPreference(o: Partial<SecurityPreference> = {}): SecurityPreference {
  return {
    mfaOperationForLogin: 'mandatory',
    enableSaveMfaTicket: false,
    loginNetworkMasks: '',
    allowUserToManageAccessKeys: false,
    allowUserToManageMfaDevices: true,
    allowUserToChangePassword: true,
    loginSessionDuration: 6,
    ...o,
  };
}

export function buildRam(o: Partial<RamSnapshot> = {}): RamSnapshot {
  return {
    users: [buildUser()],
    groups: [buildGroup()],
    customPolicies: [buildPolicy()],
    passwordPolicy: buildPasswordPolicy(),
    securityPreference: buildSecurityPreference(),
    ...o,
  };
}

export function buildTrail(o: Partial<Trail> = {}): Trail {
  return {
    name: 'account-trail',
    homeRegion: REGION,
    trailRegion: 'All',
    status: 'Enable',
    eventRw: 'All',
    slsProjectArn: `acs:log:${REGION}:${ACCOUNT_ID}:project/actiontrail-audit`,
    ossBucketName: null,
    isLogging: true,
    ...o,
  };
}

export function buildActionTrail(o: Partial<ActionTrailSnapshot> = {}): ActionTrailSnapshot {
  return { trails: [buildTrail()], ...o };
}

/** A paid edition, the default instance (i-1) online with nothing unfixed, every notification and scan on. */
export function buildSecurityCenter(o: Partial<SecurityCenterSnapshot> = {}): SecurityCenterSnapshot {
  return {
    agents: { 'i-1': 'online' },
    vulns: {},
    edition: { version: 3, trial: false },
    notices: { sas_vulnerability: 7, yundun_sas_vul_Emergency: 7, sas_healthcheck: 7, sas_suspicious: 7, yundun_sas_ak_leakage: 7 },
    vulScan: { yum: 'on', cve: 'on', sys: 'on', cms: 'on', emg: 'on' },
    cspmAuthorised: true,
    virusBlocking: true,
    fingerprintSchedule: { scheduler_port_period: 24, scheduler_process_period: 24, scheduler_software_period: 24, scheduler_cron_period: 24, scheduler_sca_period: 24 },
    ...o,
  };
}

/** A well-kept bucket: private, HTTPS only, own KMS key, logged, versioned, Block Public Access on. */
export function buildBucket(o: Partial<OssBucket> = {}): OssBucket {
  return {
    name: 'records-bucket',
    region: REGION,
    creationDate: '2025-01-01T00:00:00.000Z',
    acl: 'private',
    policy: [{ Effect: 'Deny', Action: ['oss:*'], Principal: ['*'], Resource: ['acs:oss:*:*:records-bucket/*'], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } }],
    encryption: { algorithm: 'KMS', kmsKeyId: 'key-1' },
    logging: { enabled: true, targetBucket: 'records-bucket' },
    versioning: 'Enabled',
    worm: { state: 'Locked', retentionDays: 180 },
    blockPublicAccess: true,
    ...o,
  };
}

export function buildOss(o: Partial<OssSnapshot> = {}): OssSnapshot {
  return { buckets: [buildBucket()], blockPublicAccess: true, ...o };
}

export function buildGap(o: Partial<Gap> = {}): Gap {
  return {
    service: 'ecs',
    region: REGION,
    action: 'DescribeSecurityGroupAttribute',
    code: 'Forbidden.RAM',
    message: 'User not authorized to operate on the specified resource.',
    ...o,
  };
}

export interface SnapshotOverrides extends Partial<Snapshot> {
  /** Merged into the default region (cn-hangzhou). */
  region?: Partial<RegionSnapshot>;
  /** Merged into the default RAM data; pass `ram: null` to say RAM was not collected. */
  ramData?: Partial<RamSnapshot>;
  /** Merged into the default Security Center data; pass `securityCenter: null` for "not collected". */
  sasData?: Partial<SecurityCenterSnapshot>;
}

export function buildSnapshot(o: SnapshotOverrides = {}): Snapshot {
  const { region, ramData, sasData, ...rest } = o;
  const regionData = rest.regionData ?? { [REGION]: buildRegion(region) };
  return {
    schemaVersion: 1,
    accountName: 'prod',
    identity: { accountId: ACCOUNT_ID, arn: `acs:ram::${ACCOUNT_ID}:user/scanner`, identityType: 'RAMUser', principalId: '2000' },
    collectedAt: NOW.toISOString(),
    source: { kind: 'live' },
    regions: Object.keys(regionData),
    regionData,
    ram: buildRam(ramData),
    certificates: [buildCertificate()],
    products: {},
    actiontrail: buildActionTrail(),
    securityCenter: buildSecurityCenter(sasData),
    logService: buildLogService(),
    oss: buildOss(),
    gaps: [],
    stats: { apiCalls: 42, retries: 0, durationMs: 1234 },
    ...rest,
  };
}

// ---------------------------------------------------------------- Log Service

/** An enabled alert on the trail logstore whose query names every word the benchmark rule `ruleId` asks for. */
export function buildSlsAlert(ruleId: string, o: Partial<SlsAlert> = {}, store = 'actiontrail_account-trail'): SlsAlert {
  const rule = loadAlertRules().find((r) => r.id === ruleId)!;
  const words = [...(rule.events ?? []), ...(rule.terms ?? []).map((g) => g[0]!)];
  return { name: `cis-${ruleId}`, displayName: `CIS ${rule.cis}`, enabled: true, queries: [{ store, query: words.map((w) => `event.eventName: ${w}`).join(' or ') }], ...o };
}

/** The default trail's project: logs kept a year, every benchmark alert enabled. */
export function buildSlsTrailProject(o: Partial<SlsTrailProject> = {}): SlsTrailProject {
  return {
    trailName: 'account-trail',
    project: 'actiontrail-audit',
    region: REGION,
    logstore: 'actiontrail_account-trail',
    logstoreFound: true,
    ttlDays: 365,
    alerts: loadAlertRules().map((r) => buildSlsAlert(r.id)),
    ...o,
  };
}

/** An enabled collection rule for every resource of one cloud product. */
export function buildCollectionPolicy(productCode: string, o: Partial<SlsCollectionPolicy> = {}): SlsCollectionPolicy {
  return { policyName: `collect-${productCode}`, productCode, dataCode: 'access_log', enabled: true, resourceMode: 'all', regions: [], instanceIds: [], ...o };
}

/** The products whose logs the CIS collection rules (2.3, 2.6-2.9) ask for, one service code each. */
export const COLLECTED_PRODUCTS = ['actiontrail', 'rds', 'oss', 'slb', 'ddoscoo', 'waf', 'cloudfirewall', 'sas'];

export function buildLogService(o: Partial<LogServiceSnapshot> = {}): LogServiceSnapshot {
  return { trailProjects: [buildSlsTrailProject()], collectionPolicies: COLLECTED_PRODUCTS.map((c) => buildCollectionPolicy(c)), ...o };
}
