// A large, seeded account for benchmarks: thousands of resources with a realistic sprinkling of
// problems. Same options and seed = the same scenario, byte for byte.

import { hashString, seededRng, type Rng } from './rng.js';
import { knownRegionIds } from './region-names.js';
import { scenario, type Scenario, type ScenarioInput } from './scenario.js';

export interface LargeScenarioOptions {
  regions?: number;
  instances?: number;
  securityGroups?: number;
  rulesPerGroup?: number;
  disks?: number;
  users?: number;
  seed?: number;
}

/**
 * The services issue #16 adds to the large account. Omitted counts follow `instances` (200
 * buckets, 100 RDS instances, 20 ACK clusters and 10 SLS projects per 5,000 instances), so a
 * scaled-down or scaled-up account keeps the same mix without naming them.
 */
export interface LargeServiceOptions {
  buckets?: number;
  rdsInstances?: number;
  ackClusters?: number;
  slsProjects?: number;
}

type RegionInput = NonNullable<ScenarioInput['regions']>[string];
type Required<T> = { [K in keyof T]-?: T[K] };
type RegionDraft = Required<Pick<RegionInput, 'instances' | 'securityGroups' | 'disks' | 'autoSnapshotPolicies' | 'systemEvents' | 'vpcs' | 'flowLogs' | 'cloudAssistant'>> & { diskEncryptionByDefault: boolean };
type RuleInput = NonNullable<NonNullable<RegionDraft['securityGroups'][number]['rules']>[number]>;
type UserInput = NonNullable<NonNullable<ScenarioInput['ram']>['users']>[number];
type BucketInput = NonNullable<NonNullable<ScenarioInput['oss']>['buckets']>[number];
type RdsInput = NonNullable<RegionInput['rdsInstances']>[number];
type AckInput = NonNullable<RegionInput['ackClusters']>[number];
type SlsProjectInput = NonNullable<NonNullable<ScenarioInput['logService']>['projects']>[number];
type TrailInput = NonNullable<NonNullable<ScenarioInput['actiontrail']>['trails']>[number];

const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2026, 9, 1);

function pad(n: number): string {
  return String(n).padStart(6, '0');
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function dateBetween(rng: Rng, from = START, to = END): string {
  return new Date(from + Math.floor(rng() * (to - from))).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function regionIds(count: number): string[] {
  const known = knownRegionIds();
  const extra = Array.from({ length: Math.max(0, count - known.length) }, (_, i) => `xx-synthetic-${i + 1}`);
  return [...known, ...extra].slice(0, count);
}

const INTERNAL = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '10.10.0.0/16'];
const PORTS = ['80/80', '443/443', '8080/8080', '6379/6379', '9000/9100', '3306/3306'];
const OS_NAMES = ['Alibaba Cloud Linux  3.2104 LTS 64位', 'Ubuntu  22.04 64位', 'Ubuntu  24.04 64位', 'Debian  12.6 64位'];

function rule(rng: Rng): RuleInput {
  const r = rng();
  // ~3% of rules open something to the world: the findings a benchmark has to surface.
  if (r < 0.01) return { portRange: '22/22', sourceCidrIp: '0.0.0.0/0' };
  if (r < 0.015) return { portRange: '3389/3389', ipv6SourceCidrIp: '::/0' };
  if (r < 0.02) return { portRange: '3306/3306', sourceCidrIp: '0.0.0.0/0' };
  if (r < 0.025) return { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '0.0.0.0/0' };
  if (r < 0.03) return { ipProtocol: 'tcp', policy: 'accept', portRange: '443/443', sourceCidrIp: '0.0.0.0/0' };
  if (r < 0.1) return { direction: 'egress', ipProtocol: 'ALL', portRange: '-1/-1', destCidrIp: '0.0.0.0/0' };
  return { portRange: pick(rng, PORTS), sourceCidrIp: pick(rng, INTERNAL), priority: 1 + Math.floor(rng() * 100) };
}

function emptyRegion(): RegionDraft {
  return {
    instances: [],
    securityGroups: [],
    disks: [],
    autoSnapshotPolicies: [],
    systemEvents: [],
    vpcs: [],
    flowLogs: [],
    cloudAssistant: {},
    diskEncryptionByDefault: true,
  };
}

function buildRegions(o: Required<LargeScenarioOptions>, rng: Rng): Record<string, RegionDraft> {
  const ids = regionIds(o.regions);
  const regions = ids.map((regionId, i) => {
    const r = emptyRegion();
    const vpcId = `vpc-lg${pad(i)}`;
    r.vpcs.push({ vpcId, vpcName: `${regionId}-main`, cidrBlock: '10.0.0.0/8' });
    if (i % 2 === 0) r.flowLogs.push({ flowLogId: `fl-lg${pad(i)}`, resourceId: vpcId });
    r.autoSnapshotPolicies.push({ autoSnapshotPolicyId: `sp-lg${pad(i * 2)}`, retentionDays: 30 });
    r.autoSnapshotPolicies.push({ autoSnapshotPolicyId: `sp-lg${pad(i * 2 + 1)}`, retentionDays: i % 3 === 0 ? 3 : 14 });
    r.diskEncryptionByDefault = i % 4 !== 1;
    return { regionId, vpcId, policies: [`sp-lg${pad(i * 2)}`, `sp-lg${pad(i * 2 + 1)}`], draft: r };
  });
  const at = (n: number) => regions[n % regions.length] as (typeof regions)[number];

  for (let n = 0; n < o.securityGroups; n++) {
    const { draft, vpcId } = at(n);
    draft.securityGroups.push({
      securityGroupId: `sg-lg${pad(n)}`,
      securityGroupName: `sg-${n}`,
      vpcId,
      serviceManaged: rng() < 0.02,
      rules: Array.from({ length: o.rulesPerGroup }, () => rule(rng)),
      ...teamTags('security-group', n),
    });
  }
  for (let n = 0; n < o.instances; n++) {
    const { draft, vpcId } = at(n);
    const groups = draft.securityGroups;
    const sgIds = groups.length === 0 ? [] : [pick(rng, groups).securityGroupId, ...(rng() < 0.3 ? [pick(rng, groups).securityGroupId] : [])];
    const windows = rng() < 0.1;
    const id = `i-lg${pad(n)}`;
    draft.instances.push({
      instanceId: id,
      instanceName: `node-${n}`,
      osType: windows ? 'windows' : 'linux',
      osName: windows ? 'Windows Server  2022 数据中心版 64位中文版' : rng() < 0.03 ? 'CentOS  7.9 64位' : pick(rng, OS_NAMES),
      status: rng() < 0.9 ? 'Running' : 'Stopped',
      publicIps: rng() < 0.1 ? [`47.${n % 250}.${(n >> 8) % 250}.${n % 200}`] : [],
      privateIps: [`10.${(n >> 16) % 250}.${(n >> 8) % 250}.${n % 250}`],
      vpcId,
      vSwitchId: `vsw-${vpcId.slice(4)}`,
      securityGroupIds: [...new Set(sgIds)],
      keyPairName: windows || rng() < 0.05 ? null : 'ops-keypair',
      metadataHttpTokens: rng() < 0.15 ? 'optional' : 'required',
      deletionProtection: rng() < 0.7,
      creationTime: dateBetween(rng),
      ...teamTags('instance', n),
    });
    if (rng() < 0.05) draft.cloudAssistant[id] = false;
    if (rng() < 0.01) {
      draft.systemEvents.push({
        eventId: `e-lg${pad(n)}`,
        instanceId: id,
        eventType: 'SystemMaintenance.Reboot',
        notBefore: '2026-11-20T18:00:00Z',
        publishTime: '2026-11-10T02:00:00Z',
        reason: 'Host maintenance',
      });
    }
  }
  for (let n = 0; n < o.disks; n++) {
    const { draft, policies } = at(n);
    const owner = draft.instances.length > 0 && rng() < 0.85 ? pick(rng, draft.instances).instanceId : null;
    const withPolicy = rng() < 0.8;
    draft.disks.push({
      diskId: `d-lg${pad(n)}`,
      type: owner && rng() < 0.5 ? 'system' : 'data',
      sizeGb: 20 + Math.floor(rng() * 500),
      encrypted: rng() < 0.75,
      instanceId: owner,
      autoSnapshotPolicyId: withPolicy ? pick(rng, policies) : null,
      creationTime: dateBetween(rng),
      ...teamTags('disk', n),
    });
  }
  return Object.fromEntries(regions.map((r) => [r.regionId, r.draft]));
}

/** Teams the large account's tags name (bench:teams routes by them). */
export const LARGE_TEAMS = ['web', 'search', 'data', 'payments', 'platform'] as const;

/**
 * Realistic ownership tags (issue #15), from the index alone so the seeded random stream (and so
 * every other generated value) stays as it was: instances mostly tagged, some not, some with
 * "Team" in another case, some in a resource group; a few groups and disks tagged for a team
 * other than their instances' (conflicts); the rest inherit or stay unowned.
 */
function teamTags(kind: 'instance' | 'security-group' | 'disk', n: number): { tags?: Record<string, string>; resourceGroupId?: string } {
  const h = (Math.imul(n + 1, 2654435761) >>> 0) % 100;
  const team = LARGE_TEAMS[(n + (kind === 'instance' ? 0 : 2)) % LARGE_TEAMS.length]!;
  if (kind === 'instance') {
    if (h < 70) return { tags: { team, env: h % 2 ? 'prod' : 'staging' } };
    if (h < 80) return { tags: { Team: team } };
    if (h < 85) return { resourceGroupId: 'rg-lgdata00001', tags: { env: 'prod' } };
    return {};
  }
  if (kind === 'security-group') return h < 30 ? { tags: { team } } : {};
  return h < 15 ? { tags: { team } } : {};
}

function buildUsers(count: number, rng: Rng): UserInput[] {
  return Array.from({ length: count }, (_, n): UserInput => {
    const console = rng() < 0.4;
    const keys = rng() < 0.6 ? (rng() < 0.1 ? 2 : 1) : 0;
    return {
      userName: `user${String(n).padStart(4, '0')}`,
      hasConsoleLogin: console,
      mfaEnabled: console && rng() < 0.7,
      lastLoginDate: console ? dateBetween(rng, Date.UTC(2026, 0, 1)) : null,
      createDate: dateBetween(rng, START, Date.UTC(2025, 0, 1)),
      accessKeys: Array.from({ length: keys }, (_, k) => ({
        accessKeyId: `LTAI5tLarge${String(n).padStart(4, '0')}${k}`,
        createDate: dateBetween(rng),
        lastUsedDate: rng() < 0.8 ? dateBetween(rng, Date.UTC(2026, 3, 1)) : null,
      })),
      policies: rng() < 0.02 ? ['AdministratorAccess'] : rng() < 0.2 ? ['ReadOnlyAccess'] : [],
      groups: [`team-${n % 10}`],
    };
  });
}

// ---------- OSS, RDS, ACK and Log Service (issue #16) ----------
// Each service draws from its own rng, derived from the seed and its name: the ECS and RAM
// values above come out exactly as before, and one service's count never shifts another's.

function serviceRng(seed: number, service: string): Rng {
  return seededRng(hashString(`${seed}/${service}`));
}

function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 16).toString(16);
  return out;
}

/** Where databases and clusters live: most in the first few regions, a tail elsewhere. */
function skewedRegion(rng: Rng, ids: string[]): string {
  return ids[Math.floor(rng() ** 2 * ids.length)] as string;
}

function buildBuckets(count: number, regions: string[], rng: Rng): BucketInput[] {
  // OSS has no synthetic regions: buckets live in the account's real ones.
  const ossRegions = regions.filter((r) => !r.startsWith('xx-'));
  const logs = 'lg-access-logs-000000';
  return Array.from({ length: count }, (_, n): BucketInput => {
    const name = n === 0 ? logs : `lg-${LARGE_TEAMS[n % LARGE_TEAMS.length]}-${pad(n)}`;
    const a = rng();
    const acl = a < 0.05 ? 'public-read-write' : a < 0.15 ? 'public-read' : 'private';
    const e = rng();
    const sse = e < 0.2 ? 'none' : e < 0.5 ? 'AES256' : 'KMS';
    const v = rng();
    const publicObjects = rng() < 0.05;
    return {
      name,
      region: n === 0 ? (ossRegions[0] ?? 'cn-hangzhou') : skewedRegion(rng, ossRegions.length > 0 ? ossRegions : ['cn-hangzhou']),
      creationDate: dateBetween(rng),
      acl,
      httpsOnly: rng() < 0.7,
      policyStatements: publicObjects
        ? [{ Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: [`acs:oss:*:1888888888888888:${name}/*`] }]
        : [],
      sse,
      ...(sse === 'KMS' && rng() < 0.6 ? { kmsKeyId: `key-lg${hex(rng, 16)}` } : {}),
      logTo: n === 0 || rng() < 0.4 ? null : logs,
      versioning: v < 0.3 ? 'Off' : v < 0.4 ? 'Suspended' : 'Enabled',
      worm: rng() < 0.05 ? 'Locked' : 'none',
      blockPublicAccess: acl === 'private' && rng() < 0.3,
    };
  });
}

function buildRds(n: number, rng: Rng): RdsInput {
  const pg = rng() < 0.3;
  const w = rng();
  const input: RdsInput = {
    dbInstanceId: `${pg ? 'pgm' : 'rm'}-lg${pad(n)}`,
    description: `${pg ? 'pg' : 'mysql'}-${LARGE_TEAMS[n % LARGE_TEAMS.length]}-${n}`,
    engine: pg ? 'PostgreSQL' : 'MySQL',
    engineVersion: pg ? pick(rng, ['14.0', '15.0', '16.0']) : pick(rng, ['5.7', '8.0', '8.0']),
    netType: rng() < 0.15 ? 'Internet' : 'Intranet',
    // ~8% admit the whole internet, the finding an RDS benchmark has to surface.
    whitelist: w < 0.08 ? ['10.0.0.0/8', '0.0.0.0/0'] : w < 0.3 ? ['10.0.0.0/8', '192.168.0.0/16'] : ['10.0.0.0/8'],
    sslEnabled: rng() < 0.7,
    tdeEnabled: rng() < 0.6,
    sqlAuditEnabled: rng() < 0.75,
    sqlAuditRetentionDays: pick(rng, [30, 180, 365, 365] as const),
    ownKey: rng() < 0.6,
  };
  if (pg) {
    const on = () => (rng() < 0.8 ? 'on' : 'off');
    input.pgParameters = { log_connections: on(), log_disconnections: on(), log_duration: on() };
  }
  return input;
}

const ACK_ADDONS = ['terway-eniip', 'terway-controlplane', 'logtail-ds', 'coredns', 'metrics-server', 'ack-node-problem-detector'];

function buildAck(n: number, rng: Rng): AckInput {
  const managed = rng() < 0.85;
  const i = rng();
  return {
    clusterId: `c${hex(rng, 32)}`,
    name: `k8s-${LARGE_TEAMS[n % LARGE_TEAMS.length]}-${n}`,
    clusterType: managed ? 'ManagedKubernetes' : 'Kubernetes',
    clusterSpec: managed && rng() < 0.7 ? 'ack.pro.small' : 'ack.standard',
    version: pick(rng, ['1.29.3-aliyun.1', '1.30.1-aliyun.1', '1.31.1-aliyun.1']),
    publicApiServer: rng() < 0.2,
    secretsEncryptionKey: rng() < 0.5 ? `key-lg${hex(rng, 16)}` : '',
    addons: rng() < 0.15 ? ['flannel', 'kubernetes-dashboard', 'logtail-ds', 'coredns', 'metrics-server'] : ACK_ADDONS,
    nodePools: Array.from({ length: 1 + Math.floor(rng() * 4) }, (_, p) => ({
      nodePoolId: `np${hex(rng, 32)}`,
      name: `pool-${p}`,
      cmsEnabled: rng() < 0.85,
    })),
    inspection: i < 0.2 ? null : { enabled: i >= 0.3 },
  };
}

function placeInRegions<T>(count: number, ids: string[], rng: Rng, build: (n: number, rng: Rng) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (let n = 0; n < count; n++) {
    const region = skewedRegion(rng, ids);
    const item = build(n, rng);
    out.set(region, [...(out.get(region) ?? []), item]);
  }
  return out;
}

const CIS_ALERTS = [
  ['cis-root-account-use', 'event.userIdentity.type: root-account'],
  ['cis-console-signin-no-mfa', 'event.eventName: ConsoleSignin and event.additionalEventData.MFAUsed: false'],
  ['cis-unauthorized-api-calls', 'event.errorCode: NoPermission or event.errorCode: Forbidden* | select count(1) as c'],
  ['cis-security-group-changes', 'event.serviceName: Ecs and event.eventName in (AuthorizeSecurityGroup, RevokeSecurityGroup, CreateSecurityGroup, DeleteSecurityGroup)'],
  ['cis-ram-role-changes', 'event.serviceName: Ram and (event.eventName: CreateRole or event.eventName: DeleteRole or event.eventName: AttachPolicyToRole)'],
  ['cis-oss-bucket-policy-changes', 'event.serviceName: Oss and (event.eventName: PutBucketPolicy or event.eventName: DeleteBucketPolicy)'],
] as const;

/**
 * One trail per project, all created in cn-hangzhou (where the collector lists trails): trail 0
 * records every region into actiontrail-audit, the others one region each into that region's
 * project. Each project holds the trail's logstore, an app logstore and some CIS alerts.
 */
function buildLogService(count: number, regions: string[], rng: Rng): { projects: SlsProjectInput[]; trails: TrailInput[] } {
  const projects: SlsProjectInput[] = [];
  const trails: TrailInput[] = [];
  for (let n = 0; n < count; n++) {
    const region = n === 0 ? 'cn-hangzhou' : (regions[n % regions.length] as string);
    const trail = n === 0 ? 'account-trail' : `trail-${pad(n)}`;
    const project = n === 0 ? 'actiontrail-audit' : `actiontrail-lg-${pad(n)}`;
    const store = `actiontrail_${trail}`;
    trails.push({
      name: trail,
      homeRegion: 'cn-hangzhou',
      trailRegion: n === 0 ? 'All' : region,
      status: rng() < 0.9 ? 'Enable' : 'Disable',
      eventRw: rng() < 0.7 ? 'All' : 'Write',
      slsProjectArn: `acs:log:${region}:1888888888888888:project/${project}`,
      ossBucketName: null,
    });
    const alerts = CIS_ALERTS.filter(() => rng() < 0.7).map(([name, query]) => ({ name, store, query, enabled: rng() < 0.9 }));
    projects.push({
      name: project,
      region,
      logstores: [
        { name: store, ttl: pick(rng, [30, 180, 365, 3650]) },
        { name: 'app-nginx', ttl: 30 },
      ],
      alerts: [...alerts, { name: 'nginx-5xx', store: 'app-nginx', query: 'status >= 500 | select count(1) as c' }],
    });
  }
  return { projects, trails };
}

/** Per 5,000 instances; see LargeServiceOptions. */
export const LARGE_SERVICE_DEFAULTS: Required<LargeServiceOptions> = { buckets: 200, rdsInstances: 100, ackClusters: 20, slsProjects: 10 };

/** The counts generateLargeScenario uses for these options (benchmarks print them). */
export function largeServiceCounts(opts: LargeScenarioOptions & LargeServiceOptions = {}): Required<LargeServiceOptions> {
  const instances = opts.instances ?? LARGE_SCENARIO_DEFAULTS.instances;
  const per = (k: keyof LargeServiceOptions) => opts[k] ?? Math.round((instances * LARGE_SERVICE_DEFAULTS[k]) / LARGE_SCENARIO_DEFAULTS.instances);
  return { buckets: per('buckets'), rdsInstances: per('rdsInstances'), ackClusters: per('ackClusters'), slsProjects: per('slsProjects') };
}

/** The size of the "large" account the benchmark asks for. */
export const LARGE_SCENARIO_DEFAULTS: Required<LargeScenarioOptions> = {
  regions: 20,
  instances: 5000,
  securityGroups: 1000,
  rulesPerGroup: 20,
  disks: 2000,
  users: 500,
  seed: 20261101,
};

/**
 * Default: 20 regions, 5000 instances, 1000 security groups x 20 rules, 2000 disks, 500 RAM users,
 * 200 OSS buckets, 100 RDS instances, 20 ACK clusters, 10 SLS projects (each with its trail).
 */
export function generateLargeScenario(opts: LargeScenarioOptions & LargeServiceOptions = {}): Scenario {
  const { buckets: _b, rdsInstances: _r, ackClusters: _a, slsProjects: _s, ...size } = opts;
  const o: Required<LargeScenarioOptions> = { ...LARGE_SCENARIO_DEFAULTS, ...size };
  const counts = largeServiceCounts(opts);
  const rng = seededRng(o.seed);
  const drafts = buildRegions(o, rng);
  const ids = Object.keys(drafts);
  const rds = placeInRegions(counts.rdsInstances, ids, serviceRng(o.seed, 'rds'), buildRds);
  const ack = placeInRegions(counts.ackClusters, ids, serviceRng(o.seed, 'ack'), buildAck);
  const regions = Object.fromEntries(
    ids.map((id): [string, RegionInput] => [id, { ...drafts[id]!, rdsInstances: rds.get(id) ?? [], ackClusters: ack.get(id) ?? [] }]),
  );
  const sls = buildLogService(counts.slsProjects, ids, serviceRng(o.seed, 'sls'));
  const input: ScenarioInput = {
    name: 'large',
    description:
      `Generated: ${o.regions} regions, ${o.instances} instances, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules, ${o.disks} disks, ${o.users} RAM users, ` +
      `${counts.buckets} OSS buckets, ${counts.rdsInstances} RDS instances, ${counts.ackClusters} ACK clusters, ${counts.slsProjects} SLS projects (seed ${o.seed}).`,
    account: { accountId: '1888888888888888' },
    regions,
    ram: {
      users: buildUsers(o.users, rng),
      groups: Array.from({ length: 10 }, (_, n) => ({
        groupName: `team-${n}`,
        policies: n === 0 ? ['AliyunECSFullAccess', 'ops-admin'] : ['AliyunECSReadOnlyAccess'],
      })),
      customPolicies: [
        { policyName: 'ops-admin', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        { policyName: 'ecs-describe', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] } },
      ],
    },
    oss: { buckets: buildBuckets(counts.buckets, ids, serviceRng(o.seed, 'oss')) },
    // Without projects the scenario's default trail stays (it points at a project that is not there).
    ...(sls.trails.length > 0 ? { actiontrail: { trails: sls.trails }, logService: { projects: sls.projects } } : {}),
  };
  return scenario(input, 'large');
}
