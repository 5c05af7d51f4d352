import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, ADDONS_NEED, ADDONS_WHAT, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.dashboard-on',
  title: { en: 'ACK cluster runs the Kubernetes dashboard', zh: 'ACK 集群运行 Kubernetes Dashboard' },
  severity: 'medium',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/manage-system-components'],
  remediation: {
    why: {
      en: 'The Kubernetes dashboard is a well-known way into clusters: exposed, or bound to a powerful service account, it hands out control of every workload. The ACK console does the same job with your RAM identity, so the add-on is not needed.',
      zh: 'Kubernetes Dashboard 是入侵集群的常见入口:一旦暴露或绑定高权限服务账号,就等于交出所有工作负载的控制权。ACK 控制台以您的 RAM 身份提供同样功能,无需该组件。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource}.\n2. Operations > Add-ons: find kubernetes-dashboard and uninstall it.\n3. Delete any Service, Ingress or ClusterRoleBinding left for it (kubectl get svc,ingress,clusterrolebinding -A | grep dashboard).',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}。\n2. 运维管理 > 组件管理:找到 kubernetes-dashboard 并卸载。\n3. 删除为它留下的 Service、Ingress 或 ClusterRoleBinding(kubectl get svc,ingress,clusterrolebinding -A | grep dashboard)。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/addon_instances --region {region}',
  },
  needs: [LIST_NEED, ADDONS_NEED],
};

export const ackDashboardOn = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    ADDONS_WHAT,
    (c) => c.addons,
    (_c, addons, r) =>
      addons.includes('kubernetes-dashboard')
        ? result('fail', r, say(r, (l) => `${l} has the kubernetes-dashboard add-on installed.`, (l) => `${l}安装了 kubernetes-dashboard 组件。`), {
            evidence: { addon: 'kubernetes-dashboard' },
          })
        : result('pass', r, say(r, (l) => `${l} does not run the Kubernetes dashboard.`, (l) => `${l}未运行 Kubernetes Dashboard。`)),
  ),
);
