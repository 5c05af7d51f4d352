// How resources are named in sentences, in both languages. Reasons always name the resource
// ("Security group web (sg-1) ..."), so readers never have to look an id up.

import type { Bilingual, ResourceRef, ResourceType } from './model.js';

export const RESOURCE_NOUNS: Record<ResourceType, Bilingual> = {
  'security-group': { zh: '安全组', en: 'Security group' },
  instance: { zh: '实例', en: 'Instance' },
  disk: { zh: '云盘', en: 'Disk' },
  'auto-snapshot-policy': { zh: '自动快照策略', en: 'Automatic snapshot policy' },
  region: { zh: '地域', en: 'Region' },
  vpc: { zh: '专有网络', en: 'VPC' },
  'ram-user': { zh: 'RAM 用户', en: 'RAM user' },
  'ram-group': { zh: 'RAM 用户组', en: 'RAM group' },
  'access-key': { zh: 'AccessKey', en: 'AccessKey' },
  'ram-policy': { zh: '权限策略', en: 'Policy' },
  account: { zh: '账号', en: 'Account' },
  'kms-key': { zh: 'KMS 密钥', en: 'KMS key' },
  certificate: { zh: 'SSL 证书', en: 'SSL certificate' },
  'network-acl': { zh: '网络 ACL', en: 'Network ACL' },
  trail: { zh: '操作审计跟踪', en: 'Trail' },
  'rds-instance': { zh: 'RDS 实例', en: 'RDS instance' },
  'ack-cluster': { zh: 'ACK 集群', en: 'ACK cluster' },
  'sls-logstore': { zh: '日志库', en: 'Logstore' },
  'oss-bucket': { zh: 'OSS 存储空间', en: 'OSS bucket' },
};

/** "Security group web (sg-1)" / "安全组 web(sg-1)"; the name is left out when it adds nothing. */
export function label(r: Pick<ResourceRef, 'type' | 'id' | 'name'>): Bilingual {
  const noun = RESOURCE_NOUNS[r.type];
  // An AccessKey is named by its owner: "AccessKey LTAI... of RAM user alice".
  if (r.type === 'access-key' && r.name !== '' && r.name !== r.id) {
    return { en: `AccessKey ${r.id} of RAM user ${r.name}`, zh: `RAM 用户 ${r.name} 的 AccessKey（${r.id}）` };
  }
  const named = r.name !== '' && r.name !== r.id;
  return {
    en: named ? `${noun.en} ${r.name} (${r.id})` : `${noun.en} ${r.id}`,
    zh: named ? `${noun.zh} ${r.name}(${r.id})` : `${noun.zh} ${r.id}`,
  };
}

/** Build a bilingual sentence from the resource label: say(res, l => `${l} is ...`, l => `${l}...`). */
export function say(
  r: Pick<ResourceRef, 'type' | 'id' | 'name'>,
  en: (l: string) => string,
  zh: (l: string) => string,
): Bilingual {
  const l = label(r);
  return { en: en(l.en), zh: zh(l.zh) };
}
