import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { day, daysSince, defineCheck, result } from '../helpers.js';
import { eachUser, isActive, keyRef, LIST_USERS } from './ram-common.js';
import { count } from '../../core/plural.js';

export const KEYS_WHAT = { en: 'its AccessKeys', zh: '其 AccessKey 列表' };

const meta: CheckMeta = {
  id: 'ram.access-key.old',
  title: { en: 'AccessKey not rotated', zh: 'AccessKey 长期未轮换' },
  severity: 'medium',
  owner: 'customer',
  service: 'ram',
  resourceType: 'access-key',
  responsibility: 'customer.account-security',
  products: ['product.ram', 'product.kms'],
  references: ['ram-user-ak-create-date-expired-check'],
  remediation: {
    why: {
      en: 'The longer a key lives, the more places it gets copied to (laptops, CI logs, old images). Rotating keys is yours; KMS Secrets Manager can rotate RAM keys for you.',
      zh: '密钥存在越久,被复制到的地方(电脑、CI 日志、旧镜像)越多。轮换密钥由您负责;KMS 凭据管家可以代为轮换 RAM 密钥。',
    },
    console: {
      en: '1. RAM console > Users > {resourceName} > AccessKey: create a second key.\n2. Switch every application to the new key.\n3. Disable {resourceId}, watch for errors for a few days, then delete it.',
      zh: '1. RAM 控制台 > 用户 > {resourceName} > AccessKey:创建第二个密钥。\n2. 把所有应用切换到新密钥。\n3. 禁用 {resourceId},观察几天无报错后删除。',
    },
    cli: 'aliyun ram CreateAccessKey --UserName {resourceName}',
  },
  needs: [LIST_USERS, { service: 'ram', action: 'ListAccessKeys' }],
};

export const accessKeyOld = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, ur) => {
    if (u.accessKeys === null) return unknownResult(ctx.snapshot, meta.needs, ur, KEYS_WHAT);
    return u.accessKeys.map((k) => {
      const r = keyRef(ctx, u, k);
      if (!isActive(k)) return result('skip', r, say(r, (l) => `${l} is disabled.`, (l) => `${l}已禁用。`));
      const age = daysSince(k.createDate, ctx.now);
      if (age === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its creation date', zh: '其创建时间' });
      const max = ctx.thresholds.accessKeyMaxAgeDays;
      return age > max
        ? result('fail', r, say(r, (l) => `${l} was created ${age} days ago (${day(k.createDate)}), more than ${max}.`, (l) => `${l}创建于 ${age} 天前(${day(k.createDate)}),超过 ${max} 天。`), { evidence: { createDate: k.createDate, ageDays: age } })
        : result('pass', r, say(r, (l) => `${l} is ${count(age, 'day')} old.`, (l) => `${l}已使用 ${age} 天。`));
    });
  }),
);
