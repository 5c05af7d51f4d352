// Which team inside the customer owns each resource: the owners rules (config file) applied to
// the snapshot, then inherited along the resource graph. Pure: snapshot + rules → assignments.
//
// Order for one resource: its own rules (first match wins) → inheritance (a disk from its
// instance, a security group from the instances in it, an access key from its user) → the
// default team. A resource no rule and no inheritance reached is "unowned" even when the default
// team takes it: the default routes the finding, the unowned list asks for the missing tag.
//
// Cost (issue #15: routing adds at most 10% to evaluation time and memory): a large account
// routes thousands of resources and a scan result holds an assignment per routed finding, but
// only the few shown are read. So an assignment keeps the reason as data (the rule and what
// matched, or the assignment it inherits) and writes the sentence only when `why` is read; team
// lists are shared between assignments; nothing in an assignment points into the snapshot.

import type { Bilingual } from '../core/errors.js';
import type { Snapshot } from '../cloud/snapshot.js';
import type { OwnerMatch, OwnersConfig } from '../config/file.js';
import type { ResourceType } from '../checks/model.js';

export interface TeamAssignment {
  /** Team ids, sorted; [] = nobody (no rule, nothing to inherit, no default). Shared: read only. */
  readonly teams: string[];
  /** Written from the reason each time it is read. */
  readonly why: Bilingual;
}

/** A resource the routing sees: what rules can match on. */
interface Subject {
  type: ResourceType;
  id: string;
  name: string;
  region?: string | undefined;
  tags?: Record<string, string> | undefined;
  resourceGroupId?: string | undefined;
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

// ── assignments: the reason as data, the sentence on reading ─────────────────────────────────

abstract class Assignment implements TeamAssignment {
  declare readonly why: Bilingual;
  // An own, enumerable accessor, so the assignment reads, spreads, serializes and compares
  // (toEqual) like the plain { teams, why } object it replaces. One shared descriptor: V8 keeps
  // it in the shared map, so it costs nothing per assignment.
  static readonly #why: PropertyDescriptor = {
    get(this: Assignment) {
      return this.say();
    },
    enumerable: true,
  };

  // Assigned, not a class field: a field is defined through a slow path, per assignment.
  declare readonly teams: string[];

  constructor(teams: string[]) {
    this.teams = teams;
    Object.defineProperty(this, 'why', Assignment.#why);
  }

  protected abstract say(): Bilingual;
}

/** What a rule matched on the resource: the values as the resource has them (ignoreCase keeps their case). */
interface Evidence {
  key: string | undefined;
  value: string | undefined;
  group: string | undefined;
  name: string | undefined;
}

/** Any other rule (a group, a name, an account, a region, or a tag with them): what each condition matched. */
class ByRule extends Assignment {
  readonly #match: OwnerMatch;
  readonly #id: string;
  readonly #tagKey: string | undefined;
  readonly #tagValue: string | undefined;
  readonly #group: string | undefined;
  readonly #name: string | undefined;

  constructor(rule: Rule, id: string, e: Evidence) {
    super(rule.teams);
    this.#match = rule.match;
    this.#id = id;
    this.#tagKey = e.key;
    this.#tagValue = e.value;
    this.#group = e.group;
    this.#name = e.name;
  }

  protected say(): Bilingual {
    const m = this.#match;
    const id = this.#id;
    const parts: Bilingual[] = [];
    if (this.#tagKey !== undefined) parts.push({ en: `tag ${this.#tagKey}=${this.#tagValue} on ${id}`, zh: `${id} 的标签 ${this.#tagKey}=${this.#tagValue}` });
    if (this.#group !== undefined) parts.push({ en: `resource group ${this.#group} of ${id}`, zh: `${id} 所在资源组 ${this.#group}` });
    if (this.#name !== undefined) parts.push({ en: `name ${this.#name} matches "${m.name}"`, zh: `名称 ${this.#name} 匹配 "${m.name}"` });
    if (m.account) parts.push({ en: `account ${m.account}`, zh: `账号 ${m.account}` });
    if (m.region) parts.push({ en: `region ${m.region}`, zh: `地域 ${m.region}` });
    return { en: parts.map((p) => p.en).join(' and '), zh: parts.map((p) => p.zh).join(',') };
  }
}

/** A tag as a resource spells it: one object per spelling, shared by every resource that has it. */
interface Spelling {
  key: string;
  value: string;
}

/** The usual rule, one tag and nothing else: the smallest assignment, as most resources get one. */
class ByTag extends Assignment {
  readonly #tag: Spelling;
  readonly #id: string;

  constructor(teams: string[], tag: Spelling, id: string) {
    super(teams);
    this.#tag = tag;
    this.#id = id;
  }

  protected say(): Bilingual {
    const { key, value } = this.#tag;
    return { en: `tag ${key}=${value} on ${this.#id}`, zh: `${this.#id} 的标签 ${key}=${value}` };
  }
}

class Fallback extends Assignment {
  readonly #id: string;

  constructor(teams: string[], id: string) {
    super(teams);
    this.#id = id;
  }

  protected say(): Bilingual {
    const id = this.#id;
    if (this.teams.length) return { en: `default team (no rule matched ${id})`, zh: `默认团队(没有规则匹配 ${id})` };
    return { en: `no rule matched ${id}`, zh: `没有规则匹配 ${id}` };
  }
}

/** What a resource inherits its team from: a disk its instance, an access key its user. */
const PARENT = { instance: { en: 'instance', zh: '实例' }, user: { en: 'user', zh: '用户' } } as const;

/** An inherited team: the parent's teams and, inside, the parent's reason. */
class Via extends Assignment {
  readonly #kind: Bilingual;
  readonly #parentId: string;
  readonly #parent: TeamAssignment;

  constructor(kind: keyof typeof PARENT, parentId: string, parent: TeamAssignment) {
    super(parent.teams);
    this.#kind = PARENT[kind];
    this.#parentId = parentId;
    this.#parent = parent;
  }

  protected say(): Bilingual {
    const p = this.#parent.why;
    return { en: `via ${this.#kind.en} ${this.#parentId} (${p.en})`, zh: `经由${this.#kind.zh} ${this.#parentId}(${p.zh})` };
  }
}

/** A security group from the instances in it (in instance order, as listed). */
class ViaInstances extends Assignment {
  readonly #via: string[];

  constructor(teams: string[], via: string[]) {
    super(teams);
    this.#via = via;
  }

  protected say(): Bilingual {
    const ids = this.teams;
    const via = this.#via;
    if (ids.length === 1) return { en: `via instances ${via.join(', ')}`, zh: `经由实例 ${via.join('、')}` };
    return { en: `shared by ${ids.join(', ')} (via instances ${via.join(', ')})`, zh: `由 ${ids.join('、')} 共用(经由实例 ${via.join('、')})` };
  }
}

/** The resource's own tag wins; the sentence keeps the instance's other opinion visible. */
class Conflict extends Assignment {
  readonly #own: TeamAssignment;
  readonly #instanceId: string;
  readonly #other: string[];

  constructor(own: TeamAssignment, instanceId: string, parent: TeamAssignment) {
    super(own.teams);
    this.#own = own;
    this.#instanceId = instanceId;
    this.#other = parent.teams;
  }

  protected say(): Bilingual {
    const own = this.#own.why;
    const other = this.#other.join(', ');
    return { en: `${own.en} (its instance ${this.#instanceId} is ${other})`, zh: `${own.zh}(其实例 ${this.#instanceId} 属于 ${other})` };
  }
}

/** One frozen list per set of teams: thousands of assignments name the same few teams. */
function teamList(lists: Map<string, string[]>, ids: readonly string[]): string[] {
  const k = ids.join('\u0000');
  let list = lists.get(k);
  if (!list) {
    list = Object.freeze([...ids]) as string[];
    lists.set(k, list);
  }
  return list;
}

// ── rules, compiled once per routing ─────────────────────────────────────────────────────────

interface Rule {
  /** Position among the rules that can match here: the lowest matching one wins. */
  at: number;
  match: OwnerMatch;
  teams: string[];
  /** The tag key and value lower-cased once, for ignoreCase rules. */
  lowKey: string | undefined;
  lowValue: string | undefined;
  /** The name glob, compiled once. */
  name: RegExp | undefined;
  /** A tag-only rule that is not ignoreCase: the one spelling it matches. */
  tag: Spelling | undefined;
}

/**
 * The rules, with the usual kind looked up instead of tried: a rule naming one tag and value
 * and nothing else is found through its tag (one look-up per resource instead of one try per
 * rule); every other rule is tried in order, only while it comes before the tag rule found.
 */
interface Rules {
  /** Tag key → (value → the first such rule), a list: walked for every resource. */
  exact: [string, Map<string, Rule>][];
  /** The same for ignoreCase rules, by lower-cased key and value. */
  loose: Map<string, Map<string, Rule>>;
  /** Spellings met by loose rules, by key then value, shared as they are found. */
  spellings: Map<string, Map<string, Spelling>>;
  rest: Rule[];
}

/** A rule for another account matches no resource here and is dropped. */
function compileRules(owners: OwnersConfig, accounts: string[], lists: Map<string, string[]>): Rules {
  let at = 0;
  const rest: Rule[] = [];
  const exact = new Map<string, Map<string, Rule>>();
  const loose = new Map<string, Map<string, Rule>>();
  for (const { team, match: m } of owners.rules) {
    const eq = (a: string, b: string) => (m.ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
    if (m.account && !accounts.some((a) => eq(a, m.account!))) continue;
    const loosely = m.ignoreCase === true && m.tag !== undefined;
    const tagOnly = m.tag?.value !== undefined && !m.resourceGroup && !m.name && !m.account && !m.region;
    const rule: Rule = {
      at: at++,
      match: m,
      teams: teamList(lists, [team]),
      lowKey: loosely ? m.tag!.key.toLowerCase() : undefined,
      lowValue: loosely ? m.tag!.value?.toLowerCase() : undefined,
      name: m.name ? globRe(m.name, m.ignoreCase === true) : undefined,
      tag: tagOnly && !loosely ? { key: m.tag!.key, value: m.tag!.value! } : undefined,
    };
    if (!tagOnly) rest.push(rule);
    else if (loosely) firstFor(loose, rule.lowKey!, rule.lowValue!, rule);
    else firstFor(exact, m.tag!.key, m.tag!.value!, rule);
  }
  return { exact: [...exact], loose, spellings: new Map(), rest };
}

function firstFor(index: Map<string, Map<string, Rule>>, key: string, value: string, rule: Rule): void {
  let values = index.get(key);
  if (!values) index.set(key, (values = new Map()));
  if (!values.has(value)) values.set(value, rule);
}

function matchRules(s: Subject, rules: Rules): Assignment | undefined {
  const found = byTag(s.tags, rules);
  const rest = rules.rest;
  for (let i = 0; i < rest.length && !(found && rest[i]!.at > found.at); i++) {
    const hit = matches(rest[i]!, s);
    if (hit) return hit;
  }
  if (!found) return undefined;
  if (found.tag) return new ByTag(found.teams, found.tag, s.id);
  // An ignoreCase rule won: the tag as this resource spells it (rare enough to look again).
  const key = looseTag(s.tags, found.lowKey!, found.lowValue)!;
  return new ByTag(found.teams, spelling(rules, key, s.tags![key]!), s.id);
}

function spelling(rules: Rules, key: string, value: string): Spelling {
  let values = rules.spellings.get(key);
  if (!values) rules.spellings.set(key, (values = new Map()));
  let tag = values.get(value);
  if (!tag) values.set(value, (tag = { key, value }));
  return tag;
}

/** The first tag-only rule the resource's tags name. */
function byTag(tags: Record<string, string> | undefined, rules: Rules): Rule | undefined {
  if (!tags) return undefined;
  let found: Rule | undefined;
  for (let i = 0; i < rules.exact.length; i++) {
    // Not destructured: unoptimized code (routing runs once per scan) would walk an iterator.
    const key = rules.exact[i]![0];
    const rule = Object.hasOwn(tags, key) ? rules.exact[i]![1].get(tags[key]!) : undefined;
    if (rule && (!found || rule.at < found.at)) found = rule;
  }
  if (rules.loose.size === 0) return found;
  for (const key in tags) {
    const rule = rules.loose.get(key.toLowerCase())?.get(tags[key]!.toLowerCase());
    if (rule && (!found || rule.at < found.at)) found = rule;
  }
  return found;
}

/** Every field the rule gives must hold (its account was checked when compiled). */
function matches(rule: Rule, s: Subject): ByRule | undefined {
  const m = rule.match;
  let key: string | undefined;
  if (m.tag) {
    key = m.ignoreCase ? looseTag(s.tags, rule.lowKey!, rule.lowValue) : exactTag(s.tags, m.tag.key, m.tag.value);
    if (key === undefined) return undefined;
  }
  const group = s.resourceGroupId;
  if (m.resourceGroup && (group === undefined || !(m.ignoreCase ? group.toLowerCase() === m.resourceGroup.toLowerCase() : group === m.resourceGroup))) return undefined;
  let name: string | undefined;
  if (m.name) {
    const re = rule.name!;
    name = s.name !== '' && re.test(s.name) ? s.name : s.id !== '' && re.test(s.id) ? s.id : undefined;
    if (name === undefined) return undefined;
  }
  if (m.region && s.region !== m.region) return undefined;
  // Built only for the rule that wins: the others are tried and dropped for every resource.
  return new ByRule(rule, s.id, { key, value: key === undefined ? undefined : s.tags![key], group: m.resourceGroup ? group : undefined, name });
}

/** A rule with more than a tag, exactly: a direct look-up. Returns the key found. */
function exactTag(tags: Record<string, string> | undefined, key: string, value: string | undefined): string | undefined {
  const v = tags && Object.hasOwn(tags, key) ? tags[key] : undefined;
  return v !== undefined && (value === undefined || v === value) ? key : undefined;
}

function looseTag(tags: Record<string, string> | undefined, lowKey: string, lowValue: string | undefined): string | undefined {
  if (!tags) return undefined;
  for (const k in tags) {
    if (k.toLowerCase() === lowKey && (lowValue === undefined || tags[k]!.toLowerCase() === lowValue)) return k;
  }
  return undefined;
}

function globRe(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

// ── the walk over the snapshot ───────────────────────────────────────────────────────────

/**
 * One routing's state, in a plain object passed to plain functions. Not closures, not a class:
 * optimized code that called one routing's closures, or read its class instances, is discarded
 * once they are collected, so a process that scans again recompiled the walk (and the scan
 * loop that calls `of`) every time, most of routing's cost then. An object literal's shape and
 * a module function outlive every routing.
 */
interface Walk {
  rules: Rules;
  lists: Map<string, string[]>;
  fallbackTeams: string[];
  /** Assignments by type, then id: findings look their resource up without building a key string. */
  known: Map<ResourceType, Map<string, TeamAssignment>>;
  unmatched: UnownedResource[];
}

export function routeTeams(snapshot: Snapshot, owners: OwnersConfig): TeamRouting {
  const accounts = [snapshot.accountName, snapshot.identity?.accountId].filter((a): a is string => Boolean(a));
  const lists = new Map<string, string[]>();
  const w: Walk = {
    rules: compileRules(owners, accounts, lists),
    lists,
    fallbackTeams: teamList(lists, owners.default ? [owners.default] : []),
    known: new Map(),
    unmatched: [],
  };
  for (const [regionId, r] of Object.entries(snapshot.regionData)) routeRegion(w, regionId, r);
  const users = table(w, 'ram-user');
  const keys = table(w, 'access-key');
  for (const u of snapshot.ram?.users ?? []) {
    const s: Subject = { type: 'ram-user', id: u.userName, name: u.userName };
    const found = matchRules(s, w.rules);
    const a = settle(w, users, s, found);
    const key = found ? new Via('user', u.userName, a) : a;
    for (const k of u.accessKeys ?? []) keys.set(k.accessKeyId, key);
  }
  const routing: TeamRouting & { walk: Walk } = { of: assignmentOf, unowned: groupUnowned(w.unmatched, owners), walk: w };
  return routing;
}

function assignmentOf(this: { walk: Walk }, ref: { type: ResourceType; id: string; name?: string; region?: string }): TeamAssignment {
  const w = this.walk;
  const hit = w.known.get(ref.type)?.get(ref.id);
  if (hit) return hit;
  // Many findings share a resource the snapshot walk did not see (a region, the account): route it once.
  const a = matchRules({ type: ref.type, id: ref.id, name: ref.name ?? ref.id, region: ref.region }, w.rules) ?? new Fallback(w.fallbackTeams, ref.id);
  table(w, ref.type).set(ref.id, a);
  return a;
}

/** The assignments of one type of resource. */
function table(w: Walk, type: ResourceType): Map<string, TeamAssignment> {
  let ids = w.known.get(type);
  if (!ids) w.known.set(type, (ids = new Map()));
  return ids;
}

/** The resource's assignment; what no rule and no inheritance reached is also listed as unowned. */
function settle(w: Walk, known: Map<string, TeamAssignment>, s: Subject, found: TeamAssignment | undefined): TeamAssignment {
  if (!found) w.unmatched.push(s.region ? { type: s.type, id: s.id, name: s.name, region: s.region } : { type: s.type, id: s.id, name: s.name });
  const a = found ?? new Fallback(w.fallbackTeams, s.id);
  known.set(s.id, a);
  return a;
}

type RegionData = Snapshot['regionData'][string];

/** Instances first: disks and security groups inherit from what their instances matched. */
function routeRegion(w: Walk, regionId: string, r: RegionData): void {
  const instances = table(w, 'instance');
  const disks = table(w, 'disk');
  const groups = table(w, 'security-group');
  const byInstance = new Map<string, TeamAssignment>();
  // A group's teams are a few: a list, not a Set per group.
  const inGroup = new Map<string, { teams: string[]; via: string[] }>();
  for (const i of r.instances ?? []) {
    const s: Subject = { type: 'instance', id: i.instanceId, name: i.instanceName, region: regionId, tags: i.tags, resourceGroupId: i.resourceGroupId };
    const found = matchRules(s, w.rules);
    settle(w, instances, s, found);
    if (!found) continue;
    byInstance.set(i.instanceId, found);
    joinGroups(inGroup, i.instanceId, i.securityGroupIds, found.teams);
  }
  for (const d of r.disks ?? []) {
    const s: Subject = { type: 'disk', id: d.diskId, name: d.diskName, region: regionId, tags: d.tags, resourceGroupId: d.resourceGroupId };
    const parent = d.instanceId ? byInstance.get(d.instanceId) : undefined;
    const own = matchRules(s, w.rules);
    settle(w, disks, s, parent && d.instanceId ? diskFrom(own, d.instanceId, parent) : own);
  }
  for (const g of r.securityGroups ?? []) {
    const s: Subject = { type: 'security-group', id: g.securityGroupId, name: g.securityGroupName, region: regionId, tags: g.tags, resourceGroupId: g.resourceGroupId };
    const users = inGroup.get(g.securityGroupId);
    // The list is copied to its length: grown by push, it holds room for 17 ids, kept by every finding on the group.
    settle(w, groups, s, matchRules(s, w.rules) ?? (users?.teams.length ? new ViaInstances(teamList(w.lists, users.teams.length > 1 ? users.teams.sort() : users.teams), users.via.slice()) : undefined));
  }
}

/** A matched instance lends its teams to its security groups. Index loops: for-of over a frozen team list allocates. */
function joinGroups(inGroup: Map<string, { teams: string[]; via: string[] }>, instanceId: string, groupIds: string[], teams: string[]): void {
  for (let i = 0; i < groupIds.length; i++) {
    let g = inGroup.get(groupIds[i]!);
    if (!g) inGroup.set(groupIds[i]!, (g = { teams: [], via: [] }));
    for (let j = 0; j < teams.length; j++) if (!g.teams.includes(teams[j]!)) g.teams.push(teams[j]!);
    g.via.push(instanceId);
  }
}

/** The disk's own rule, noting a different instance team; else the instance's. */
function diskFrom(own: TeamAssignment | undefined, instanceId: string, parent: TeamAssignment): TeamAssignment {
  if (!own) return new Via('instance', instanceId, parent);
  return parent.teams.join() === own.teams.join() ? own : new Conflict(own, instanceId, parent);
}

// ── the unowned list ─────────────────────────────────────────────────────────────────────────

/** ECS TagResources ResourceType per resource type we can suggest a tag for. */
const TAG_RESOURCE_TYPE: Partial<Record<ResourceType, string>> = { instance: 'instance', 'security-group': 'securitygroup', disk: 'disk' };
/** TagResources takes at most 50 resource ids per call. */
const TAG_BATCH = 50;

function groupUnowned(unmatched: UnownedResource[], owners: OwnersConfig): UnownedGroup[] {
  // The key the user routes by; without any tag rule, suggest the conventional "team".
  const tagKey = owners.rules.find((r) => r.match.tag)?.match.tag?.key ?? 'team';
  const taggable: UnownedResource[] = [];
  const others: UnownedResource[] = [];
  for (const r of unmatched) (TAG_RESOURCE_TYPE[r.type] && r.region ? taggable : others).push(r);
  const groups: UnownedGroup[] = [];
  if (taggable.length) groups.push({ tagKey, resources: taggable, commands: tagCommands(taggable, tagKey) });
  if (others.length) groups.push({ tagKey: null, resources: others, commands: [] });
  return groups;
}

function tagCommands(resources: UnownedResource[], tagKey: string): string[] {
  const batches = new Map<string, { region: string; type: string; ids: string[] }>();
  for (const r of resources) {
    const type = TAG_RESOURCE_TYPE[r.type]!;
    const k = `${r.region!} ${type}`;
    const b = batches.get(k);
    if (b) b.ids.push(r.id);
    else batches.set(k, { region: r.region!, type, ids: [r.id] });
  }
  const commands: string[] = [];
  for (const { region, type, ids } of batches.values()) {
    for (let i = 0; i < ids.length; i += TAG_BATCH) {
      const list = ids.slice(i, i + TAG_BATCH).map((id, j) => `--ResourceId.${j + 1} ${id}`).join(' ');
      commands.push(`aliyun ecs TagResources --RegionId ${region} --ResourceType ${type} ${list} --Tag.1.Key ${tagKey} --Tag.1.Value <team>`);
    }
  }
  return commands;
}
