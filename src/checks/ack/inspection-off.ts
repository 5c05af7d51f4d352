import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.inspection-off',
  title: { en: 'ACK cluster without scheduled cluster inspection', zh: 'ACK 集群未开启定期集群巡检' },
  severity: 'low',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/work-with-the-cluster-inspection-feature'],
  remediation: {
    why: {
      en: 'Cluster inspection finds risky configurations, expiring certificates and failing components before they turn into outages or openings. ACK runs it for you, but only once you schedule it; it runs daily, which meets the benchmark\'s weekly minimum.',
      zh: '集群巡检能在故障或漏洞发生前发现高风险配置、即将过期的证书和异常组件。ACK 代为执行,但需要您先设置计划;巡检按天执行,满足基线每周至少一次的要求。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource}.\n2. Inspections and Diagnostics > Cluster Inspection: Configure Inspection.\n3. Turn on scheduled inspection, pick a time, and subscribe someone to the reports.',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}。\n2. 巡检和诊断 > 集群巡检:巡检配置。\n3. 开启定期巡检,选择时间,并指定接收报告的人。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/inspectConfig --region {region}',
  },
  needs: [LIST_NEED, { service: 'cs', action: 'GetClusterInspectConfig' }],
};

export const ackInspectionOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the inspection schedule (GetClusterInspectConfig)', zh: '巡检计划(GetClusterInspectConfig)' },
    (c) => c.inspection,
    (_c, inspection, r) =>
      inspection.enabled
        ? result('pass', r, say(r, (l) => `${l} runs cluster inspection on a schedule (${inspection.recurrence || 'daily'}).`, (l) => `${l}已开启定期集群巡检(${inspection.recurrence || '每天'})。`))
        : result('fail', r, say(r, (l) => `${l} has no scheduled cluster inspection.`, (l) => `${l}未开启定期集群巡检。`), { evidence: { inspection } }),
  ),
);
