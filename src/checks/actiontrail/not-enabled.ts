import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { Bilingual, CheckMeta } from '../model.js';
import { accountRef, defineCheck, result, withList } from '../helpers.js';
import type { Trail } from '../../cloud/snapshot.js';
import { destinationOf, TRAILS_NEED, TRAILS_WHAT, TRAIL_STATUS_NEED, trailsOf } from './trail-common.js';

const meta: CheckMeta = {
  id: 'actiontrail.not-enabled',
  title: { en: 'No enabled trail records all regions', zh: '没有记录全部地域的已启用跟踪' },
  severity: 'critical',
  owner: 'customer',
  service: 'actiontrail',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.actiontrail'],
  references: ['actiontrail-enabled', 'https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail'],
  remediation: {
    why: {
      en: 'Without a trail that records every region and keeps the events in SLS or OSS, nobody can tell later who changed or deleted what: ActionTrail only keeps 90 days of events in its console. Creating and keeping the trail is yours.',
      zh: '没有记录全部地域并把事件投递到 SLS 或 OSS 的跟踪,事后就无法查明谁修改或删除了什么:操作审计控制台只保留 90 天事件。创建并维护跟踪由您负责。',
    },
    console: {
      en: '1. ActionTrail console > Trails: create a trail (or edit an existing one) for account {account}.\n2. Set Region to All regions and Event type to All (read and write).\n3. Deliver to an SLS Logstore or an OSS bucket, save, and make sure the trail shows as enabled and logging.',
      zh: '1. 操作审计控制台 > 跟踪列表:为账号 {account}创建跟踪(或编辑已有跟踪)。\n2. 地域选择全部地域,事件类型选择全部(读写)。\n3. 投递到 SLS 日志库或 OSS Bucket,保存后确认跟踪状态为已启用且正在记录。',
    },
    cli: 'aliyun actiontrail DescribeTrails --RegionId cn-hangzhou --IncludeShadowTrails true',
  },
  needs: [TRAILS_NEED, TRAIL_STATUS_NEED],
};

/** Why one trail does not do the job, or null when it does. */
function shortfall(t: Trail): Bilingual | null {
  if (t.status !== 'Enable') return { en: `${t.name} is ${t.status || 'not enabled'}`, zh: `${t.name} 状态为 ${t.status || '未启用'}` };
  if (t.isLogging === false) return { en: `${t.name} is not logging`, zh: `${t.name} 未在记录` };
  if (t.trailRegion !== 'All') return { en: `${t.name} records only ${t.trailRegion}`, zh: `${t.name} 只记录 ${t.trailRegion}` };
  if (destinationOf(t) === null) return { en: `${t.name} delivers to neither SLS nor OSS`, zh: `${t.name} 未投递到 SLS 或 OSS` };
  return null;
}

export const actiontrailNotEnabled = defineCheck(meta, (ctx) =>
  withList(ctx, undefined, trailsOf(ctx), meta.needs, TRAILS_WHAT, (trails) => {
    const r = accountRef(ctx);
    // A trail whose logging state is unknown cannot be the one that passes.
    const good = trails.find((t) => shortfall(t) === null && t.isLogging === true);
    if (good) {
      return [
        result('pass', r, say(r, (l) => `${l} has trail ${good.name} recording all regions into ${destinationOf(good)}.`, (l) => `${l}有跟踪 ${good.name} 记录全部地域并投递到 ${destinationOf(good)}。`), {
          evidence: { trail: good.name },
        }),
      ];
    }
    // A trail that would do, but whose logging state is unknown, leaves the answer unknown.
    const undecided = trails.filter((t) => shortfall(t) === null);
    if (undecided.length > 0) {
      return [unknownResult(ctx.snapshot, meta.needs, r, { en: `whether trail ${undecided.map((t) => t.name).join(', ')} is logging`, zh: `跟踪 ${undecided.map((t) => t.name).join(', ')} 是否在记录` }, { relatedIds: undecided.map((t) => t.name) })];
    }
    const why = trails.map(shortfall).filter((b): b is Bilingual => b !== null);
    const tail: Bilingual =
      trails.length === 0 ? { en: 'there is no trail at all', zh: '没有任何跟踪' } : { en: why.map((b) => b.en).join('; '), zh: why.map((b) => b.zh).join(';') };
    return [
      result('fail', r, say(r, (l) => `${l} has no enabled trail recording all regions into SLS or OSS: ${tail.en}.`, (l) => `${l}没有记录全部地域并投递到 SLS 或 OSS 的已启用跟踪:${tail.zh}。`), {
        evidence: { trails: trails.map((t) => t.name) },
      }),
    ];
  }),
);
