import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perInstance } from './rds-common.js';

const meta: CheckMeta = {
  id: 'rds.tde-off',
  title: { en: 'RDS instance without transparent data encryption', zh: 'RDS 实例未开启透明数据加密(TDE)' },
  severity: 'medium',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.data-security',
  products: ['product.rds', 'product.kms'],
  references: ['https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-tde-for-an-apsaradb-rds-for-mysql-instance'],
  remediation: {
    why: {
      en: 'Without TDE, data files and backups are stored unencrypted. RDS encrypts them with a KMS key once you turn it on; the choice of key is yours, and TDE cannot be turned off again.',
      zh: '未开启 TDE 时,数据文件和备份以未加密形式存储。开启后 RDS 使用 KMS 密钥加密;选用哪个密钥由您决定,且 TDE 开启后无法关闭。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Data Security > TDE: turn TDE on, with a service key or your own KMS key.\n3. Encrypt the tables that hold sensitive data.',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 数据安全性 > TDE:开启 TDE,选择服务密钥或自有 KMS 密钥。\n3. 对存有敏感数据的表执行加密。',
    },
    cli: 'aliyun rds ModifyDBInstanceTDE --RegionId {region} --DBInstanceId {resourceId} --TDEStatus Enabled',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeDBInstanceTDE' }],
};

export const rdsTdeOff = defineCheck(meta, (ctx) =>
  perInstance(
    ctx,
    meta.needs,
    { en: 'the TDE setting (DescribeDBInstanceTDE)', zh: 'TDE 设置(DescribeDBInstanceTDE)' },
    (d) => d.tdeEnabled,
    (_d, on, r) =>
      on
        ? result('pass', r, say(r, (l) => `${l} has TDE on.`, (l) => `${l}已开启 TDE。`))
        : result('fail', r, say(r, (l) => `${l} has TDE off.`, (l) => `${l}未开启 TDE。`), { evidence: { tdeEnabled: false } }),
  ),
);
