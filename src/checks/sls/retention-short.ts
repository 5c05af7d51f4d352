import type { SlsTrailProject } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckContext, CheckMeta, CheckResult, ResourceRef } from '../model.js';
import { accountRef, defineCheck, ref, result } from '../helpers.js';
import { LOGSTORE_NEED, LOGSTORES_NEED, NO_SLS_TRAIL, PROJECTS_WHAT, TRAILS_CLI, TRAILS_NEED, trailProjectsOf } from './sls-common.js';

const meta: CheckMeta = {
  id: 'sls.retention-short',
  title: { en: 'ActionTrail logstore keeps logs too briefly', zh: '操作审计日志库保存时间过短' },
  severity: 'medium',
  owner: 'customer',
  service: 'sls',
  resourceType: 'sls-logstore',
  responsibility: 'customer.audit-monitoring',
  products: ['product.log-service', 'product.actiontrail'],
  references: ['https://www.alibabacloud.com/help/en/sls/user-guide/manage-a-logstore'],
  remediation: {
    why: {
      en: 'An intrusion is often found months after it began; once the audit logs have expired nobody can tell what happened. Log Service deletes data after the retention period you choose for the logstore: choosing it is yours.',
      zh: '入侵往往在开始数月后才被发现;审计日志一旦过期,就无法查明发生了什么。日志服务会在您为日志库设置的保存时间后删除数据:保存多久由您决定。',
    },
    console: {
      en: '1. Log Service console > project of {resource} > Logstores > {resourceName} > Modify (region {region}).\n2. Set Data Retention Period to at least the benchmark value ({minDays} days), or Permanent Storage, and save.',
      zh: '1. 日志服务控制台 > {resource}所在 Project > 日志库 > {resourceName} > 修改(地域 {region})。\n2. 把数据保存时间设为不少于基线值({minDays} 天)或永久保存,并保存。',
    },
    cli: 'aliyun sls GetLogStore --project <project> --logstore {resourceName} --RegionId {region}',
  },
  terms: { minDays: { en: 'days', zh: '天数' } },
  needs: [TRAILS_NEED, LOGSTORES_NEED, LOGSTORE_NEED],
};

function logstoreRef(ctx: CheckContext, p: SlsTrailProject): ResourceRef {
  return ref(ctx, 'sls-logstore', `${p.project}/${p.logstore}`, p.logstore, p.region);
}

function judge(ctx: CheckContext, p: SlsTrailProject): CheckResult {
  const r = logstoreRef(ctx, p);
  const min = ctx.thresholds.slsRetentionDays;
  const extra = { vars: { minDays: String(min) }, cli: `aliyun sls GetLogStore --project ${p.project} --logstore ${p.logstore} --RegionId ${p.region}` };
  if (p.logstoreFound === null) return unknownResult(ctx.snapshot, [LOGSTORES_NEED], r, { en: `whether project ${p.project} holds the trail logstore`, zh: `Project ${p.project} 是否有该跟踪日志库` }, { relatedIds: [p.project] });
  if (!p.logstoreFound) {
    return result('fail', r, say(r, (l) => `${l} of trail ${p.trailName} does not exist in project ${p.project}: the trail's logs are kept nowhere in Log Service.`, (l) => `跟踪 ${p.trailName} 的${l}在 Project ${p.project} 中不存在:该跟踪的日志没有保存在日志服务中。`), extra);
  }
  if (p.ttlDays === null) return unknownResult(ctx.snapshot, [LOGSTORE_NEED], r, { en: 'its retention period', zh: '其保存时间' }, { relatedIds: [p.project] });
  const evidence = { ttlDays: p.ttlDays, minDays: min, trail: p.trailName };
  // 3650 is how SLS reports permanent storage.
  if (p.ttlDays >= min) {
    return result('pass', r, say(r, (l) => `${l} keeps the logs of trail ${p.trailName} for ${p.ttlDays} days (at least ${min}).`, (l) => `${l}保存跟踪 ${p.trailName} 的日志 ${p.ttlDays} 天(不少于 ${min} 天)。`), { ...extra, evidence });
  }
  return result('fail', r, say(r, (l) => `${l} keeps the logs of trail ${p.trailName} for only ${p.ttlDays} days; the benchmark asks for at least ${min}.`, (l) => `${l}只保存跟踪 ${p.trailName} 的日志 ${p.ttlDays} 天;基线要求至少 ${min} 天。`), { ...extra, evidence });
}

export const slsRetentionShort = defineCheck(meta, (ctx) => {
  const all = trailProjectsOf(ctx);
  if (all === null) return [unknownResult(ctx.snapshot, [TRAILS_NEED], accountRef(ctx), PROJECTS_WHAT)];
  if (all.length === 0) {
    const r = accountRef(ctx);
    return [result('fail', r, say(r, (l) => `${l}: ${NO_SLS_TRAIL.en}.`, (l) => `${l}:${NO_SLS_TRAIL.zh}。`), { vars: { minDays: String(ctx.thresholds.slsRetentionDays) }, cli: TRAILS_CLI })];
  }
  return all.map((p) => judge(ctx, p));
});
