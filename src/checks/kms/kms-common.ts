// What the KMS checks share: the needs, and which keys are the customer's to manage.

import type { KmsKey, KmsKeyMeta } from '../../cloud/snapshot.js';
import type { Bilingual, Need } from '../model.js';

export const KMS_NEEDS: Need[] = [
  { service: 'kms', action: 'ListKeys' },
  { service: 'kms', action: 'DescribeKey' },
];

export const KEYS_WHAT: Bilingual = { en: 'the list of KMS keys', zh: 'KMS 密钥列表' };
export const KEY_META_WHAT: Bilingual = { en: 'the key metadata (DescribeKey)', zh: '密钥元数据(DescribeKey)' };

/** A key someone in the account created has an account uid as its creator; a service key names the service. */
export function isServiceKey(m: KmsKeyMeta): boolean {
  return m.creator !== '' && !/^\d+$/.test(m.creator);
}

/** KMS rotates only symmetric keys whose material it generated itself. */
export function canRotate(m: KmsKeyMeta): boolean {
  return m.origin.toLowerCase() === 'aliyun_kms' && !/^(RSA|EC)_/i.test(m.keySpec);
}

export function keysOf(list: KmsKey[] | null | undefined): KmsKey[] | null {
  return list ?? null;
}
