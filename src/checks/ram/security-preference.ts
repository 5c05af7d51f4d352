import { unknownResult } from '../gaps.js';
import type { CheckMeta, CheckResult } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';

const meta: CheckMeta = {
  id: 'ram.security-preference',
  title: { en: 'RAM security settings too permissive', zh: 'RAM 安全设置过于宽松' },
  severity: 'medium',
  owner: 'customer',
  service: 'ram',
  resourceType: 'account',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: [],
  remediation: {
    why: {
      en: 'Account-wide settings decide whether MFA is optional and whether users can mint their own AccessKeys. Alibaba Cloud provides the switches; setting them is yours.',
      zh: '账号级设置决定 MFA 是否可选、用户能否自行创建 AccessKey。阿里云提供开关,如何设置由您决定。',
    },
    console: {
      en: '1. RAM console > Settings > Security Settings (User Security Settings).\n2. For {detail}: require MFA for every console login; do not let users manage their own AccessKeys (administrators issue them).',
      zh: '1. RAM 控制台 > 设置 > 安全设置(用户安全设置)。\n2. 针对 {detail}:所有控制台登录必须使用 MFA;不允许用户自行管理 AccessKey(由管理员发放)。',
    },
    cli: 'aliyun ims SetSecurityPreference --MFAOperationForLogin mandatory --AllowUserToManageAccessKeys false',
  },
  terms: { detail: { en: 'setting', zh: '设置项' } },
  needs: [{ service: 'ram', action: 'GetSecurityPreference' }],
};

export const securityPreference = defineCheck(meta, (ctx): CheckResult[] => {
  const r = accountRef(ctx);
  const p = ctx.snapshot.ram?.securityPreference ?? null;
  if (p === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the RAM security settings', zh: 'RAM 安全设置' })];
  const mfa = p.mfaOperationForLogin.toLowerCase();
  const keys = p.allowUserToManageAccessKeys;
  return [
    mfa === 'mandatory'
      ? result('pass', r, { en: `Account ${r.name} requires MFA for every RAM user console login.`, zh: `账号 ${r.name} 要求所有 RAM 用户登录控制台时使用 MFA。` }, { detail: 'mfa-at-login' })
      : result(
          'fail',
          r,
          {
            en: `Account ${r.name} does not require MFA at every console login (setting: ${p.mfaOperationForLogin}${mfa === 'adaptive' ? ', only for unusual logins' : mfa === 'independent' ? ', left to each user' : ''}).`,
            zh: `账号 ${r.name} 未要求每次登录控制台都使用 MFA(当前设置:${p.mfaOperationForLogin}${mfa === 'adaptive' ? ',仅异常登录时要求' : mfa === 'independent' ? ',由各用户自行决定' : ''})。`,
          },
          { detail: 'mfa-at-login', cli: 'aliyun ims SetSecurityPreference --MFAOperationForLogin mandatory' },
        ),
    keys
      ? result(
          'fail',
          r,
          { en: `Account ${r.name} lets RAM users create and manage their own AccessKeys.`, zh: `账号 ${r.name} 允许 RAM 用户自行创建和管理 AccessKey。` },
          { detail: 'user-managed-access-keys', cli: 'aliyun ims SetSecurityPreference --AllowUserToManageAccessKeys false' },
        )
      : result('pass', r, { en: `Account ${r.name} does not let RAM users manage their own AccessKeys.`, zh: `账号 ${r.name} 不允许 RAM 用户自行管理 AccessKey。` }, { detail: 'user-managed-access-keys' }),
  ];
});
