import type { AckNodePool } from '../../cloud/snapshot.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.cloudmonitor-off',
  title: { en: 'ACK node pool without the CloudMonitor agent', zh: 'ACK 节点池未安装云监控插件' },
  severity: 'low',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/create-a-node-pool'],
  remediation: {
    why: {
      en: 'Without the CloudMonitor agent the worker nodes send no host metrics or alerts, so a node that is full, overloaded or mining is noticed late. The nodes are ECS instances you own; the agent is switched on per node pool.',
      zh: '未安装云监控插件时,工作节点不上报主机指标和告警,磁盘写满、负载过高或被挖矿都难以及时发现。节点是您的 ECS 实例,插件按节点池开启。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource}.\n2. Nodes > Node Pools: edit each pool named in the finding.\n3. Under Advanced Options, select Install CloudMonitor Agent on ECS Instance, and save (new nodes get it; install it on existing nodes from the CloudMonitor console).',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}。\n2. 节点管理 > 节点池:编辑结果中列出的每个节点池。\n3. 在高级选项中勾选"在 ECS 节点上安装云监控插件"并保存(新节点生效;已有节点在云监控控制台安装)。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/nodepools --region {region}',
  },
  needs: [LIST_NEED, { service: 'cs', action: 'DescribeClusterNodePools' }],
};

/** A pool whose flag was not reported makes the cluster unknown, unless another pool already fails. */
function poolsOrUnknown(pools: AckNodePool[] | null): AckNodePool[] | null {
  if (pools === null) return null;
  const off = pools.some((p) => p.cmsEnabled === false);
  return off || pools.every((p) => p.cmsEnabled !== null) ? pools : null;
}

export const ackCloudMonitorOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the node pools and their CloudMonitor setting (DescribeClusterNodePools)', zh: '节点池及其云监控设置(DescribeClusterNodePools)' },
    (c) => poolsOrUnknown(c.nodePools),
    (_c, pools, r) => {
      const off = pools.filter((p) => p.cmsEnabled === false).map((p) => p.name || p.nodePoolId);
      if (off.length === 0) {
        return result('pass', r, say(r, (l) => `Every node pool of ${l} installs the CloudMonitor agent (${pools.length} pools).`, (l) => `${l}的所有节点池都安装云监控插件(共 ${pools.length} 个)。`));
      }
      const names = off.join(', ');
      return result('fail', r, say(r, (l) => `${l} has node pools without the CloudMonitor agent: ${names}.`, (l) => `${l}有节点池未安装云监控插件:${names}。`), {
        evidence: { nodePoolsWithoutCms: off },
      });
    },
  ),
);
