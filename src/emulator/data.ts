// A scenario indexed for serving: lookups by id and name, and the "not found" errors the real
// services answer when a lookup fails. Built once per emulator; the scenario never changes.

import type { AttachedPolicy, Instance, PolicyDocument } from '../cloud/snapshot.js';
import { entityNotFound, invalidRegion } from './api-error.js';
import type { Params } from './params.js';
import type { Scenario, ScenarioRamGroup, ScenarioRamUser, ScenarioRegion, ScenarioSecurityGroup } from './scenario.js';
import { SYSTEM_POLICIES } from './system-policies.js';

export interface RegionIndex {
  region: ScenarioRegion;
  instances: Map<string, Instance>;
  securityGroups: Map<string, ScenarioSecurityGroup>;
}

/** A policy as RAM lists it, system or custom. */
export interface ServedPolicy extends AttachedPolicy {
  description: string;
  defaultVersion: string;
  attachmentCount: number;
  createDate: string;
  document: PolicyDocument;
}

const SYSTEM_POLICY_DATE = '2015-04-28T16:00:00Z';

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

export class AccountData {
  readonly users: ScenarioRamUser[];
  readonly policies: ServedPolicy[];
  private readonly regions: Map<string, RegionIndex>;
  private readonly usersByName: Map<string, ScenarioRamUser>;
  private readonly groupsByName: Map<string, ScenarioRamGroup>;
  private readonly policiesByKey: Map<string, ServedPolicy>;

  constructor(readonly scenario: Scenario) {
    this.regions = new Map(
      Object.values(scenario.regions).map((region) => [
        region.regionId,
        {
          region,
          instances: byKey(region.instances, (x) => x.instanceId),
          securityGroups: byKey(region.securityGroups, (g) => g.securityGroupId),
        },
      ]),
    );
    const { ram } = scenario;
    this.users = ram.users;
    this.usersByName = byKey(ram.users, (u) => u.userName);
    this.groupsByName = byKey(ram.groups, (g) => g.groupName);
    const system = this.systemPolicies();
    const custom = ram.customPolicies.map((p): ServedPolicy => ({ ...p, policyType: 'Custom' }));
    this.policies = [...system, ...custom];
    this.policiesByKey = byKey(this.policies, (p) => `${p.policyType}:${p.policyName}`);
  }

  private systemPolicies(): ServedPolicy[] {
    const entities = [...this.scenario.ram.users, ...this.scenario.ram.groups];
    return SYSTEM_POLICIES.map((p) => ({
      ...p,
      policyType: 'System',
      defaultVersion: 'v1',
      createDate: SYSTEM_POLICY_DATE,
      attachmentCount: entities.filter((e) => e.policies.some((a) => a.policyType === 'System' && a.policyName === p.policyName)).length,
    }));
  }

  get accountId(): string {
    return this.scenario.account.accountId;
  }

  regionList(): ScenarioRegion[] {
    return [...this.regions.values()].map((r) => r.region);
  }

  /** The region named by the request's RegionId (required). */
  regionOf(p: Params): RegionIndex {
    const regionId = p.required('RegionId');
    const index = this.regions.get(regionId);
    if (!index) throw invalidRegion(regionId);
    return index;
  }

  user(userName: string): ScenarioRamUser {
    const user = this.usersByName.get(userName);
    if (!user) throw entityNotFound('EntityNotExist.User', `The user does not exist: ${userName}.`);
    return user;
  }

  /** IMS names users as user@<accountId>.onaliyun.com (or the account alias). */
  principalName(user: ScenarioRamUser): string {
    return `${user.userName}@${this.accountId}.onaliyun.com`;
  }

  userByPrincipal(p: Params): ScenarioRamUser {
    const upn = p.required('UserPrincipalName');
    const at = upn.lastIndexOf('@');
    const domain = upn.slice(at + 1);
    const { accountId, accountAlias } = this.scenario.account;
    const domainOk = domain === `${accountId}.onaliyun.com` || (accountAlias !== null && domain === `${accountAlias}.onaliyun.com`);
    if (at <= 0 || !domainOk) throw entityNotFound('EntityNotExist.User', `The user does not exist: ${upn}.`);
    return this.user(upn.slice(0, at));
  }

  userOfAccessKey(accessKeyId: string): ScenarioRamUser | undefined {
    return this.users.find((u) => u.accessKeys.some((k) => k.accessKeyId === accessKeyId));
  }

  group(groupName: string): ScenarioRamGroup {
    const group = this.groupsByName.get(groupName);
    if (!group) throw entityNotFound('EntityNotExist.Group', `The group does not exist: ${groupName}.`);
    return group;
  }

  /** An attached policy as RAM lists it (attachments are validated, so it always exists). */
  attached(a: AttachedPolicy): ServedPolicy | undefined {
    return this.policiesByKey.get(`${a.policyType}:${a.policyName}`);
  }

  policy(p: Params): ServedPolicy {
    const name = p.required('PolicyName');
    const type = p.required('PolicyType');
    const policy = this.policiesByKey.get(`${type}:${name}`);
    if (!policy) throw entityNotFound('EntityNotExist.Policy', `The policy does not exist: ${name}.`);
    return policy;
  }
}
