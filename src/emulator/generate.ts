// A large, seeded account for benchmarks: thousands of resources with a realistic sprinkling of
// problems. Same options and seed = the same scenario, byte for byte.

import { seededRng, type Rng } from './rng.js';
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

type RegionInput = NonNullable<ScenarioInput['regions']>[string];
type Required<T> = { [K in keyof T]-?: T[K] };
type RegionDraft = Required<Pick<RegionInput, 'instances' | 'securityGroups' | 'disks' | 'autoSnapshotPolicies' | 'systemEvents' | 'vpcs' | 'flowLogs' | 'cloudAssistant'>> & { diskEncryptionByDefault: boolean };
type RuleInput = NonNullable<NonNullable<RegionDraft['securityGroups'][number]['rules']>[number]>;
type UserInput = NonNullable<NonNullable<ScenarioInput['ram']>['users']>[number];

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

/** Default: 20 regions, 5000 instances, 1000 security groups x 20 rules, 2000 disks, 500 RAM users. */
export function generateLargeScenario(opts: LargeScenarioOptions = {}): Scenario {
  const o: Required<LargeScenarioOptions> = { ...LARGE_SCENARIO_DEFAULTS, ...opts };
  const rng = seededRng(o.seed);
  const regions = buildRegions(o, rng);
  const input: ScenarioInput = {
    name: 'large',
    description: `Generated: ${o.regions} regions, ${o.instances} instances, ${o.securityGroups} security groups x ${o.rulesPerGroup} rules, ${o.disks} disks, ${o.users} RAM users (seed ${o.seed}).`,
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
  };
  return scenario(input, 'large');
}
