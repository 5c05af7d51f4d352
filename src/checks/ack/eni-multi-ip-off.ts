import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, ADDONS_NEED, LIST_NEED, networkPlugin, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.eni-multi-ip-off',
  title: { en: 'ACK cluster not in Terway ENI multi-IP mode', zh: 'ACK 集群未使用 Terway ENI 多 IP 模式' },
  severity: 'low',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/work-with-terway'],
  remediation: {
    why: {
      en: 'In Terway\'s shared-ENI multi-IP mode every pod gets a VPC address, so security groups, flow logs and NetworkPolicy all see the real pod. With Flannel pods hide behind the node\'s address. The network mode is picked when you create the cluster.',
      zh: 'Terway 共享网卡多 IP 模式下每个 Pod 都有 VPC 地址,安全组、流日志和 NetworkPolicy 看到的是真实 Pod;Flannel 下 Pod 隐藏在节点地址之后。网络模式在创建集群时选定。',
    },
    console: {
      en: '1. Create a cluster with the Terway network plugin (shared ENI, multiple IPs: terway-eniip).\n2. Move the workloads of {resource} to it, then release the old cluster.',
      zh: '1. 新建一个使用 Terway 网络插件(共享网卡多 IP 模式:terway-eniip)的集群。\n2. 把 {resource} 的工作负载迁移过去,再释放旧集群。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/addon_instances --region {region}',
  },
  needs: [LIST_NEED, ADDONS_NEED],
};

export const ackEniMultiIpOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the network plugin (ListClusterAddonInstances)', zh: '网络插件(ListClusterAddonInstances)' },
    (c) => (c.addons === null ? null : networkPlugin(c.addons)),
    (_c, plugin, r) =>
      plugin === 'terway-eniip'
        ? result('pass', r, say(r, (l) => `${l} uses Terway in shared-ENI multi-IP mode.`, (l) => `${l}使用 Terway 共享网卡多 IP 模式。`))
        : result('fail', r, say(r, (l) => `${l} uses ${plugin}, not Terway's ENI multi-IP mode.`, (l) => `${l}使用 ${plugin},不是 Terway 多 IP 模式。`), { evidence: { networkPlugin: plugin } }),
  ),
);
