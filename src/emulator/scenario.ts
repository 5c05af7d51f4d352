// The account an emulator serves, written as friendly YAML/JSON. Shapes and field names mirror
// src/cloud/snapshot.ts so a collected snapshot can be compared with the scenario it came from.
// Every field but the ids has a default, and the defaults describe a well-configured resource:
// a scenario only spells out what it wants to be wrong.

import type {
  AccessKey,
  AccountIdentity,
  AttachedPolicy,
  AutoSnapshotPolicy,
  Certificate,
  Disk,
  FlowLog,
  Instance,
  KmsKey,
  KmsKeyMeta,
  NetworkAcl,
  PasswordPolicy,
  PolicyDocument,
  RdsInstance,
  AckCluster,
  AckClusterDetail,
  AckNodePool,
  RamGroup,
  RamPolicy,
  RamUser,
  RegionSnapshot,
  SecurityGroup,
  SecurityGroupRule,
  SecurityPreference,
  SystemEvent,
  Vpc,
} from '../cloud/snapshot.js';
import { WhoownsError } from '../core/errors.js';
import { stableDigits } from './rng.js';
import { regionLocalName } from './region-names.js';
import { scenarioSchema, type Parsed, type ParsedRegion, type ScenarioInput } from './scenario-schema.js';

export type { ScenarioInput };

// ---------- resolved shapes (what the emulator serves) ----------

export interface ScenarioSecurityGroup extends SecurityGroup {
  rules: SecurityGroupRule[];
  creationTime: string;
}

export interface ScenarioKmsKey extends KmsKey {
  meta: KmsKeyMeta;
  creationDate: string;
}

/** An RDS instance as served: every setting is known. */
export interface ScenarioRdsInstance extends RdsInstance {
  whitelist: string[];
  sslEnabled: boolean;
  tdeEnabled: boolean;
  sqlAuditEnabled: boolean;
  sqlAuditRetentionDays: number;
  ownKey: boolean;
  pgParameters: Record<string, string>;
}

/** An ACK cluster as served: every part is known; inspection null = never configured (404). */
export interface ScenarioAckCluster extends AckCluster {
  detail: AckClusterDetail & { publicApiServer: string; secretsEncryptionKey: string };
  addons: string[];
  nodePools: AckNodePool[];
}

export interface ScenarioVpnGateway {
  vpnGatewayId: string;
  vpcId: string;
  name: string;
}

export interface ScenarioCertificate extends Certificate {
  startDate: string;
}

/** A region as served: every list is known (RegionSnapshot allows null for failed reads). */
export interface ScenarioRegion extends RegionSnapshot {
  localName: string;
  instances: Instance[];
  securityGroups: ScenarioSecurityGroup[];
  disks: Disk[];
  autoSnapshotPolicies: AutoSnapshotPolicy[];
  systemEvents: SystemEvent[];
  cloudAssistant: Record<string, boolean>;
  diskEncryptionByDefault: boolean;
  vpcs: Vpc[];
  flowLogs: FlowLog[];
  kmsKeys: ScenarioKmsKey[];
  networkAcls: NetworkAcl[];
  rdsInstances: ScenarioRdsInstance[];
  ackClusters: ScenarioAckCluster[];
  vpnGateways: ScenarioVpnGateway[];
}

export interface ScenarioRamUser extends RamUser {
  hasConsoleLogin: boolean;
  mfaEnabled: boolean;
  accessKeys: AccessKey[];
  policies: AttachedPolicy[];
  groups: string[];
  comments: string;
}

export interface ScenarioRamGroup extends RamGroup {
  policies: AttachedPolicy[];
  createDate: string;
}

export interface ScenarioPolicy extends RamPolicy {
  document: PolicyDocument;
  description: string;
  createDate: string;
}

export interface ScenarioRam {
  users: ScenarioRamUser[];
  groups: ScenarioRamGroup[];
  customPolicies: ScenarioPolicy[];
  passwordPolicy: PasswordPolicy;
  securityPreference: SecurityPreference;
}

export interface ScenarioAccount extends AccountIdentity {
  accountAlias: string | null;
}

export type ScenarioActionTrail = Parsed['actiontrail'];
export type ScenarioSecurityCenter = Parsed['securityCenter'];
export type ScenarioLogService = Parsed['logService'];
export type ScenarioOss = Parsed['oss'];
export type ScenarioOssBucket = ScenarioOss['buckets'][number];

export interface Scenario {
  name: string;
  description: string;
  account: ScenarioAccount;
  regions: Record<string, ScenarioRegion>;
  ram: ScenarioRam;
  certificates: ScenarioCertificate[];
  actiontrail: ScenarioActionTrail;
  securityCenter: ScenarioSecurityCenter;
  logService: ScenarioLogService;
  oss: ScenarioOss;
  resourceDirectory?: ScenarioDirectory;
}

export interface ScenarioDirectory {
  directoryId: string;
  members: { accountId: string; displayName: string; scenario: string; role: 'present' | 'missing' | 'denied' }[];
}

// ---------- resolution: fill the defaults that depend on other parts of the scenario ----------

function countBy<T>(items: T[], keys: (t: T) => Iterable<string | null>): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) for (const k of keys(item)) if (k !== null) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

const ONE_YEAR = '31536000s';

function resolveKmsKey(regionId: string, accountId: string, k: ParsedRegion['kmsKeys'][number]): ScenarioKmsKey {
  const on = k.automaticRotation === 'Enabled';
  return {
    keyId: k.keyId,
    regionId,
    creationDate: k.creationDate,
    meta: {
      keyState: k.keyState,
      keySpec: k.keySpec,
      origin: k.origin,
      creator: k.creator ?? accountId,
      automaticRotation: k.automaticRotation,
      rotationInterval: k.rotationInterval ?? (on ? ONE_YEAR : ''),
      deleteDate: k.deleteDate,
      description: k.description,
    },
  };
}

/** The API server addresses are made up from the cluster's position: stable, and never a real host. */
function resolveAckCluster(regionId: string, c: ParsedRegion['ackClusters'][number], i: number): ScenarioAckCluster {
  const { publicApiServer, secretsEncryptionKey, nodePools, ...rest } = c;
  return {
    ...rest,
    name: c.name ?? c.clusterId,
    regionId,
    detail: {
      publicApiServer: publicApiServer ? `https://47.96.${i}.10:6443` : '',
      intranetApiServer: `https://192.168.${i}.10:6443`,
      secretsEncryptionKey,
    },
    nodePools: (nodePools ?? [{ nodePoolId: `np${c.clusterId.slice(1, 12)}`, cmsEnabled: true }]).map((p) => ({ ...p, name: p.name ?? 'default-nodepool' })),
  };
}

function resolveRegion(regionId: string, r: ParsedRegion, accountId: string): ScenarioRegion {
  const zone = (z: string | undefined) => z ?? `${regionId}-a`;
  const inGroup = countBy(r.instances, (x) => x.securityGroupIds);
  const onPolicy = countBy(r.disks, (d) => [d.autoSnapshotPolicyId]);
  return {
    regionId,
    localName: r.localName ?? regionLocalName(regionId),
    instances: r.instances.map(
      (x): Instance => ({ ...x, instanceName: x.instanceName ?? x.instanceId, regionId, zoneId: zone(x.zoneId) }),
    ),
    securityGroups: r.securityGroups.map((g) => ({
      ...g,
      securityGroupName: g.securityGroupName ?? g.securityGroupId,
      regionId,
      ecsCount: g.ecsCount === undefined ? (inGroup.get(g.securityGroupId) ?? 0) : g.ecsCount,
      rules: g.rules.map((rule, i) => ({ ...rule, ruleId: rule.ruleId ?? `sgr-${g.securityGroupId.replace(/^sg-/, '')}-${i + 1}` })),
    })),
    disks: r.disks.map(
      (d): Disk => ({
        ...d,
        diskName: d.diskName ?? d.diskId,
        regionId,
        zoneId: zone(d.zoneId),
        status: d.status ?? (d.instanceId ? 'In_use' : 'Available'),
        enableAutoSnapshot: d.enableAutoSnapshot ?? d.autoSnapshotPolicyId !== null,
      }),
    ),
    autoSnapshotPolicies: r.autoSnapshotPolicies.map(
      (p): AutoSnapshotPolicy => ({
        ...p,
        autoSnapshotPolicyName: p.autoSnapshotPolicyName ?? p.autoSnapshotPolicyId,
        regionId,
        diskNums: p.diskNums ?? onPolicy.get(p.autoSnapshotPolicyId) ?? 0,
      }),
    ),
    systemEvents: r.systemEvents.map((e): SystemEvent => ({ ...e, regionId })),
    cloudAssistant: Object.fromEntries(r.instances.map((x) => [x.instanceId, r.cloudAssistant[x.instanceId] ?? true])),
    diskEncryptionByDefault: r.diskEncryptionByDefault,
    vpcs: r.vpcs.map((v): Vpc => ({ ...v, vpcName: v.vpcName ?? v.vpcId, regionId })),
    flowLogs: r.flowLogs.map((f): FlowLog => ({ ...f, flowLogName: f.flowLogName ?? f.flowLogId, regionId })),
    kmsKeys: r.kmsKeys.map((k) => resolveKmsKey(regionId, accountId, k)),
    networkAcls: r.networkAcls.map(
      (a): NetworkAcl => ({
        ...a,
        networkAclName: a.networkAclName ?? a.networkAclId,
        regionId,
        ingress: a.ingress.map((e, i) => ({ ...e, entryId: e.entryId ?? `nae-${a.networkAclId.replace(/^nacl-/, '')}-${i + 1}` })),
      }),
    ),
    rdsInstances: r.rdsInstances.map((d) => ({ ...d, description: d.description ?? d.dbInstanceId, regionId })),
    ackClusters: r.ackClusters.map((c, i) => resolveAckCluster(regionId, c, i)),
    vpnGateways: r.vpnGateways.map((g) => ({ ...g, name: g.name ?? g.vpnGatewayId })),
  };
}

function resolveRam(ram: Parsed['ram']): ScenarioRam {
  const customNames = new Set(ram.customPolicies.map((p) => p.policyName));
  const attach = (list: Parsed['ram']['users'][number]['policies']): AttachedPolicy[] =>
    list.map((p) =>
      typeof p === 'string' ? { policyName: p, policyType: customNames.has(p) ? 'Custom' : 'System' } : { ...p },
    );
  const users = ram.users.map(
    (u): ScenarioRamUser => ({
      ...u,
      userId: u.userId ?? stableDigits(`user:${u.userName}`, 16),
      displayName: u.displayName ?? u.userName,
      policies: attach(u.policies),
    }),
  );
  const groups = ram.groups.map((g): ScenarioRamGroup => ({ ...g, policies: attach(g.policies) }));
  const attachments = countBy([...users, ...groups], (e) =>
    e.policies.filter((p) => p.policyType === 'Custom').map((p) => p.policyName),
  );
  return {
    users,
    groups,
    customPolicies: ram.customPolicies.map(
      (p): ScenarioPolicy => ({
        ...p,
        policyType: 'Custom',
        attachmentCount: p.attachmentCount ?? attachments.get(p.policyName) ?? 0,
        document: p.document as PolicyDocument,
      }),
    ),
    passwordPolicy: ram.passwordPolicy,
    securityPreference: ram.securityPreference,
  };
}

function resolve(s: Parsed): Scenario {
  const { accountId } = s.account;
  return {
    name: s.name,
    description: s.description,
    account: {
      accountId,
      accountAlias: s.account.accountAlias,
      arn: s.account.arn ?? `acs:ram::${accountId}:root`,
      identityType: s.account.identityType,
      principalId: s.account.principalId ?? accountId,
    },
    regions: Object.fromEntries(Object.entries(s.regions).map(([id, r]) => [id, resolveRegion(id, r, accountId)])),
    ram: resolveRam(s.ram),
    certificates: s.certificates.map(
      (c): ScenarioCertificate => ({
        certificateId: c.certificateId,
        name: c.name ?? `cert-${c.certificateId}`,
        commonName: c.commonName,
        startDate: c.startDate,
        endDate: c.endDate,
        // The API's own status; the emulator recomputes it against its clock when serving.
        status: 'ISSUED',
        upload: c.upload,
      }),
    ),
    actiontrail: s.actiontrail,
    securityCenter: s.securityCenter,
    logService: s.logService,
    oss: s.oss,
    ...(s.resourceDirectory ? { resourceDirectory: s.resourceDirectory } : {}),
  };
}

// ---------- entry points ----------

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${String(seg)}` : String(seg);
  return out || '(top level)';
}

export function scenarioError(source: string, problems: string[], cause?: unknown): WhoownsError {
  const list = problems.slice(0, 20).join('\n  ');
  const more = problems.length > 20 ? `\n  (${problems.length - 20} more)` : '';
  return new WhoownsError(
    'SCENARIO_INVALID',
    {
      zh: `模拟器场景 ${source} 无效:\n  ${list}${more}\n请按上面指出的字段修正场景文件(格式见 src/emulator/scenarios/demo.yaml)。`,
      en: `Emulator scenario ${source} is invalid:\n  ${list}${more}\nFix the fields named above (see src/emulator/scenarios/demo.yaml for the format).`,
    },
    cause,
  );
}

/**
 * Validate a scenario description and fill in every default. `source` names the file (or test)
 * in error messages. Throws WhoownsError SCENARIO_INVALID listing each bad field by path.
 */
export function scenario(input: ScenarioInput = {}, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    throw scenarioError(
      source,
      result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
      result.error,
    );
  }
  return resolve(result.data);
}
