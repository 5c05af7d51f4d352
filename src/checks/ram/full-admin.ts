import type { AttachedPolicy, PolicyDocument } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta, CheckResult } from '../model.js';
import { defineCheck, ref, result, withList } from '../helpers.js';
import { POLICIES_WHAT } from './direct-policy.js';
import { eachUser, LIST_USERS } from './ram-common.js';
import { count } from '../../core/plural.js';

// Two ways to grant everything: a custom policy allowing "*" on "*", and the system policy
// AdministratorAccess. Checking only custom policies misses the second (a common tool bug).
export const ADMIN_POLICY = 'AdministratorAccess';

const meta: CheckMeta = {
  id: 'ram.policy.full-admin',
  title: { en: 'Full administrator permissions granted', zh: '授予了完全管理员权限' },
  severity: 'critical',
  owner: 'customer',
  service: 'ram',
  resourceType: 'ram-policy',
  responsibility: 'customer.least-privilege',
  products: ['product.ram'],
  references: ['ram-policy-no-statements-with-admin-access-check', 'ram-user-no-product-admin-access'],
  remediation: {
    why: {
      en: 'Whoever holds "*" on "*" can do anything in the account, including deleting audit trails and creating new admins. Deciding who gets which permissions is yours.',
      zh: '拥有 "*" 对 "*" 权限的人可以在账号内做任何事,包括删除审计记录、创建新的管理员。谁获得哪些权限由您决定。',
    },
    console: {
      en: '1. RAM console > Permissions > Policies: see who holds {policy} (References tab).\n2. Write narrower policies for what each holder actually does (one service, named resources) and grant those.\n3. Detach the full-admin grant; keep at most a few break-glass administrators with MFA.',
      zh: '1. RAM 控制台 > 权限管理 > 权限策略:在“引用记录”中查看谁持有 {policy}。\n2. 按实际工作为持有者编写更窄的策略(单一服务、指定资源)并授权。\n3. 解除完全管理员授权,只保留极少数开启 MFA 的应急管理员。',
    },
    cli: 'aliyun ram DetachPolicyFromUser --PolicyType System --PolicyName AdministratorAccess --UserName {resourceId}',
  },
  terms: { policy: { en: 'policy-name', zh: '策略名称' } },
  needs: [
    { service: 'ram', action: 'ListPolicies' },
    { service: 'ram', action: 'GetPolicyVersion' },
    LIST_USERS,
    { service: 'ram', action: 'ListPoliciesForUser' },
    { service: 'ram', action: 'ListGroups' },
    { service: 'ram', action: 'ListPoliciesForGroup' },
  ],
};

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? ['*'] : Array.isArray(v) ? v : [v]);

/** An Allow statement whose actions include "*" (or "*:*") and whose resources include "*". */
export function grantsEverything(doc: PolicyDocument): boolean {
  return doc.Statement.some(
    (s) =>
      s.Effect.toLowerCase() === 'allow' &&
      asList(s.Action).some((a) => a.trim() === '*' || a.trim() === '*:*') &&
      asList(s.Resource).some((r) => r.trim() === '*'),
  );
}

const isAdminPolicy = (p: AttachedPolicy) => p.policyName === ADMIN_POLICY && p.policyType.toLowerCase() === 'system';

export const fullAdmin = defineCheck(meta, (ctx) => {
  const ram = ctx.snapshot.ram;
  const out: CheckResult[] = [];
  out.push(
    ...withList(ctx, undefined, ram?.customPolicies ?? null, meta.needs, { en: 'the list of custom policies', zh: '自定义策略列表' }, (policies) =>
      policies.map((p) => {
        const r = ref(ctx, 'ram-policy', p.policyName, p.policyName);
        if (p.document === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its policy document', zh: '其策略内容' });
        return grantsEverything(p.document)
          ? result('fail', r, say(r, (l) => `${l} (custom) allows every action on every resource; it is attached ${count(p.attachmentCount, 'time')}.`, (l) => `${l}(自定义)允许对所有资源执行所有操作,被引用 ${p.attachmentCount} 次。`), {
              evidence: { attachmentCount: p.attachmentCount, defaultVersion: p.defaultVersion },
              cli: 'aliyun ram ListEntitiesForPolicy --PolicyType Custom --PolicyName {resourceId}',
              vars: { policy: p.policyName },
            })
          : result('pass', r, say(r, (l) => `${l} (custom) does not allow every action on every resource.`, (l) => `${l}(自定义)未授予全部权限。`));
      }),
    ),
  );
  // AdministratorAccess on users and groups: only failures (and unknowns) are reported per holder.
  out.push(
    ...eachUser(ctx, meta.needs, (u, r) => {
      if (u.policies === null) return unknownResult(ctx.snapshot, meta.needs, r, POLICIES_WHAT, { detail: ADMIN_POLICY });
      if (!u.policies.some(isAdminPolicy)) return [];
      return result('fail', r, say(r, (l) => `${l} has the system policy AdministratorAccess attached directly.`, (l) => `${l}被直接授予了系统策略 AdministratorAccess。`), { detail: ADMIN_POLICY, vars: { policy: ADMIN_POLICY } });
    }),
  );
  out.push(
    ...withList(ctx, undefined, ram?.groups ?? null, meta.needs, { en: 'the list of RAM groups', zh: 'RAM 用户组列表' }, (groups) =>
      groups.flatMap((g) => {
        const r = ref(ctx, 'ram-group', g.groupName, g.groupName);
        if (g.policies === null) return [unknownResult(ctx.snapshot, meta.needs, r, POLICIES_WHAT, { detail: ADMIN_POLICY })];
        if (!g.policies.some(isAdminPolicy)) return [];
        return [
          result('fail', r, say(r, (l) => `${l} has the system policy AdministratorAccess: every member is a full administrator.`, (l) => `${l}被授予系统策略 AdministratorAccess:组内每个成员都是完全管理员。`), {
            detail: ADMIN_POLICY,
            vars: { policy: ADMIN_POLICY },
            cli: 'aliyun ram DetachPolicyFromGroup --PolicyType System --PolicyName AdministratorAccess --GroupName {resourceId}',
          }),
        ];
      }),
    ),
  );
  return out;
});
