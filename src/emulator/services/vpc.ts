// VPC (2016-04-28): networks and their flow logs.

import type { Handlers } from '../handler.js';
import { numberPage } from '../paging.js';
import { filterEq, filterIn } from './shape.js';

export const vpcHandlers: Handlers = {
  DescribeVpcs: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    // VpcId takes up to 20 ids separated by commas.
    let items = filterIn(region.vpcs, p.get('VpcId')?.split(','), (v) => v.vpcId);
    items = filterEq(items, p.get('VpcName'), (v) => v.vpcName);
    const isDefault = p.bool('IsDefault');
    if (isDefault !== undefined) items = items.filter((v) => v.isDefault === isDefault);
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 50 });
    return {
      ...page.fields,
      Vpcs: {
        Vpc: page.items.map((v) => ({
          VpcId: v.vpcId,
          VpcName: v.vpcName,
          RegionId: v.regionId,
          CidrBlock: v.cidrBlock,
          IsDefault: v.isDefault,
          Status: 'Available',
          Description: '',
          CreationTime: '2025-06-01T00:00:00Z',
          VRouterId: `vrt-${v.vpcId.replace(/^vpc-/, '')}`,
          VSwitchIds: { VSwitchId: [] },
          Tags: { Tag: [] },
        })),
      },
    };
  },

  DescribeFlowLogs: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterEq(region.flowLogs, p.get('FlowLogId'), (f) => f.flowLogId);
    items = filterEq(items, p.get('ResourceId'), (f) => f.resourceId);
    items = filterEq(items, p.get('ResourceType'), (f) => f.resourceType);
    items = filterEq(items, p.get('Status'), (f) => f.status);
    const vpcId = p.get('VpcId');
    if (vpcId !== undefined) items = items.filter((f) => f.resourceType === 'VPC' && f.resourceId === vpcId);
    const page = numberPage(items, p, { defaultSize: 20, maxSize: 50 });
    return {
      // This API returns its counters as strings.
      PageNumber: String(page.fields['PageNumber']),
      PageSize: String(page.fields['PageSize']),
      TotalCount: String(items.length),
      Success: 'true',
      FlowLogs: {
        FlowLog: page.items.map((f) => ({
          FlowLogId: f.flowLogId,
          FlowLogName: f.flowLogName,
          RegionId: f.regionId,
          ResourceType: f.resourceType,
          ResourceId: f.resourceId,
          Status: f.status,
          TrafficType: 'All',
          ProjectName: 'vpc-flowlog',
          LogStoreName: `flowlog-${f.regionId}`,
          AggregationInterval: 10,
          CreationTime: '2025-06-01T00:00:00Z',
          Description: '',
        })),
      },
    };
  },

  DescribeNetworkAcls: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterEq(region.networkAcls, p.get('NetworkAclId'), (a) => a.networkAclId);
    items = filterEq(items, p.get('VpcId'), (a) => a.vpcId);
    const resourceId = p.get('ResourceId');
    if (resourceId !== undefined) items = items.filter((a) => a.boundVSwitches.includes(resourceId));
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 100 });
    return {
      // This API returns its counters as strings.
      PageNumber: String(page.fields['PageNumber']),
      PageSize: String(page.fields['PageSize']),
      TotalCount: String(items.length),
      NetworkAcls: {
        NetworkAcl: page.items.map((a) => ({
          NetworkAclId: a.networkAclId,
          NetworkAclName: a.networkAclName,
          RegionId: a.regionId,
          VpcId: a.vpcId,
          Status: a.status,
          Description: '',
          CreationTime: '2025-06-01T00:00:00Z',
          OwnerId: Number(data.accountId),
          IngressAclEntries: {
            IngressAclEntry: a.ingress.map((e) => ({
              NetworkAclEntryId: e.entryId,
              NetworkAclEntryName: e.entryName,
              Policy: e.policy,
              Protocol: e.protocol,
              Port: e.port,
              SourceCidrIp: e.sourceCidrIp,
              EntryType: e.entryType,
              IpVersion: e.sourceCidrIp.includes(':') ? 'IPV6' : 'IPV4',
              Description: '',
            })),
          },
          EgressAclEntries: { EgressAclEntry: [] },
          Resources: { Resource: a.boundVSwitches.map((id) => ({ ResourceId: id, ResourceType: 'VSwitch', Status: 'BINDED' })) },
          Tags: { Tag: [] },
        })),
      },
    };
  },

  DescribeVpnGateways: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterEq(region.vpnGateways, p.get('VpnGatewayId'), (g) => g.vpnGatewayId);
    items = filterEq(items, p.get('VpcId'), (g) => g.vpcId);
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 50 });
    return {
      ...page.fields,
      VpnGateways: {
        VpnGateway: page.items.map((g) => ({
          VpnGatewayId: g.vpnGatewayId,
          VpcId: g.vpcId,
          Name: g.name,
          Status: 'active',
          BusinessStatus: 'Normal',
          Spec: '10M',
          SslVpn: 'disable',
          IpsecVpn: 'enable',
          CreateTime: 1748736000000,
          Description: '',
          Tags: { Tag: [] },
        })),
      },
    };
  },
};
