import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, ADDONS_NEED, ADDONS_WHAT, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.log-service-off',
  title: { en: 'ACK cluster does not collect logs to Log Service', zh: 'ACK 集群未把日志采集到日志服务' },
  severity: 'medium',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/collect-log-data-from-containers-by-using-log-service'],
  remediation: {
    why: {
      en: 'Without the Log Service agent (logtail-ds) container logs live only on the nodes and disappear with them, so an incident cannot be reconstructed. Alibaba Cloud offers the agent; installing it and deciding what to keep is yours.',
      zh: '未安装日志服务采集组件(logtail-ds)时,容器日志只留在节点上,节点释放即丢失,出事后无法还原经过。阿里云提供该组件,安装并决定保留哪些日志由您负责。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource}.\n2. Operations > Add-ons > Logs and Monitoring: install logtail-ds (Log Service).\n3. Create collection configs for your workloads, and turn on control plane and audit logs under Log Center.',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}。\n2. 运维管理 > 组件管理 > 日志与监控:安装 logtail-ds(日志服务)。\n3. 为业务创建采集配置,并在日志中心开启控制面组件日志和审计日志。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId}/addon_instances --region {region}',
  },
  needs: [LIST_NEED, ADDONS_NEED],
};

export const ackLogServiceOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    ADDONS_WHAT,
    (c) => c.addons,
    (_c, addons, r) =>
      addons.includes('logtail-ds')
        ? result('pass', r, say(r, (l) => `${l} collects logs with logtail-ds (Log Service).`, (l) => `${l}已用 logtail-ds 采集日志到日志服务。`))
        : result('fail', r, say(r, (l) => `${l} has no Log Service agent (logtail-ds) installed.`, (l) => `${l}未安装日志服务采集组件(logtail-ds)。`), {
            evidence: { addons },
          }),
  ),
);
