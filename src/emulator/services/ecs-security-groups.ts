// ECS: security groups and their rules.

import type { SecurityGroupRule } from '../../cloud/snapshot.js';
import { ApiError, invalidParameter } from '../api-error.js';
import type { Handlers } from '../handler.js';
import { ecsPage, tokenPage } from '../paging.js';
import type { ScenarioSecurityGroup } from '../scenario.js';
import { filterEq, filterIn, tagSet } from './shape.js';

function groupBody(g: ScenarioSecurityGroup): Record<string, unknown> {
  return {
    SecurityGroupId: g.securityGroupId,
    SecurityGroupName: g.securityGroupName,
    Description: g.description,
    VpcId: g.vpcId ?? '',
    SecurityGroupType: g.securityGroupType,
    ServiceManaged: g.serviceManaged,
    ...(g.ecsCount !== null ? { EcsCount: g.ecsCount, AvailableInstanceAmount: Math.max(0, 2000 - g.ecsCount) } : {}),
    RuleCount: g.rules.length,
    GroupToGroupRuleCount: g.rules.filter((r) => r.sourceGroupId || r.destGroupId).length,
    CreationTime: g.creationTime,
    ResourceGroupId: g.resourceGroupId ?? '',
    Tags: tagSet(g.tags),
  };
}

function ruleBody(r: SecurityGroupRule, createTime: string): Record<string, unknown> {
  return {
    SecurityGroupRuleId: r.ruleId,
    Direction: r.direction,
    IpProtocol: r.ipProtocol,
    PortRange: r.portRange,
    SourcePortRange: '',
    SourceCidrIp: r.sourceCidrIp,
    Ipv6SourceCidrIp: r.ipv6SourceCidrIp,
    DestCidrIp: r.destCidrIp,
    Ipv6DestCidrIp: r.ipv6DestCidrIp,
    SourceGroupId: r.sourceGroupId,
    DestGroupId: r.destGroupId,
    SourceGroupName: '',
    DestGroupName: '',
    SourceGroupOwnerAccount: '',
    DestGroupOwnerAccount: '',
    SourcePrefixListId: '',
    DestPrefixListId: '',
    Policy: r.policy,
    Priority: String(r.priority),
    NicType: 'intranet',
    Description: r.description,
    CreateTime: createTime,
  };
}

const DIRECTIONS = new Set(['all', 'ingress', 'egress']);

export const securityGroupHandlers: Handlers = {
  DescribeSecurityGroups: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterIn(region.securityGroups, p.jsonList('SecurityGroupIds'), (g) => g.securityGroupId);
    items = filterEq(items, p.get('SecurityGroupId'), (g) => g.securityGroupId);
    items = filterEq(items, p.get('VpcId'), (g) => g.vpcId);
    items = filterEq(items, p.get('SecurityGroupType'), (g) => g.securityGroupType);
    const managed = p.bool('ServiceManaged');
    if (managed !== undefined) items = items.filter((g) => g.serviceManaged === managed);
    const page = ecsPage(items, p, { token: { defaultSize: 10, maxSize: 100 }, pages: { defaultSize: 10, maxSize: 50 } });
    return { ...page.fields, RegionId: region.regionId, SecurityGroups: { SecurityGroup: page.items.map(groupBody) } };
  },

  DescribeSecurityGroupAttribute: ({ params: p, data }) => {
    const index = data.regionOf(p);
    const id = p.required('SecurityGroupId');
    const group = index.securityGroups.get(id);
    if (!group) throw new ApiError(404, 'InvalidSecurityGroupId.NotFound', 'The specified SecurityGroupId does not exist.');
    const direction = p.get('Direction') ?? 'all';
    if (!DIRECTIONS.has(direction)) throw invalidParameter('Direction', 'valid values are all, ingress and egress');
    const rules = group.rules.filter((r) => direction === 'all' || r.direction.toLowerCase() === direction);
    // Without MaxResults/NextToken the API answers every rule at once, as older clients expect.
    const paged = p.get('MaxResults') !== undefined || p.get('NextToken') !== undefined;
    const page = paged ? tokenPage(rules, p, { defaultSize: 500, maxSize: 1000 }) : { items: rules, fields: {} };
    return {
      ...page.fields,
      RegionId: index.region.regionId,
      SecurityGroupId: group.securityGroupId,
      SecurityGroupName: group.securityGroupName,
      Description: group.description,
      VpcId: group.vpcId ?? '',
      InnerAccessPolicy: 'Accept',
      Permissions: { Permission: page.items.map((r) => ruleBody(r, group.creationTime)) },
    };
  },
};
