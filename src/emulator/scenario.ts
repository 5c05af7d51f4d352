// The account an emulator serves, written as friendly YAML/JSON. Shapes and field names mirror
// src/cloud/snapshot.ts so a collected snapshot can be compared with the scenario it came from.
// Every field but the ids has a default, and the defaults describe a well-configured resource:
// a scenario only spells out what it wants to be wrong.

import { z } from 'zod';
import type {
  AccessKey,
  AccountIdentity,
  AttachedPolicy,
  AutoSnapshotPolicy,
  Disk,
  FlowLog,
  Instance,
  PasswordPolicy,
  PolicyDocument,
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
import { SYSTEM_POLICY_NAMES } from './system-policies.js';

// ---------- resolved shapes (what the emulator serves) ----------

export interface ScenarioSecurityGroup extends SecurityGroup {
  rules: SecurityGroupRule[];
  creationTime: string;
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

export interface Scenario {
  name: string;
  description: string;
  account: ScenarioAccount;
  regions: Record<string, ScenarioRegion>;
  ram: ScenarioRam;
}

// ---------- schema (what a scenario file may say) ----------

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
  maxPasswordAge: z.number().int().min(0).max(1095).default(90),
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

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export const scenarioSchema = z
  .strictObject({
    name: z.string().default('custom'),
    description: z.string().default(''),
    account: accountSchema.prefault({}),
    regions: z.record(z.string(), regionSchema).prefault({ 'cn-hangzhou': {} }),
    ram: ramSchema.prefault({}),
  })
  .superRefine(checkReferences);

/** What a scenario file or the `scenario()` builder accepts. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
type Parsed = z.output<typeof scenarioSchema>;
type ParsedRegion = Parsed['regions'][string];
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
  const lists = ['instances', 'securityGroups', 'disks', 'autoSnapshotPolicies', 'systemEvents', 'vpcs', 'flowLogs'] as const;
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

function checkReferences(s: Parsed, ctx: Ctx): void {
  for (const [regionId, region] of Object.entries(s.regions)) checkRegion(ctx, regionId, region);
  checkRam(ctx, s.ram);
}

// ---------- resolution: fill the defaults that depend on other parts of the scenario ----------

const REGION_NAMES: Record<string, string> = {
  'cn-hangzhou': '华东1（杭州）',
  'cn-shanghai': '华东2（上海）',
  'cn-qingdao': '华北1（青岛）',
  'cn-beijing': '华北2（北京）',
  'cn-zhangjiakou': '华北3（张家口）',
  'cn-huhehaote': '华北5（呼和浩特）',
  'cn-wulanchabu': '华北6（乌兰察布）',
  'cn-shenzhen': '华南1（深圳）',
  'cn-heyuan': '华南2（河源）',
  'cn-guangzhou': '华南3（广州）',
  'cn-chengdu': '西南1（成都）',
  'cn-hongkong': '中国香港',
  'ap-northeast-1': '日本（东京）',
  'ap-northeast-2': '韩国（首尔）',
  'ap-southeast-1': '新加坡',
  'ap-southeast-3': '马来西亚（吉隆坡）',
  'ap-southeast-5': '印度尼西亚（雅加达）',
  'ap-southeast-6': '菲律宾（马尼拉）',
  'ap-southeast-7': '泰国（曼谷）',
  'us-east-1': '美国（弗吉尼亚）',
  'us-west-1': '美国（硅谷）',
  'eu-west-1': '英国（伦敦）',
  'eu-central-1': '德国（法兰克福）',
  'me-east-1': '阿联酋（迪拜）',
};

export function regionLocalName(regionId: string): string {
  return REGION_NAMES[regionId] ?? regionId;
}

export function knownRegionIds(): string[] {
  return Object.keys(REGION_NAMES);
}

function countBy<T>(items: T[], keys: (t: T) => Iterable<string | null>): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) for (const k of keys(item)) if (k !== null) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

function resolveRegion(regionId: string, r: ParsedRegion): ScenarioRegion {
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
    regions: Object.fromEntries(Object.entries(s.regions).map(([id, r]) => [id, resolveRegion(id, r)])),
    ram: resolveRam(s.ram),
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
