import { resourceGaps, unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { day, daysSince, defineCheck, result } from '../helpers.js';
import { eachUser, LIST_USERS } from './ram-common.js';
import { count } from '../../core/plural.js';

const meta: CheckMeta = {
  id: 'ram.user.console-idle',
  title: { en: 'Console access unused for a long time', zh: '控制台登录权限长期未使用' },
  severity: 'medium',
  owner: 'customer',
  service: 'ram',
  resourceType: 'ram-user',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ram-user-last-login-expired-check'],
  remediation: {
    why: {
      en: 'A password nobody uses is a password nobody notices being used by someone else. Removing access people no longer need is yours.',
      zh: '没人用的密码被别人使用时也没人会发现。收回不再需要的访问权限由您负责。',
    },
    console: {
      en: '1. RAM console > Identities > Users > {resourceId}: confirm with the owner that console access is no longer needed.\n2. Authentication > Console Logon Management > disable console logon (keep the user if its AccessKeys are still in use).',
      zh: '1. RAM 控制台 > 身份管理 > 用户 > {resourceId}:与使用者确认不再需要控制台登录。\n2. 认证管理 > 控制台登录管理 > 关闭控制台登录(若其 AccessKey 仍在使用则保留该用户)。',
    },
    cli: 'aliyun ram DeleteLoginProfile --UserName {resourceId}',
  },
  needs: [LIST_USERS, { service: 'ram', action: 'GetUser' }, { service: 'ram', action: 'GetLoginProfile' }],
};

export const consoleIdle = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, r) => {
    if (u.hasConsoleLogin === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether it can sign in to the console', zh: '其是否能登录控制台' });
    if (!u.hasConsoleLogin) return result('skip', r, say(r, (l) => `${l} cannot sign in to the console.`, (l) => `${l}没有控制台登录权限。`));
    const limit = ctx.thresholds.consoleIdleDays;
    if (u.lastLoginDate) {
      const idle = daysSince(u.lastLoginDate, ctx.now);
      if (idle === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its last login date', zh: '其最近登录时间' });
      return idle > limit
        ? result('fail', r, say(r, (l) => `${l} has not signed in to the console for ${idle} days (last on ${day(u.lastLoginDate!)}).`, (l) => `${l}已 ${idle} 天未登录控制台(最近一次 ${day(u.lastLoginDate!)})。`), { evidence: { lastLoginDate: u.lastLoginDate, idleDays: idle } })
        : result('pass', r, say(r, (l) => `${l} last signed in ${count(idle, 'day')} ago.`, (l) => `${l}最近一次登录在 ${idle} 天前。`));
    }
    // No date: either never signed in, or GetUser failed for this user.
    if (resourceGaps(ctx.snapshot, meta.needs, [u.userName, u.userId]).length > 0) {
      return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its last login date', zh: '其最近登录时间' });
    }
    const age = daysSince(u.createDate, ctx.now);
    if (age !== null && age > limit) {
      return result('fail', r, say(r, (l) => `${l} has console access but has never signed in since it was created ${age} days ago.`, (l) => `${l}有控制台登录权限,但自 ${age} 天前创建以来从未登录。`), { evidence: { createDate: u.createDate } });
    }
    return result('pass', r, say(r, (l) => `${l} has not signed in yet but was created recently.`, (l) => `${l}尚未登录,但创建不久。`));
  }),
);
