import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { KEYS_WHAT } from './access-key-old.js';
import { eachUser, isActive, LIST_USERS } from './ram-common.js';
import { count } from '../../core/plural.js';

const meta: CheckMeta = {
  id: 'ram.user.multiple-active-keys',
  title: { en: 'User with more than one active AccessKey', zh: '用户有多个启用中的 AccessKey' },
  severity: 'low',
  owner: 'customer',
  service: 'ram',
  resourceType: 'ram-user',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ram-user-activated-ak-quantity-check'],
  remediation: {
    why: {
      en: 'Two active keys are normal only during a rotation; left that way, the old key lives on unwatched.',
      zh: '两个密钥同时启用只应出现在轮换期间;长期如此,旧密钥就会无人看管地一直有效。',
    },
    console: {
      en: '1. RAM console > Users > {resourceId} > AccessKey: find which key the applications use (last used date).\n2. Disable the other one, then delete it after a quiet period.',
      zh: '1. RAM 控制台 > 用户 > {resourceId} > AccessKey:根据最近使用时间确认应用在用哪个密钥。\n2. 禁用另一个,观察一段时间后删除。',
    },
    cli: 'aliyun ram UpdateAccessKey --UserName {resourceId} --UserAccessKeyId <older-key-id> --Status Inactive',
  },
  needs: [LIST_USERS, { service: 'ram', action: 'ListAccessKeys' }],
};

export const multipleActiveKeys = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, r) => {
    if (u.accessKeys === null) return unknownResult(ctx.snapshot, meta.needs, r, KEYS_WHAT);
    const active = u.accessKeys.filter(isActive);
    return active.length > 1
      ? result('fail', r, say(r, (l) => `${l} has ${active.length} active AccessKeys (${active.map((k) => k.accessKeyId).join(', ')}).`, (l) => `${l}有 ${active.length} 个启用中的 AccessKey(${active.map((k) => k.accessKeyId).join(', ')})。`), { evidence: { activeKeys: active.map((k) => k.accessKeyId) } })
      : result('pass', r, say(r, (l) => `${l} has ${count(active.length, 'active AccessKey')}.`, (l) => `${l}有 ${active.length} 个启用中的 AccessKey。`));
  }),
);
