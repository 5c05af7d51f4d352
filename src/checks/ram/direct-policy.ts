import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachUser, LIST_USERS } from './ram-common.js';

export const POLICIES_WHAT = { en: 'its attached policies', zh: '其授权策略' };

const meta: CheckMeta = {
  id: 'ram.user.direct-policy',
  title: { en: 'Policies attached directly to a user', zh: '权限策略直接授予用户' },
  severity: 'low',
  owner: 'customer',
  service: 'ram',
  resourceType: 'ram-user',
  responsibility: 'customer.least-privilege',
  products: ['product.ram'],
  references: [],
  remediation: {
    why: {
      en: 'Permissions granted user by user drift apart and are hard to review; granting through groups (or roles) keeps who-can-do-what in one place.',
      zh: '逐个用户授权会越来越分散、难以审查;通过用户组(或角色)授权,谁能做什么一目了然。',
    },
    console: {
      en: '1. RAM console > Groups: put the permissions {resourceId} needs on a group (create one if none fits) and add the user to it.\n2. Users > {resourceId} > Permissions: remove the directly attached policies.',
      zh: '1. RAM 控制台 > 用户组:把 {resourceId} 需要的权限授予一个用户组(没有合适的就新建),并把用户加入该组。\n2. 用户 > {resourceId} > 权限管理:移除直接授予的策略。',
    },
    cli: 'aliyun ram ListPoliciesForUser --UserName {resourceId}',
  },
  needs: [LIST_USERS, { service: 'ram', action: 'ListPoliciesForUser' }],
};

export const directPolicy = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, r) => {
    if (u.policies === null) return unknownResult(ctx.snapshot, meta.needs, r, POLICIES_WHAT);
    if (u.policies.length === 0) return result('pass', r, say(r, (l) => `${l} gets its permissions through groups or roles only.`, (l) => `${l}仅通过用户组或角色获得权限。`));
    const names = u.policies.map((p) => p.policyName).join(', ');
    return result('fail', r, say(r, (l) => `${l} has policies attached directly: ${names}.`, (l) => `${l}被直接授予了策略:${names}。`), { evidence: { policies: u.policies } });
  }),
);
