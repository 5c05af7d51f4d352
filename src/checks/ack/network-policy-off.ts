import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, ADDONS_NEED, LIST_NEED, networkPlugin, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.network-policy-off',
  title: { en: 'ACK cluster network plugin cannot enforce NetworkPolicy', zh: 'ACK 集群网络插件不支持 NetworkPolicy' },
  severity: 'medium',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/use-network-policies'],
  remediation: {
    why: {
      en: 'Without NetworkPolicy every pod can reach every other pod, so one compromised container can talk to your databases and control services. On ACK only Terway enforces NetworkPolicy; Flannel ignores it. The policies themselves are yours to write.',
      zh: '没有 NetworkPolicy 时所有 Pod 之间互通,一个被攻破的容器就能访问数据库和管理服务。ACK 上只有 Terway 执行 NetworkPolicy,Flannel 会忽略它。策略本身需要您来编写。',
    },
    console: {
      en: '1. The network plugin is chosen when a cluster is created: create a cluster with Terway and Support for NetworkPolicy selected, and move the workloads of {resource} to it.\n2. Write NetworkPolicy objects that deny by default and allow only the flows each app needs (kubectl get networkpolicy -A to review).',
      zh: '1. 网络插件在创建集群时选定:新建一个选择 Terway 并勾选"支持 NetworkPolicy"的集群,把 {resource} 的工作负载迁移过去。\n2. 编写默认拒绝、只放行各应用所需流量的 NetworkPolicy(用 kubectl get networkpolicy -A 检查)。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/addon_instances --region {region}',
  },
  needs: [LIST_NEED, ADDONS_NEED],
};

export const ackNetworkPolicyOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the network plugin (ListClusterAddonInstances)', zh: '网络插件(ListClusterAddonInstances)' },
    (c) => (c.addons === null ? null : networkPlugin(c.addons)),
    (_c, plugin, r) =>
      plugin === 'flannel'
        ? result('fail', r, say(r, (l) => `${l} uses Flannel, which does not enforce NetworkPolicy.`, (l) => `${l}使用 Flannel,不执行 NetworkPolicy。`), { evidence: { networkPlugin: plugin } })
        : result('pass', r, say(r, (l) => `${l} uses Terway (${plugin}), which enforces NetworkPolicy.`, (l) => `${l}使用 Terway(${plugin}),可执行 NetworkPolicy。`)),
  ),
);
