// Which team inside the customer owns each resource: the owners rules (config file) applied to
// the snapshot, then inherited along the resource graph. Pure: snapshot + rules → assignments.
//
// Order for one resource: its own rules (first match wins) → inheritance (a disk from its
// instance, a security group from the instances in it, an access key from its user) → the
// default team. A resource no rule and no inheritance reached is "unowned" even when the default
// team takes it: the default routes the finding, the unowned list asks for the missing tag.

import type { Bilingual } from '../core/errors.js';
import type { Snapshot } from '../cloud/snapshot.js';
import type { OwnerMatch, OwnersConfig } from '../config/file.js';
import type { ResourceType } from '../checks/model.js';

export interface TeamAssignment {
  /** Team ids, sorted; [] = nobody (no rule, nothing to inherit, no default). */
  teams: string[];
  why: Bilingual;
}

/** A resource the routing sees: what rules can match on. */
interface Subject {
  type: ResourceType;
  id: string;
  name: string;
  region?: string;
  tags?: Record<string, string>;
  resourceGroupId?: string;
}

export interface UnownedResource {
  type: ResourceType;
  id: string;
  name: string;
  region?: string;
}

export interface UnownedGroup {
  /** The tag key the rules look for and these resources lack; null = not taggable here (RAM users: add a name rule). */
  tagKey: string | null;
  resources: UnownedResource[];
  /** `aliyun ecs TagResources` per region and type (printed only: whoowns never writes). */
  commands: string[];
}

export interface TeamRouting {
  /** The assignment for a finding's resource; undefined only when no owners block is configured. */
  of(ref: { type: ResourceType; id: string; name?: string; region?: string }): TeamAssignment | undefined;
  unowned: UnownedGroup[];
}

const key = (type: string, id: string) => `${type}\u0000${id}`;

export function routeTeams(snapshot: Snapshot, owners: OwnersConfig): TeamRouting {
  const accounts = [snapshot.accountName, snapshot.identity?.accountId].filter((a): a is string => Boolean(a));
  const direct = (s: Subject) => matchRules(s, owners, accounts);
  const known = new Map<string, TeamAssignment>();
  const unmatched: UnownedResource[] = [];
  const settle = (s: Subject, found: TeamAssignment | undefined) => {
    if (!found) unmatched.push({ type: s.type, id: s.id, name: s.name, ...(s.region ? { region: s.region } : {}) });
    const a = found ?? fallback(s.id, owners);
    known.set(key(s.type, s.id), a);
    return a;
  };

  for (const [regionId, r] of Object.entries(snapshot.regionData)) {
    const byInstance = new Map<string, TeamAssignment>();
    const inGroup = new Map<string, { teams: Set<string>; via: string[] }>();
    for (const i of r.instances ?? []) {
      const found = direct({ type: 'instance', id: i.instanceId, name: i.instanceName, region: regionId, tags: i.tags, resourceGroupId: i.resourceGroupId });
      const a = settle({ type: 'instance', id: i.instanceId, name: i.instanceName, region: regionId }, found);
      if (found) byInstance.set(i.instanceId, found);
      for (const sg of i.securityGroupIds) {
        const g = inGroup.get(sg) ?? { teams: new Set<string>(), via: [] };
        if (found) {
          for (const t of a.teams) g.teams.add(t);
          g.via.push(i.instanceId);
        }
        inGroup.set(sg, g);
      }
    }
    for (const d of r.disks ?? []) {
      const s: Subject = { type: 'disk', id: d.diskId, name: d.diskName, region: regionId, tags: d.tags, resourceGroupId: d.resourceGroupId };
      const parent = d.instanceId ? byInstance.get(d.instanceId) : undefined;
      settle(s, withConflict(direct(s), parent, d.instanceId) ?? (parent && d.instanceId ? viaInstance(d.instanceId, parent) : undefined));
    }
    for (const g of r.securityGroups ?? []) {
      const s: Subject = { type: 'security-group', id: g.securityGroupId, name: g.securityGroupName, region: regionId, tags: g.tags, resourceGroupId: g.resourceGroupId };
      const users = inGroup.get(g.securityGroupId);
      settle(s, direct(s) ?? (users && users.teams.size ? viaInstances(users.teams, users.via) : undefined));
    }
  }
  for (const u of snapshot.ram?.users ?? []) {
    const found = direct({ type: 'ram-user', id: u.userName, name: u.userName });
    const a = settle({ type: 'ram-user', id: u.userName, name: u.userName }, found);
    for (const k of u.accessKeys ?? []) known.set(key('access-key', k.accessKeyId), found ? viaUser(u.userName, a) : a);
  }

  return {
    of(ref) {
      const k = key(ref.type, ref.id);
      const hit = known.get(k);
      if (hit) return hit;
      const s: Subject = { type: ref.type, id: ref.id, name: ref.name ?? ref.id, ...(ref.region ? { region: ref.region } : {}) };
      // Many findings share a resource the snapshot walk did not see (a region, the account): route it once.
      const a = direct(s) ?? fallback(ref.id, owners);
      known.set(k, a);
      return a;
    },
    unowned: groupUnowned(unmatched, owners),
  };
}

function matchRules(s: Subject, owners: OwnersConfig, accounts: string[]): TeamAssignment | undefined {
  for (const rule of owners.rules) {
    const why = matches(rule.match, s, accounts);
    if (why) return { teams: [rule.team], why };
  }
  return undefined;
}

/** Every field the rule gives must hold; returns the sentence naming what matched. */
function matches(m: OwnerMatch, s: Subject, accounts: string[]): Bilingual | undefined {
  const eq = (a: string, b: string) => (m.ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  const parts: Bilingual[] = [];
  if (m.tag) {
    const entry = tagEntry(s.tags, m.tag, m.ignoreCase === true, eq);
    if (!entry) return undefined;
    parts.push({ en: `tag ${entry[0]}=${entry[1]} on ${s.id}`, zh: `${s.id} 的标签 ${entry[0]}=${entry[1]}` });
  }
  if (m.resourceGroup) {
    if (s.resourceGroupId === undefined || !eq(s.resourceGroupId, m.resourceGroup)) return undefined;
    parts.push({ en: `resource group ${s.resourceGroupId} of ${s.id}`, zh: `${s.id} 所在资源组 ${s.resourceGroupId}` });
  }
  if (m.name) {
    const hit = [s.name, s.id].find((v) => v !== '' && glob(m.name!, v, m.ignoreCase));
    if (hit === undefined) return undefined;
    parts.push({ en: `name ${hit} matches "${m.name}"`, zh: `名称 ${hit} 匹配 "${m.name}"` });
  }
  if (m.account) {
    if (!accounts.some((a) => eq(a, m.account!))) return undefined;
    parts.push({ en: `account ${m.account}`, zh: `账号 ${m.account}` });
  }
  if (m.region) {
    if (s.region === undefined || s.region !== m.region) return undefined;
    parts.push({ en: `region ${m.region}`, zh: `地域 ${m.region}` });
  }
  return { en: parts.map((p) => p.en).join(' and '), zh: parts.map((p) => p.zh).join(',') };
}

/** The tag a rule asks for: a direct look-up when case matters (most rules, every resource), a scan otherwise. */
function tagEntry(tags: Record<string, string> | undefined, want: { key: string; value?: string }, ignoreCase: boolean, eq: (a: string, b: string) => boolean): [string, string] | undefined {
  if (!tags) return undefined;
  if (!ignoreCase) {
    const v = Object.hasOwn(tags, want.key) ? tags[want.key] : undefined;
    return v !== undefined && (want.value === undefined || v === want.value) ? [want.key, v] : undefined;
  }
  for (const k in tags) {
    const v = tags[k]!;
    if (eq(k, want.key) && (want.value === undefined || eq(v, want.value))) return [k, v];
  }
  return undefined;
}

/** Compiled once per pattern: rules are tried for every resource of a large account. */
const globs = new Map<string, RegExp>();

function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const k = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = globs.get(k);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    globs.set(k, re);
  }
  return re.test(value);
}

function fallback(id: string, owners: OwnersConfig): TeamAssignment {
  if (owners.default) return { teams: [owners.default], why: { en: `default team (no rule matched ${id})`, zh: `默认团队(没有规则匹配 ${id})` } };
  return { teams: [], why: { en: `no rule matched ${id}`, zh: `没有规则匹配 ${id}` } };
}

function viaInstance(instanceId: string, a: TeamAssignment): TeamAssignment {
  return { teams: a.teams, why: { en: `via instance ${instanceId} (${a.why.en})`, zh: `经由实例 ${instanceId}(${a.why.zh})` } };
}

function viaInstances(teams: Set<string>, via: string[]): TeamAssignment {
  const ids = [...teams].sort();
  if (ids.length === 1) return { teams: ids, why: { en: `via instances ${via.join(', ')}`, zh: `经由实例 ${via.join('、')}` } };
  return { teams: ids, why: { en: `shared by ${ids.join(', ')} (via instances ${via.join(', ')})`, zh: `由 ${ids.join('、')} 共用(经由实例 ${via.join('、')})` } };
}

function viaUser(userName: string, a: TeamAssignment): TeamAssignment {
  return { teams: a.teams, why: { en: `via user ${userName} (${a.why.en})`, zh: `经由用户 ${userName}(${a.why.zh})` } };
}

/** The resource's own tag wins; the sentence keeps the instance's other opinion visible. */
function withConflict(own: TeamAssignment | undefined, parent: TeamAssignment | undefined, instanceId: string | null): TeamAssignment | undefined {
  if (!own || !parent || !instanceId || parent.teams.join() === own.teams.join()) return own;
  const other = parent.teams.join(', ');
  return { teams: own.teams, why: { en: `${own.why.en} (its instance ${instanceId} is ${other})`, zh: `${own.why.zh}(其实例 ${instanceId} 属于 ${other})` } };
}

/** ECS TagResources ResourceType per resource type we can suggest a tag for. */
const TAG_RESOURCE_TYPE: Partial<Record<ResourceType, string>> = { instance: 'instance', 'security-group': 'securitygroup', disk: 'disk' };
/** TagResources takes at most 50 resource ids per call. */
const TAG_BATCH = 50;

function groupUnowned(unmatched: UnownedResource[], owners: OwnersConfig): UnownedGroup[] {
  // The key the user routes by; without any tag rule, suggest the conventional "team".
  const tagKey = owners.rules.find((r) => r.match.tag)?.match.tag?.key ?? 'team';
  const taggable = unmatched.filter((r) => TAG_RESOURCE_TYPE[r.type] && r.region);
  const others = unmatched.filter((r) => !taggable.includes(r));
  const groups: UnownedGroup[] = [];
  if (taggable.length) groups.push({ tagKey, resources: taggable, commands: tagCommands(taggable, tagKey) });
  if (others.length) groups.push({ tagKey: null, resources: others, commands: [] });
  return groups;
}

function tagCommands(resources: UnownedResource[], tagKey: string): string[] {
  const batches = new Map<string, string[]>();
  for (const r of resources) {
    const k = `${r.region!} ${TAG_RESOURCE_TYPE[r.type]!}`;
    batches.set(k, [...(batches.get(k) ?? []), r.id]);
  }
  const commands: string[] = [];
  for (const [k, ids] of batches) {
    const [region, type] = k.split(' ');
    for (let i = 0; i < ids.length; i += TAG_BATCH) {
      const list = ids.slice(i, i + TAG_BATCH).map((id, j) => `--ResourceId.${j + 1} ${id}`).join(' ');
      commands.push(`aliyun ecs TagResources --RegionId ${region} --ResourceType ${type} ${list} --Tag.1.Key ${tagKey} --Tag.1.Value <team>`);
    }
  }
  return commands;
}
