import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result, withList } from '../helpers.js';
import { TRAILS_NEED, TRAILS_WHAT, TRAIL_STATUS_NEED, trailRef, trailsOf } from './trail-common.js';

const meta: CheckMeta = {
  id: 'actiontrail.not-logging',
  title: { en: 'Trail not logging', zh: '跟踪未在记录' },
  severity: 'high',
  owner: 'customer',
  service: 'actiontrail',
  resourceType: 'trail',
  responsibility: 'customer.audit-monitoring',
  products: ['product.actiontrail'],
  references: ['https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-gettrailstatus'],
  remediation: {
    why: {
      en: 'A trail that exists but is stopped records nothing: the events of that time are lost for good. Starting it again is yours.',
      zh: '已创建但已停止的跟踪不会记录任何事件,期间的事件将永久缺失。重新开启由您负责。',
    },
    console: {
      en: '1. ActionTrail console > Trails: open {resource} (home region {region}).\n2. Turn logging on (Enable), and check that the delivery target (SLS or OSS) still exists and the role may write to it.\n3. Reload the page and check the status reads logging.',
      zh: '1. 操作审计控制台 > 跟踪列表:打开 {resource}(所属地域 {region})。\n2. 开启记录(启用),并确认投递目标(SLS 或 OSS)仍存在且角色有写入权限。\n3. 刷新页面,确认状态为正在记录。',
    },
    cli: 'aliyun actiontrail GetTrailStatus --RegionId {region} --Name {resourceId}',
  },
  needs: [TRAILS_NEED, TRAIL_STATUS_NEED],
};

export const actiontrailNotLogging = defineCheck(meta, (ctx) =>
  withList(ctx, undefined, trailsOf(ctx), meta.needs, TRAILS_WHAT, (trails) =>
    trails.map((t) => {
      const r = trailRef(ctx, t);
      if (t.isLogging === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its logging status', zh: '其记录状态' });
      return t.isLogging
        ? result('pass', r, say(r, (l) => `${l} is logging.`, (l) => `${l}正在记录。`))
        : result('fail', r, say(r, (l) => `${l} is not logging (status ${t.status}): no events are being recorded by it.`, (l) => `${l}未在记录(状态 ${t.status}):它没有记录任何事件。`), {
            evidence: { status: t.status, trailRegion: t.trailRegion },
          });
    }),
  ),
);
