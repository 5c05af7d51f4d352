import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachUser, LIST_USERS } from './ram-common.js';

const meta: CheckMeta = {
  id: 'ram.user.console-no-mfa',
  title: { en: 'Console user without MFA', zh: '控制台用户未绑定 MFA' },
  severity: 'high',
  owner: 'customer',
  service: 'ram',
  resourceType: 'ram-user',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ram-user-mfa-check'],
  remediation: {
    why: {
      en: 'A phished or reused password is enough to sign in to the console as this user. Alibaba Cloud offers MFA; turning it on for your users is yours.',
      zh: '密码一旦被钓鱼或撞库,就能以该用户身份登录控制台。阿里云提供 MFA,为用户启用则由您负责。',
    },
    console: {
      en: '1. RAM console > Identities > Users > {resourceId} > Authentication.\n2. Require MFA at the next login (or bind a virtual MFA device together with the user).\n3. Consider Security Settings > "MFA required at login" for everyone.',
      zh: '1. RAM 控制台 > 身份管理 > 用户 > {resourceId} > 认证管理。\n2. 要求其下次登录时绑定 MFA(或与用户一起绑定虚拟 MFA 设备)。\n3. 可在安全设置中为所有用户开启“登录时必须使用 MFA”。',
    },
    cli: 'aliyun ram UpdateLoginProfile --UserName {resourceId} --MFABindRequired true',
  },
  needs: [
    LIST_USERS,
    { service: 'ram', action: 'GetLoginProfile' },
    { service: 'ims', action: 'GetUserMFAInfo' },
    { service: 'ims', action: 'ListVirtualMFADevices' },
    // GetUserMFAInfo is asked by user principal name, which needs the default domain.
    { service: 'ims', action: 'GetDefaultDomain' },
  ],
};

export const consoleNoMfa = defineCheck(meta, (ctx) =>
  eachUser(ctx, meta.needs, (u, r) => {
    if (u.hasConsoleLogin === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether it can sign in to the console', zh: '其是否能登录控制台' });
    if (!u.hasConsoleLogin) return result('skip', r, say(r, (l) => `${l} cannot sign in to the console.`, (l) => `${l}没有控制台登录权限。`));
    if (u.mfaEnabled === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether it has an MFA device', zh: '其是否绑定 MFA 设备' });
    return u.mfaEnabled
      ? result('pass', r, say(r, (l) => `${l} signs in to the console with MFA.`, (l) => `${l}登录控制台使用 MFA。`))
      : result('fail', r, say(r, (l) => `${l} can sign in to the console with a password alone (no MFA device).`, (l) => `${l}仅凭密码即可登录控制台(未绑定 MFA 设备)。`));
  }),
);
