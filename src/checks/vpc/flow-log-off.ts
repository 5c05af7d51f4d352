import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { count } from '../../core/plural.js';

// Only an Active flow log on the VPC itself counts: vSwitch or ENI logs cover part of it, which
// the sentence mentions so nobody has to guess.
const meta: CheckMeta = {
  id: 'vpc.flow-log-off',
  title: { en: 'VPC without a flow log', zh: '专有网络未开启流日志' },
  severity: 'medium',
  owner: 'customer',
  service: 'vpc',
  resourceType: 'vpc',
  responsibility: 'customer.audit-monitoring',
  products: ['product.vpc'],
  references: ['vpc-flow-logs-enabled'],
  remediation: {
    why: {
      en: 'Without flow logs there is no record of which addresses talked to your instances; investigating an incident starts blind.',
      zh: '没有流日志就没有“谁访问过您的实例”的记录,安全事件调查无从下手。',
    },
    console: {
      en: '1. VPC console > Flow Logs (region {region}) > Create Flow Log.\n2. Resource type VPC, resource {resource}, traffic type All.\n3. Deliver to a Simple Log Service project and logstore, and set how long to keep the logs.',
      zh: '1. 专有网络控制台 > 流日志(地域 {region})> 创建流日志。\n2. 资源类型选专有网络,资源 {resource},流量类型“全部流量”。\n3. 投递到日志服务的 Project 和 Logstore,并设置日志保存时间。',
    },
    cli: 'aliyun vpc CreateFlowLog --RegionId {region} --ResourceType VPC --ResourceId {resourceId} --TrafficType All --ProjectName <sls-project> --LogStoreName <logstore>',
  },
  needs: [
    { service: 'vpc', action: 'DescribeVpcs' },
    { service: 'vpc', action: 'DescribeFlowLogs' },
  ],
};

export const flowLogOff = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.vpcs, meta.needs, { en: 'the list of VPCs', zh: '专有网络列表' }, (vpcs) =>
      withList(ctx, region.regionId, region.flowLogs, meta.needs, { en: 'the list of flow logs', zh: '流日志列表' }, (logs) =>
        vpcs.map((v) => {
          const r = ref(ctx, 'vpc', v.vpcId, v.vpcName, v.regionId);
          const active = logs.filter((f) => f.status.toLowerCase() === 'active');
          const own = active.find((f) => f.resourceType.toLowerCase() === 'vpc' && f.resourceId === v.vpcId);
          if (own) return result('pass', r, say(r, (l) => `${l} has active flow log ${own.flowLogId}.`, (l) => `${l}已开启流日志 ${own.flowLogId}。`));
          const partial = active.filter((f) => f.resourceType.toLowerCase() !== 'vpc');
          const note = partial.length > 0 ? { en: ` (${count(partial.length, 'vSwitch/ENI-level flow log')} in the region may cover part of it)`, zh: `(地域内另有 ${partial.length} 个交换机/网卡级流日志,可能覆盖其中一部分)` } : { en: '', zh: '' };
          return result('fail', r, say(r, (l) => `${l} has no active VPC flow log${note.en}.`, (l) => `${l}没有生效的专有网络流日志${note.zh}。`), {
            evidence: { partialFlowLogs: partial.map((f) => f.flowLogId) },
          });
        }),
      ),
    ),
  ),
);
