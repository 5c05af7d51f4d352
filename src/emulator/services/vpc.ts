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
};
