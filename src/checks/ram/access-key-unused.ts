import { resourceGaps, unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { day, daysSince, defineCheck, result } from '../helpers.js';
import { KEYS_WHAT } from './access-key-old.js';
import { eachUser, isActive, keyRef, LIST_USERS } from './ram-common.js';
import { count } from '../../core/plural.js';

const meta: CheckMeta = {
  id: 'ram.access-key.unused',
  title: { en: 'Active AccessKey not used for a long time', zh: '启用中的 AccessKey 长期未使用' },
  severity: 'medium',
  owner: 'customer',
  service: 'ram',
  resourceType: 'access-key',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ram-user-ak-used-expired-check'],
  remediation: {
    why: {
      en: 'A key nobody uses still works for whoever finds it. Disabling it costs nothing; if something breaks you learn who still needed it.',
      zh: '没人用的密钥对捡到它的人依然有效。禁用它没有成本;如果有东西坏了,也就知道了谁还在用。',
    },
    console: {
      en: '1. RAM console > Users > {resourceName} > AccessKey: disable {resourceId}.\n2. Wait a couple of weeks; if nothing complains, delete it.',
      zh: '1. RAM 控制台 > 用户 > {resourceName} > AccessKey:禁用 {resourceId}。\n2. 等待一两周无人反馈后删除。',
    },
    cli: 'aliyun ram UpdateAccessKey --UserName {resourceName} --UserAccessKeyId {resourceId} --Status Inactive',
  },
  // GetDefaultDomain gives the user principal names GetAccessKeyLastUsed needs: without it no
  // last-used date can be read, and "no date" must not be taken for "never used".
  needs: [
    LIST_USERS,
    { service: 'ram', action: 'ListAccessKeys' },
    { service: 'ims', action: 'GetAccessKeyLastUsed' },
    { service: 'ims', action: 'GetDefaultDomain' },
  ],
};

export const accessKeyUnused = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, ur) => {
    if (u.accessKeys === null) return unknownResult(ctx.snapshot, meta.needs, ur, KEYS_WHAT);
    const limit = ctx.thresholds.accessKeyUnusedDays;
    return u.accessKeys.map((k) => {
      const r = keyRef(ctx, u, k);
      if (!isActive(k)) return result('skip', r, say(r, (l) => `${l} is disabled.`, (l) => `${l}已禁用。`));
      if (k.lastUsedDate) {
        const idle = daysSince(k.lastUsedDate, ctx.now);
        if (idle === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'when it was last used', zh: '其最近使用时间' });
        return idle > limit
          ? result('fail', r, say(r, (l) => `${l} is active but was last used ${idle} days ago (${day(k.lastUsedDate!)}).`, (l) => `${l}处于启用状态,但最近一次使用在 ${idle} 天前(${day(k.lastUsedDate!)})。`), { evidence: { lastUsedDate: k.lastUsedDate, idleDays: idle } })
          : result('pass', r, say(r, (l) => `${l} was used ${count(idle, 'day')} ago.`, (l) => `${l}在 ${idle} 天前使用过。`));
      }
      // No date: never used, unless GetAccessKeyLastUsed failed for this key.
      // The collector names per-key calls "user/key".
      const ids = [k.accessKeyId, `${u.userName}/${k.accessKeyId}`];
      if (resourceGaps(ctx.snapshot, meta.needs, ids).length > 0) {
        return unknownResult(ctx.snapshot, meta.needs, r, { en: 'when it was last used', zh: '其最近使用时间' }, { relatedIds: ids });
      }
      const age = daysSince(k.createDate, ctx.now);
      if (age !== null && age > limit) {
        return result('fail', r, say(r, (l) => `${l} is active but has never been used since it was created ${age} days ago.`, (l) => `${l}处于启用状态,但自 ${age} 天前创建以来从未使用。`), { evidence: { createDate: k.createDate } });
      }
      return result('pass', r, say(r, (l) => `${l} has not been used yet but was created recently.`, (l) => `${l}尚未使用,但创建不久。`));
    });
  }),
);
