import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, DETAIL_NEED, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.public-api-server',
  title: { en: 'ACK cluster API server reachable from the internet', zh: 'ACK 集群 API Server 可从公网访问' },
  severity: 'high',
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/control-public-access-to-the-api-server-of-a-cluster'],
  remediation: {
    why: {
      en: 'An API server with an internet address can be probed and brute-forced by anyone, and one leaked kubeconfig is then enough to take the cluster. Alibaba Cloud runs the API server of a managed cluster; whether it gets an EIP, and who holds kubeconfigs, is yours.',
      zh: 'API Server 有公网地址时,任何人都能探测和爆破,一份泄露的 kubeconfig 就足以接管集群。托管集群的 API Server 由阿里云运行,是否为其绑定 EIP、谁持有 kubeconfig 由您决定。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource}.\n2. Basic Information > Network: unbind the EIP from the API server (or restrict its SLB access control to your office and CI addresses).\n3. Reach the cluster through the VPC, a bastion host or VPN instead, and rotate kubeconfigs that left the company.',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}。\n2. 基本信息 > 网络:解绑 API Server 的 EIP(或把其 SLB 访问控制限制为办公网和 CI 地址)。\n3. 改为经 VPC、堡垒机或 VPN 访问集群,并吊销已流出公司的 kubeconfig。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId} --region {region}',
  },
  needs: [LIST_NEED, DETAIL_NEED],
};

export const ackPublicApiServer = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the API server endpoints (DescribeClusterDetail master_url)', zh: 'API Server 访问地址(DescribeClusterDetail master_url)' },
    (c) => c.detail?.publicApiServer ?? null,
    (_c, endpoint, r) =>
      endpoint === ''
        ? result('pass', r, say(r, (l) => `${l} has no internet address on its API server (private endpoint only).`, (l) => `${l}的 API Server 没有公网地址(仅私网访问)。`))
        : result('fail', r, say(r, (l) => `${l} has its API server on the internet at ${endpoint}.`, (l) => `${l}的 API Server 暴露在公网:${endpoint}。`), {
            evidence: { publicApiServer: endpoint },
          }),
  ),
);
