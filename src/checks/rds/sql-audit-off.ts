import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perInstance } from './rds-common.js';

const meta: CheckMeta = {
  id: 'rds.sql-audit-off',
  title: { en: 'RDS instance without SQL audit', zh: 'RDS 实例未开启 SQL 审计' },
  severity: 'medium',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.audit-monitoring',
  products: ['product.rds'],
  references: ['https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/use-the-sql-explorer-and-audit-feature'],
  remediation: {
    why: {
      en: 'Without SQL audit (SQL Explorer) nobody can tell afterwards which statements ran, from where, and who read or changed data. The service records them once you turn it on and choose the retention.',
      zh: '未开启 SQL 审计(SQL 洞察)时,事后无法查明执行过哪些语句、来自哪里、谁读取或修改了数据。开启并设置保存时长后,由服务负责记录。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Autonomy Service > SQL Explorer and Audit: turn it on.\n3. Choose a retention that meets your audit needs (CIS: at least 180 days).',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 自治服务 > SQL 洞察和审计:开启。\n3. 选择满足审计要求的保存时长(CIS 建议至少 180 天)。',
    },
    cli: 'aliyun rds ModifySQLCollectorPolicy --RegionId {region} --DBInstanceId {resourceId} --SQLCollectorStatus Enable',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeSQLCollectorPolicy' }],
};

export const rdsSqlAuditOff = defineCheck(meta, (ctx) =>
  perInstance(
    ctx,
    meta.needs,
    { en: 'the SQL audit setting (DescribeSQLCollectorPolicy)', zh: 'SQL 审计设置(DescribeSQLCollectorPolicy)' },
    (d) => d.sqlAuditEnabled,
    (_d, on, r) =>
      on
        ? result('pass', r, say(r, (l) => `${l} has SQL audit on.`, (l) => `${l}已开启 SQL 审计。`))
        : result('fail', r, say(r, (l) => `${l} has SQL audit off.`, (l) => `${l}未开启 SQL 审计。`), { evidence: { sqlAuditEnabled: false } }),
  ),
);
