import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result, withList } from '../helpers.js';
import { TRAILS_NEED, TRAILS_WHAT, trailRef, trailsOf } from './trail-common.js';

const meta: CheckMeta = {
  id: 'actiontrail.partial-events',
  title: { en: 'Trail records only some events', zh: '跟踪只记录部分事件' },
  severity: 'medium',
  owner: 'customer',
  service: 'actiontrail',
  resourceType: 'trail',
  responsibility: 'customer.audit-monitoring',
  products: ['product.actiontrail'],
  references: ['https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-describetrails'],
  remediation: {
    why: {
      en: 'A trail that records only write events misses who read secrets, keys and data (and a read-only one misses every change). Choosing what is recorded is yours.',
      zh: '只记录写事件的跟踪看不到谁读取了密钥和数据(只记录读事件则看不到任何变更)。记录哪些事件由您决定。',
    },
    console: {
      en: '1. ActionTrail console > Trails: open {resource} (home region {region}).\n2. Set Event type to All (read and write events) and save.\n3. Check that the delivery target has room for the extra read events.',
      zh: '1. 操作审计控制台 > 跟踪列表:打开 {resource}(所属地域 {region})。\n2. 将事件类型设为全部(读写事件)并保存。\n3. 确认投递目标能容纳新增的读事件。',
    },
    cli: 'aliyun actiontrail DescribeTrails --RegionId {region} --NameList {resourceId}',
  },
  needs: [TRAILS_NEED],
};

export const actiontrailPartialEvents = defineCheck(meta, (ctx) =>
  withList(ctx, undefined, trailsOf(ctx), meta.needs, TRAILS_WHAT, (trails) =>
    trails.map((t) => {
      const r = trailRef(ctx, t);
      if (t.eventRw === 'All') return result('pass', r, say(r, (l) => `${l} records read and write events.`, (l) => `${l}记录读写全部事件。`));
      const kind = t.eventRw === 'Read' ? { en: 'read', zh: '读' } : { en: 'write', zh: '写' };
      return result('fail', r, say(r, (l) => `${l} records only ${kind.en} events (EventRW ${t.eventRw}).`, (l) => `${l}只记录${kind.zh}事件(EventRW ${t.eventRw})。`), {
        evidence: { eventRw: t.eventRw },
      });
    }),
  ),
);
