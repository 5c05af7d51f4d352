import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { ACK_META, DETAIL_NEED, LIST_NEED, perCluster } from './ack-common.js';

const meta: CheckMeta = {
  ...ACK_META,
  id: 'ack.cluster.secrets-encryption-off',
  title: { en: 'ACK cluster does not encrypt Secrets with a KMS key', zh: 'ACK 集群未用 KMS 密钥加密 Secret' },
  severity: 'medium',
  products: ['product.ack', 'product.kms'],
  references: ['https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/use-kms-to-encrypt-kubernetes-secrets'],
  remediation: {
    why: {
      en: 'Kubernetes keeps Secrets (passwords, tokens, keys) in etcd only base64-encoded. With a KMS key they are encrypted at rest, and whoever reads an etcd backup still cannot read them. The feature needs an ACK Pro cluster; choosing and guarding the key is yours.',
      zh: 'Kubernetes 默认只把 Secret(密码、令牌、密钥)以 base64 编码存入 etcd。配置 KMS 密钥后落盘即加密,即使拿到 etcd 备份也无法读取。该功能需要 ACK Pro 集群;选择并保管密钥由您负责。',
    },
    console: {
      en: '1. ACK console (region {region}) > Clusters: open {resource} (an ACK Pro cluster; migrate a basic one to Pro first).\n2. Security Management > Secret Encryption: turn it on and choose a KMS key you control.\n3. Rewrite existing Secrets so they are stored encrypted (kubectl get secrets -A -o json | kubectl replace -f -).',
      zh: '1. 容器服务 ACK 控制台(地域 {region})> 集群列表:打开 {resource}(需为 ACK Pro 集群,基础版请先迁移到 Pro)。\n2. 安全管理 > Secret 落盘加密:开启并选择您控制的 KMS 密钥。\n3. 重写现有 Secret 使其加密存储(kubectl get secrets -A -o json | kubectl replace -f -)。',
    },
    cli: 'aliyun cs GET /clusters/{resourceId} --region {region}',
  },
  needs: [LIST_NEED, DETAIL_NEED],
};

export const ackSecretsEncryptionOff = defineCheck(meta, (ctx) =>
  perCluster(
    ctx,
    meta.needs,
    { en: 'the Secrets encryption key (DescribeClusterDetail meta_data)', zh: 'Secret 加密密钥(DescribeClusterDetail meta_data)' },
    (c) => c.detail?.secretsEncryptionKey ?? null,
    (c, key, r) => {
      if (key !== '') return result('pass', r, say(r, (l) => `${l} encrypts Secrets with KMS key ${key}.`, (l) => `${l}已用 KMS 密钥 ${key} 加密 Secret。`));
      const pro = c.clusterSpec.startsWith('ack.pro');
      return result(
        'fail',
        r,
        say(
          r,
          (l) => `${l} stores Secrets without KMS encryption${pro ? '' : ' (it is not an ACK Pro cluster, which the feature needs)'}.`,
          (l) => `${l}未用 KMS 加密 Secret${pro ? '' : '(该集群不是 ACK Pro,此功能需要 Pro 版)'}。`,
        ),
        { evidence: { clusterSpec: c.clusterSpec } },
      );
    },
  ),
);
