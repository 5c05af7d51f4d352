import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perInstance } from './rds-common.js';

/** CIS v2 6.4: SQL audit logs kept 6 months or longer (the console offers 30, 180, 365... days). */
export const MIN_AUDIT_RETENTION_DAYS = 180;

const meta: CheckMeta = {
  id: 'rds.sql-audit-short-retention',
  title: { en: 'RDS SQL audit logs kept less than 6 months', zh: 'RDS SQL 审计日志保存不足 6 个月' },
  severity: 'low',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.audit-monitoring',
  products: ['product.rds'],
  references: ['rds-instance-sql-collector-retention', 'https://www.alibabacloud.com/help/en/rds/developer-reference/api-rds-2014-08-15-describesqlcollectorretention'],
  remediation: {
    why: {
      en: 'An intrusion is often found months after it began; audit logs that are already deleted by then cannot tell what was read or changed. The service keeps them for as long as you choose.',
      zh: '入侵往往在发生数月后才被发现;届时若审计日志已被删除,就无法查明读取或修改了什么。服务按您选择的时长保存日志。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Autonomy Service > SQL Explorer and Audit > Service Settings.\n3. Set the storage duration to 180 days or longer, and save.',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 自治服务 > SQL 洞察和审计 > 服务设置。\n3. 将存储时长设为 180 天或更长,并保存。',
    },
    cli: 'aliyun rds ModifySQLCollectorRetention --RegionId {region} --DBInstanceId {resourceId} --ConfigValue 180',
  },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeSQLCollectorPolicy' }, { service: 'rds', action: 'DescribeSQLCollectorRetention' }],
};

export const rdsSqlAuditShortRetention = defineCheck(meta, (ctx) =>
  perInstance(
    ctx,
    meta.needs,
    { en: 'the SQL audit retention (DescribeSQLCollectorRetention)', zh: 'SQL 审计保存时长(DescribeSQLCollectorRetention)' },
    // Audit off keeps nothing at all, whatever the retention says; either unknown is unknown.
    (d) => (d.sqlAuditEnabled === false ? 0 : d.sqlAuditEnabled === null ? null : (d.sqlAuditRetentionDays ?? null)),
    (d, days, r) => {
      if (d.sqlAuditEnabled === false) {
        return result('fail', r, say(r, (l) => `${l} keeps no SQL audit logs: SQL audit is off (see rds.sql-audit-off).`, (l) => `${l}未保存任何 SQL 审计日志:SQL 审计未开启(见 rds.sql-audit-off)。`), {
          evidence: { sqlAuditEnabled: false },
        });
      }
      return days >= MIN_AUDIT_RETENTION_DAYS
        ? result('pass', r, say(r, (l) => `${l} keeps SQL audit logs for ${days} days.`, (l) => `${l}的 SQL 审计日志保存 ${days} 天。`))
        : result('fail', r, say(r, (l) => `${l} keeps SQL audit logs for only ${days} days (at least ${MIN_AUDIT_RETENTION_DAYS} wanted).`, (l) => `${l}的 SQL 审计日志仅保存 ${days} 天(应至少 ${MIN_AUDIT_RETENTION_DAYS} 天)。`), {
            evidence: { sqlAuditRetentionDays: days },
          });
    },
  ),
);
