import { PG_LOG_PARAMETERS } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { defineCheck, regionsOf, result, withList } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta, CheckResult } from '../model.js';
import { INSTANCES_WHAT, LIST_NEED, rdsRef } from './rds-common.js';

// One result per parameter per PostgreSQL instance (detail = the parameter), so CIS 6.7, 6.8 and
// 6.9 each see their own rule. Other engines have no such parameters: not applicable, not a pass.
const meta: CheckMeta = {
  id: 'rds.pg-logging-off',
  title: { en: 'RDS PostgreSQL connection or duration logging off', zh: 'RDS PostgreSQL 未开启连接或耗时日志' },
  severity: 'low',
  owner: 'customer',
  service: 'rds',
  resourceType: 'rds-instance',
  responsibility: 'customer.audit-monitoring',
  products: ['product.rds'],
  references: ['https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-postgresql/modify-the-parameters-of-an-apsaradb-rds-for-postgresql-instance'],
  remediation: {
    why: {
      en: 'Without connection, disconnection and duration logs nobody can tell afterwards who connected, for how long, or which statements were slow or unusual. The parameters are yours to set.',
      zh: '不记录连接、断开和语句耗时,事后就无法查明谁连接过、连接多久、哪些语句缓慢或异常。这些参数由您设置。',
    },
    console: {
      en: '1. RDS console (region {region}) > Instances: open {resource}.\n2. Parameters: set {detail} to on, and apply (it takes effect without a restart).',
      zh: '1. 云数据库 RDS 控制台(地域 {region})> 实例列表:打开 {resource}。\n2. 参数设置:将 {detail} 设为 on 并提交(无需重启即可生效)。',
    },
    cli: 'aliyun rds DescribeParameters --RegionId {region} --DBInstanceId {resourceId}',
  },
  terms: { detail: { en: 'parameter', zh: '参数' } },
  needs: [LIST_NEED, { service: 'rds', action: 'DescribeParameters' }],
};

export const rdsPgLoggingOff = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.rdsInstances ?? null, meta.needs, INSTANCES_WHAT, (instances) =>
      instances.flatMap((d): CheckResult[] => {
        const r = rdsRef(ctx, d);
        if (d.engine !== 'PostgreSQL') {
          return [result('skip', r, say(r, (l) => `${l} runs ${d.engine}, which has no PostgreSQL logging parameters.`, (l) => `${l}运行 ${d.engine},没有 PostgreSQL 日志参数。`))];
        }
        const params = d.pgLogParameters ?? null;
        if (params === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the running parameters (DescribeParameters)', zh: '运行参数(DescribeParameters)' })];
        return PG_LOG_PARAMETERS.map((name) => {
          const value = params[name];
          if (value === undefined) {
            const e = unknownResult(ctx.snapshot, meta.needs, r, { en: `the parameter ${name}, which DescribeParameters did not report`, zh: `参数 ${name}(DescribeParameters 未返回)` });
            return { ...e, detail: name };
          }
          return value === 'on'
            ? result('pass', r, say(r, (l) => `${l} has ${name} on.`, (l) => `${l}已开启 ${name}。`), { detail: name })
            : result('fail', r, say(r, (l) => `${l} has ${name} ${value}.`, (l) => `${l}的 ${name} 为 ${value}。`), { detail: name, evidence: { [name]: value } });
        });
      }),
    ),
  ),
);
