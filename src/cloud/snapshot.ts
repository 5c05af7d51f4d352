// The plain, typed picture of one account that collectors produce and posture checks read.
// No SDK objects live here. `null` always means "unknown" (the call that would tell us failed,
// and a matching entry sits in `gaps`); an empty array means "read, and there are none".

export type Service = 'ecs' | 'ram' | 'ims' | 'sts' | 'vpc' | 'kms' | 'cas' | 'actiontrail' | 'sas' | 'resourcemanager' | 'rds' | 'cs' | 'sls' | 'oss';

/** One piece of the account that could not be read. Nothing downstream may read a gap as "no resources". */
export interface Gap {
  service: Service;
  /** Region the call was for; absent for global services (RAM, IMS, STS). */
  region?: string;
  /** API action that failed, e.g. DescribeSecurityGroupAttribute. */
  action: string;
  /** Resource the call was about, when it was a per-resource call (sg id, user name ...). */
  resource?: string;
  /** Error code from the API (Forbidden.RAM, Throttling.User, ...) or a local one (Timeout, Unreachable, Malformed). */
  code: string;
  message: string;
  /** For AccessDenied: the RAM action the caller is missing, e.g. ecs:DescribeDisks. */
  missingAction?: string;
}

export interface Tagged {
  /** Keys and values exactly as the API returns them (case kept). */
  tags: Record<string, string>;
  /** ResourceGroupId from the same Describe call; absent when the API gives none (compact). */
  resourceGroupId?: string;
}

export interface Instance extends Tagged {
  instanceId: string;
  instanceName: string;
  regionId: string;
  zoneId: string;
  status: string; // Running | Stopped | Starting | Stopping | Pending
  osType: string; // linux | windows (lower-cased)
  osName: string; // e.g. "CentOS  7.9 64位", "Ubuntu  18.04 64位"
  imageId: string;
  networkType: string; // vpc | classic
  publicIps: string[];
  eipAddress: string | null;
  privateIps: string[];
  vpcId: string | null;
  vSwitchId: string | null;
  securityGroupIds: string[];
  keyPairName: string | null;
  /** MetadataOptions.HttpTokens: "required" means IMDSv2-only. null = not reported. */
  metadataHttpTokens: string | null;
  metadataHttpEndpoint: string | null;
  deletionProtection: boolean;
  ramRoleName: string | null;
  creationTime: string;
}

export interface SecurityGroupRule {
  ruleId: string;
  direction: string; // ingress | egress (as returned)
  /** Raw IpProtocol: TCP/UDP/ICMP/ICMPv6/GRE/ALL in any case. */
  ipProtocol: string;
  /** Raw PortRange: "22/22", "1/65535", "-1/-1". */
  portRange: string;
  sourceCidrIp: string;
  ipv6SourceCidrIp: string;
  destCidrIp: string;
  ipv6DestCidrIp: string;
  sourceGroupId: string;
  destGroupId: string;
  /** Raw Policy: Accept/Drop in any case. */
  policy: string;
  /** 1..100, lower number wins; Drop wins ties. */
  priority: number;
  description: string;
}

export interface SecurityGroup extends Tagged {
  securityGroupId: string;
  securityGroupName: string;
  regionId: string;
  vpcId: string | null;
  securityGroupType: string; // normal | enterprise
  serviceManaged: boolean;
  /** Number of ENIs/instances in the group; null when not reported. */
  ecsCount: number | null;
  description: string;
  /** null = DescribeSecurityGroupAttribute failed for this group (see gaps). */
  rules: SecurityGroupRule[] | null;
}

export interface Disk extends Tagged {
  diskId: string;
  diskName: string;
  regionId: string;
  zoneId: string;
  type: string; // system | data
  category: string; // cloud_essd, cloud_efficiency, ...
  sizeGb: number;
  encrypted: boolean;
  kmsKeyId: string | null;
  status: string; // In_use | Available | ...
  instanceId: string | null;
  enableAutoSnapshot: boolean;
  autoSnapshotPolicyId: string | null;
  creationTime: string;
}

export interface AutoSnapshotPolicy {
  autoSnapshotPolicyId: string;
  autoSnapshotPolicyName: string;
  regionId: string;
  /** -1 = keep forever. */
  retentionDays: number;
  timePoints: string[];
  repeatWeekdays: string[];
  diskNums: number;
}

/** A pending platform-side event on an instance (maintenance, host failure ...). */
export interface SystemEvent {
  eventId: string;
  instanceId: string;
  regionId: string;
  eventType: string; // SystemMaintenance.Reboot, SystemFailure.Reboot, ...
  eventCycleStatus: string; // Scheduled | Executing | Inquiring
  notBefore: string;
  publishTime: string;
  reason: string;
}

export interface Vpc {
  vpcId: string;
  vpcName: string;
  regionId: string;
  cidrBlock: string;
  isDefault: boolean;
}

export interface FlowLog {
  flowLogId: string;
  flowLogName: string;
  regionId: string;
  resourceType: string; // VPC | VSwitch | NetworkInterface
  resourceId: string;
  status: string; // Active | Inactive
}

/** What DescribeKey says about a key: only the fields the KMS checks read. */
export interface KmsKeyMeta {
  keyState: string; // Enabled | Disabled | PendingDeletion | PendingImport
  keySpec: string; // Aliyun_AES_256, Aliyun_SM4, RSA_2048, EC_P256 ...
  origin: string; // Aliyun_KMS | EXTERNAL
  /** Account uid for keys someone created; a cloud service's name for its service keys. */
  creator: string;
  automaticRotation: string; // Enabled | Disabled | Suspended
  rotationInterval: string; // "31536000s"; '' when rotation is off
  deleteDate: string | null;
  description: string;
}

export interface KmsKey {
  keyId: string;
  regionId: string;
  /** null = DescribeKey failed for this key (see gaps). */
  meta: KmsKeyMeta | null;
}

/** One Container Service for Kubernetes (ACK) cluster with what the ACK checks read. */
export interface AckCluster {
  clusterId: string;
  name: string;
  regionId: string;
  /** ManagedKubernetes: Alibaba Cloud runs the control plane; Kubernetes: dedicated, your own masters. */
  clusterType: string;
  /** ack.pro.small | ack.standard | ... (Secrets encryption needs Pro). */
  clusterSpec: string;
  version: string;
  state: string;
  /** DescribeClusterDetail; null = unknown (see gaps). */
  detail: AckClusterDetail | null;
  /** Names of the installed add-ons (ListClusterAddonInstances); null = unknown. */
  addons: string[] | null;
  /** DescribeClusterNodePools; null = unknown. */
  nodePools: AckNodePool[] | null;
  /** Scheduled cluster inspection (GetClusterInspectConfig); null = unknown. */
  inspection: AckInspection | null;
}

export interface AckClusterDetail {
  /** master_url.api_server_endpoint: the API server's internet address; '' when it has none; null = master_url not readable. */
  publicApiServer: string | null;
  /** master_url.intranet_api_server_endpoint. */
  intranetApiServer: string;
  /** meta_data.EncryptionProviderKey: the KMS key that encrypts Secrets; '' when off; null = meta_data not readable. */
  secretsEncryptionKey: string | null;
}

export interface AckNodePool {
  nodePoolId: string;
  name: string;
  /** kubernetes_config.cms_enabled: the CloudMonitor agent on the pool's nodes; null = not reported. */
  cmsEnabled: boolean | null;
}

export interface AckInspection {
  /** false also when the cluster has no inspection configured at all. */
  enabled: boolean;
  /** RFC 5545 rule, e.g. FREQ=DAILY;BYHOUR=10;BYMINUTE=15; '' when none. */
  recurrence: string;
}

/** One ApsaraDB RDS instance with the security settings the RDS checks read. */
export interface RdsInstance {
  dbInstanceId: string;
  description: string;
  regionId: string;
  engine: string; // MySQL | PostgreSQL | SQLServer | MariaDB
  engineVersion: string;
  status: string; // Running | Creating | ...
  /** Internet | Intranet: whether a public connection string exists. */
  netType: string;
  /** Every address of every whitelist group (DescribeDBInstanceIPArrayList); null = unknown (see gaps). */
  whitelist: string[] | null;
  /** DescribeDBInstanceSSL; null = unknown or not reported. */
  sslEnabled: boolean | null;
  /** DescribeDBInstanceTDE; null = unknown or not reported. */
  tdeEnabled: boolean | null;
  /** DescribeSQLCollectorPolicy (SQL Explorer / SQL audit); null = unknown. */
  sqlAuditEnabled: boolean | null;
  /** DescribeSQLCollectorRetention ConfigValue in days; null = unknown; absent = stored before it was read. */
  sqlAuditRetentionDays?: number | null;
  /** DescribeDBInstanceEncryptionKey: the key RDS encrypts with ('' = none named); null = unknown. */
  encryptionKey?: RdsEncryptionKey | null;
  /** PostgreSQL only (DescribeParameters RunningParameters): the logging parameters CIS 6.7-6.9 name; null = unknown. */
  pgLogParameters?: Record<string, string> | null;
}

/** The PostgreSQL parameters CIS v2 6.7-6.9 name; only these are kept from DescribeParameters. */
export const PG_LOG_PARAMETERS = ['log_connections', 'log_disconnections', 'log_duration'] as const;

export interface RdsEncryptionKey {
  keyId: string;
  /** The account that created the key (a service key is created by the service, not by you). */
  creator: string;
  /** Aliyun_KMS | EXTERNAL (imported key material). */
  origin: string;
}

export interface NetworkAclEntry {
  entryId: string;
  entryName: string;
  /** accept | drop (as returned). */
  policy: string;
  /** all | tcp | udp | icmp | gre (as returned). */
  protocol: string;
  /** "-1/-1" (all) or "22/22". */
  port: string;
  /** Ingress: the source; egress entries are not collected. */
  sourceCidrIp: string;
  /** custom | system */
  entryType: string;
}

export interface NetworkAcl {
  networkAclId: string;
  networkAclName: string;
  regionId: string;
  vpcId: string;
  status: string;
  /** Ingress entries in the order the ACL applies them (the first match decides). */
  ingress: NetworkAclEntry[];
  /** vSwitches the ACL is bound to. */
  boundVSwitches: string[];
}

export interface RegionSnapshot {
  regionId: string;
  // Each field below is null when the call that fills it failed (see gaps): an unread list
  // must never look like an empty one. (Collector: made nullable so partial scans stay honest.)
  instances: Instance[] | null;
  securityGroups: SecurityGroup[] | null;
  disks: Disk[] | null;
  autoSnapshotPolicies: AutoSnapshotPolicy[] | null;
  systemEvents: SystemEvent[] | null;
  /** instanceId → Cloud Assistant agent running. Missing key = not reported; null = call failed. */
  cloudAssistant: Record<string, boolean> | null;
  /** DescribeDiskEncryptionByDefaultStatus; null = unknown. */
  diskEncryptionByDefault: boolean | null;
  vpcs: Vpc[] | null;
  flowLogs: FlowLog[] | null;
  // Added later: absent in snapshots stored before they existed, which reads as unknown.
  kmsKeys?: KmsKey[] | null;
  networkAcls?: NetworkAcl[] | null;
  rdsInstances?: RdsInstance[] | null;
  ackClusters?: AckCluster[] | null;
}

export interface AttachedPolicy {
  policyName: string;
  policyType: string; // System | Custom
}

export interface AccessKey {
  /** The AccessKey id (never a secret: secrets are never read). */
  accessKeyId: string;
  status: string; // Active | Inactive
  createDate: string;
  /** From GetAccessKeyLastUsed; null = never used or unknown (see gaps). */
  lastUsedDate: string | null;
}

export interface RamUser {
  userName: string;
  userId: string;
  displayName: string;
  createDate: string;
  lastLoginDate: string | null;
  /** Console login profile exists. null = unknown. */
  hasConsoleLogin: boolean | null;
  /** MFA device bound. null = unknown. */
  mfaEnabled: boolean | null;
  accessKeys: AccessKey[] | null;
  /** Policies attached directly to the user. null = unknown. */
  policies: AttachedPolicy[] | null;
  groups: string[] | null;
}

export interface RamGroup {
  groupName: string;
  comments: string;
  policies: AttachedPolicy[] | null;
}

export interface RamPolicy {
  policyName: string;
  policyType: string; // Custom (System policies are not listed, they are known by name)
  defaultVersion: string;
  attachmentCount: number;
  /** Parsed PolicyDocument; null = could not be read. */
  document: PolicyDocument | null;
}

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement[];
}

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireLowercaseCharacters: boolean;
  requireUppercaseCharacters: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  passwordReusePrevention: number;
  maxPasswordAge: number;
  hardExpire: boolean;
  maxLoginAttempts: number;
}

export interface SecurityPreference {
  mfaOperationForLogin: string; // mandatory | independent | adaptive
  enableSaveMfaTicket: boolean;
  loginNetworkMasks: string;
  allowUserToManageAccessKeys: boolean;
  allowUserToManageMfaDevices: boolean;
  allowUserToChangePassword: boolean;
  loginSessionDuration: number;
}

export interface RamSnapshot {
  // null = that list could not be read completely (see gaps). (Collector: made nullable.)
  users: RamUser[] | null;
  groups: RamGroup[] | null;
  customPolicies: RamPolicy[] | null;
  passwordPolicy: PasswordPolicy | null;
  securityPreference: SecurityPreference | null;
}

/** One ActionTrail trail, as far as the checks read it. */
export interface Trail {
  name: string;
  homeRegion: string;
  /** "All" = events of every region; else the one region it records. */
  trailRegion: string;
  /** Enable | Disable | Fresh (created, never started). */
  status: string;
  /** Write | Read | All: which events it records. */
  eventRw: string;
  /** Where it delivers; null = not to that kind of store. */
  slsProjectArn: string | null;
  ossBucketName: string | null;
  /** GetTrailStatus IsLogging; null = unknown (see gaps). */
  isLogging: boolean | null;
}

/** One Log Service alert rule, as far as the SLS checks read it (ListAlerts). */
export interface SlsAlert {
  name: string;
  displayName: string;
  /** status ENABLED; a disabled rule watches nothing. */
  enabled: boolean;
  /** Each query of the rule: the logstore it reads and its search/SQL text. */
  queries: { store: string; query: string }[];
}

/** The SLS project an ActionTrail trail delivers to, and what the checks read in it. */
export interface SlsTrailProject {
  trailName: string;
  /** From the trail's SlsProjectArn (acs:log:<region>:<uid>:project/<name>). */
  project: string;
  region: string;
  /** The trail's logstore (actiontrail_<trail>); found = false when the project does not hold it. */
  logstore: string;
  /** ListLogStores; null = unknown (see gaps). */
  logstoreFound: boolean | null;
  /** GetLogStore ttl in days (3650 = kept for ever); null = unknown or no logstore. */
  ttlDays: number | null;
  /** ListAlerts of the project, every page; null = unknown (see gaps). */
  alerts: SlsAlert[] | null;
}

/** One Log Service collection rule for a cloud product's logs (ListCollectionPolicies). */
export interface SlsCollectionPolicy {
  policyName: string;
  /** The cloud service code (oss, actiontrail, waf ...) and its log type code (access_log ...). */
  productCode: string;
  dataCode: string;
  enabled: boolean;
  /** all | attributeMode (regions and tags) | instanceMode (instanceIds). */
  resourceMode: string;
  regions: string[];
  instanceIds: string[];
}

export interface LogServiceSnapshot {
  /** One per trail delivering to SLS; null = the trails are unknown (DescribeTrails failed). */
  trailProjects: SlsTrailProject[] | null;
  /** Every collection rule of the account; null = unknown (see gaps); absent = stored before it was read. */
  collectionPolicies?: SlsCollectionPolicy[] | null;
}

export interface ActionTrailSnapshot {
  /** null = DescribeTrails failed (see gaps). */
  trails: Trail[] | null;
}

/** Unfixed vulnerabilities of one machine, counted by Security Center's fix priority. */
export interface VulnCounts {
  /** asap */
  high: number;
  /** later */
  medium: number;
  /** nntf */
  low: number;
}

/** The asset fingerprint types CIS v2 8.8 names (ports, processes, software, scheduled tasks, middleware), as GetPropertyScheduleConfig spells them. */
export const FINGERPRINT_TYPES = ['scheduler_port_period', 'scheduler_process_period', 'scheduler_software_period', 'scheduler_cron_period', 'scheduler_sca_period'] as const;

export interface SecurityCenterSnapshot {
  /** ECS instance id → agent ClientStatus (online | offline | pause). An instance absent has no agent. null = unknown. */
  agents: Record<string, string> | null;
  /** ECS instance id → unfixed vulnerability counts; an instance absent has none. null = unknown. */
  vulns: Record<string, VulnCounts> | null;
  /** DescribeVersionConfig: edition code (1 Basic, 3 Enterprise, 5 Advanced, 6 Anti-virus, 7 Ultimate ...). null = unknown. */
  edition: { version: number; trial: boolean } | null;
  /** Notification project → Route bit mask (0 = off). null = unknown. */
  notices: Record<string, number> | null;
  /** Vulnerability type → scan config ("off" = not scanned). null = unknown. */
  vulScan: Record<string, string> | null;
  /** DescribeServiceLinkedRoleStatus(AliyunServiceRoleForSasCspm): Config Assessment authorised. null = unknown; absent = stored before it was read. */
  cspmAuthorised?: boolean | null;
  /** DescribeSuspiciousOverallConfig(auto_breaking): Virus Blocking (automatic quarantine) on. null = unknown; absent = stored before it was read. */
  virusBlocking?: boolean | null;
  /** GetPropertyScheduleConfig: fingerprint type → hours between automatic collections (0 = never). A type absent was not read. null = none read; absent = stored before it was read. */
  fingerprintSchedule?: Record<string, number> | null;
}

/** One statement of an OSS bucket policy, as written (RAM policy grammar plus Principal). */
export interface OssPolicyStatement {
  Effect: string;
  Action?: string | string[];
  Principal?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | boolean | Array<string | boolean>>>;
}

/** One OSS bucket with the settings the OSS checks read. Each null = that Get call failed (see gaps). */
export interface OssBucket {
  name: string;
  /** Region id without the oss- prefix (ListBuckets Location oss-cn-hangzhou → cn-hangzhou). */
  region: string;
  creationDate: string;
  /** private | public-read | public-read-write (GetBucketAcl). */
  acl: string | null;
  /** GetBucketPolicy statements; [] = the bucket has no policy (NoSuchBucketPolicy). */
  policy: OssPolicyStatement[] | null;
  /** GetBucketEncryption; algorithm 'none' = no server-side encryption rule. */
  encryption: { algorithm: string; kmsKeyId: string | null } | null;
  /** GetBucketLogging: where access logs go; enabled false = logging off. */
  logging: { enabled: boolean; targetBucket: string | null } | null;
  /** GetBucketVersioning: Enabled | Suspended | Off (never turned on). */
  versioning: string | null;
  /** GetBucketWorm: state 'none' = no retention policy; InProgress | Locked otherwise. */
  worm: { state: string; retentionDays: number } | null;
  /** GetBucketPublicAccessBlock BlockPublicAccess. */
  blockPublicAccess: boolean | null;
}

export interface OssSnapshot {
  /** null = ListBuckets failed (see gaps). */
  buckets: OssBucket[] | null;
  /** Account-wide GetPublicAccessBlock; null = unknown (see gaps). */
  blockPublicAccess: boolean | null;
}

export interface AccountIdentity {
  accountId: string;
  arn: string;
  identityType: string;
  principalId: string;
}

/** An SSL certificate in Certificate Management Service (ListUserCertificateOrder, OrderType=CERT). */
export interface Certificate {
  certificateId: string;
  name: string;
  commonName: string;
  /** Not-after, ISO 8601. */
  endDate: string;
  /** ISSUED | WILLEXPIRED | EXPIRED ... (as returned). */
  status: string;
  /** Uploaded by the customer rather than issued through the service. */
  upload: boolean;
}

/**
 * Whether the account uses a helping product (for the duties report), read from one cheap
 * list call. `unknown` = that call failed (its gap names the permission); never read as unused.
 */
export type ProductUsage = { used: boolean; assets: string[] } | { unknown: true; action: string; code: string };

export interface Snapshot {
  schemaVersion: 1;
  /** Name of the configured account this snapshot is for (config label). */
  accountName: string;
  identity: AccountIdentity | null;
  collectedAt: string; // ISO 8601
  source: { kind: 'live' | 'demo' | 'emulator'; endpoint?: string };
  /** Regions that were meant to be collected. */
  regions: string[];
  regionData: Record<string, RegionSnapshot>;
  /** null = RAM/IMS not collected at all (see gaps). */
  ram: RamSnapshot | null;
  /** Certificate Management (one service per site). null = unknown; absent = not collected. */
  certificates?: Certificate[] | null;
  /** product id (knowledge/products.yaml) → usage. */
  products?: Record<string, ProductUsage>;
  /** Absent (older snapshots) or null = ActionTrail not collected (see gaps). */
  actiontrail?: ActionTrailSnapshot | null;
  /** Absent (older snapshots) or null = Security Center not collected (see gaps). */
  securityCenter?: SecurityCenterSnapshot | null;
  /** Absent (older snapshots) or null = Log Service not collected (see gaps). */
  logService?: LogServiceSnapshot | null;
  /** Absent (older snapshots) or null = OSS not collected (see gaps). */
  oss?: OssSnapshot | null;
  gaps: Gap[];
  stats: { apiCalls: number; retries: number; durationMs: number };
}
