import { accountOf, defineCheck, result } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import type { RdsEncryptionKey } from '../../cloud/snapshot.js';
import { LIST_NEED, perInstance } from './rds-common.js';

const meta: CheckMeta = {
  id: 'rds.tde-no-own-key',
  title: { en: 'RDS instance not encrypted with a key of your own (BYOK)', zh: 'RDS 实例未使用自有密钥(BYOK)加密' },
  severity: 'low',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.data-security',
  products: ['product.rds', 'product.kms'],
  references: ['https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-describedbinstanceencryptionkey'],
  remediation: {
    why: {
      en: 'With a service key, Alibaba Cloud alone decides who may use it. With a KMS key of your own you control its policy, rotation and deletion, and can cut off access to the data.',
      zh: '使用服务密钥时,由阿里云决定谁能使用该密钥;使用您自己的 KMS 密钥,密钥策略、轮转和删除都由您掌控,必要时可切断对数据的访问。',
    },
    console: {
      en: '1. KMS console (region {region}): create a customer master key.\n2. RDS console > Instances: open {resource} > Data Security > TDE.\n3. Turn TDE on with that custom key (TDE cannot be turned off again), and check the key shows as Valid.',
      zh: '1. KMS 控制台(地域 {region}):创建一个用户主密钥。\n2. RDS 控制台 > 实例列表:打开 {resource} > 数据安全性 > TDE。\n3. 使用该自定义密钥开启 TDE(开启后无法关闭),并确认密钥状态为有效。',
    },
    cli: 'aliyun rds DescribeDBInstanceEncryptionKey --RegionId {region} --DBInstanceId {resourceId}',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeDBInstanceTDE' }, { service: 'rds', action: 'DescribeDBInstanceEncryptionKey' }],
};

interface KeyState {
  tde: boolean;
  key: RdsEncryptionKey | null;
}

export const rdsTdeNoOwnKey = defineCheck(meta, (ctx) => {
  const account = accountOf(ctx.snapshot);
  return perInstance<KeyState>(
    ctx,
    meta.needs,
    { en: 'the TDE setting and encryption key (DescribeDBInstanceTDE, DescribeDBInstanceEncryptionKey)', zh: 'TDE 设置与加密密钥(DescribeDBInstanceTDE、DescribeDBInstanceEncryptionKey)' },
    // TDE off needs no key lookup to fail; TDE on needs the key, else it is unknown.
    (d) => (d.tdeEnabled === false ? { tde: false, key: null } : d.tdeEnabled === true && d.encryptionKey ? { tde: true, key: d.encryptionKey } : null),
    (_d, { tde, key }, r) => {
      if (!tde || key === null) {
        return result('fail', r, say(r, (l) => `${l} has TDE off, so no key of yours protects its data (see rds.tde-off).`, (l) => `${l}未开启 TDE,其数据没有受您自己的密钥保护(见 rds.tde-off)。`), {
          evidence: { tdeEnabled: false },
        });
      }
      if (key.keyId === '') {
        return result('fail', r, say(r, (l) => `${l} uses no custom key: its data is encrypted with a service key.`, (l) => `${l}未使用自定义密钥,数据由服务密钥加密。`), { evidence: { encryptionKey: key } });
      }
      // Whose key it is needs this account's id; a failed identity call must not read as "not yours".
      if (!ctx.snapshot.identity) {
        return result('error', r, say(r, (l) => `Cannot tell whether key ${key.keyId} of ${l} is this account's own: the account id is unknown (sts:GetCallerIdentity failed).`, (l) => `无法判断${l}的密钥 ${key.keyId} 是否为本账号所有:账号 ID 未知(sts:GetCallerIdentity 调用失败)。`), {
          evidence: { encryptionKey: key },
        });
      }
      // A key this account created is its own; one created by the service (or anyone else) is not.
      if (key.creator !== account) {
        return result('fail', r, say(r, (l) => `${l} uses key ${key.keyId}, created by ${key.creator || 'an unnamed creator'}, not by this account.`, (l) => `${l}使用的密钥 ${key.keyId} 由 ${key.creator || '未知创建者'} 创建,并非本账号。`), {
          evidence: { encryptionKey: key, account },
        });
      }
      return result('pass', r, say(r, (l) => `${l} is encrypted with key ${key.keyId} of this account.`, (l) => `${l}使用本账号的密钥 ${key.keyId} 加密。`));
    },
  );
});
