import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perInstance } from './rds-common.js';

const meta: CheckMeta = {
  id: 'rds.ssl-off',
  title: { en: 'RDS instance without SSL encryption', zh: 'RDS 实例未开启 SSL 加密' },
  severity: 'high',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.data-security',
  products: ['product.rds'],
  references: ['https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-ssl-encryption-for-an-apsaradb-rds-for-mysql-instance'],
  remediation: {
    why: {
      en: 'Without SSL, queries, results and passwords cross the network in clear text. The service offers encryption in transit; turning it on and making clients use it is yours.',
      zh: '未开启 SSL 时,查询、结果和密码都以明文在网络上传输。服务提供传输加密,开启它并让客户端使用是您的责任。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Data Security > SSL: turn SSL encryption on for the connection string your clients use.\n3. Download the CA certificate and configure clients to verify it.',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 数据安全性 > SSL:为客户端使用的连接地址开启 SSL 加密。\n3. 下载 CA 证书并配置客户端校验。',
    },
    cli: 'aliyun rds DescribeDBInstanceSSL --RegionId {region} --DBInstanceId {resourceId}',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeDBInstanceSSL' }],
};

export const rdsSslOff = defineCheck(meta, (ctx) =>
  perInstance(
    ctx,
    meta.needs,
    { en: 'the SSL setting (DescribeDBInstanceSSL)', zh: 'SSL 设置(DescribeDBInstanceSSL)' },
    (d) => d.sslEnabled,
    (_d, on, r) =>
      on
        ? result('pass', r, say(r, (l) => `${l} has SSL encryption on.`, (l) => `${l}已开启 SSL 加密。`))
        : result('fail', r, say(r, (l) => `${l} has SSL encryption off.`, (l) => `${l}未开启 SSL 加密。`), { evidence: { sslEnabled: false } }),
  ),
);
