// Catalogue rows the account snapshot cannot serve. They are listed, not faked: a scan says
// plainly that these were not evaluated, so nobody reads their absence as a pass.

import type { Bilingual } from '../core/errors.js';

export interface NotCovered {
  id: string;
  title: Bilingual;
  /** Filled by the engine from the compliance map, as for checks. */
  cis?: string;
  /** Why whoowns does not evaluate it, and where to look instead. */
  reason: Bilingual;
}

export const NOT_COVERED: NotCovered[] = [
  {
    id: 'ram.root.access-key',
    title: { en: 'The root account has an AccessKey', zh: '主账号存在 AccessKey' },
    reason: {
      en: 'Root AccessKeys are only visible to the root account itself (IMS GetAccountSecurityPracticeReport), which whoowns should not run as. IMS GetCredentialReport only reads a report someone already generated (possibly stale or absent), and GenerateCredentialReport creates one, which is not read-only, so whoowns never calls it. Check it in the RAM console security report.',
      zh: '主账号的 AccessKey 只有主账号本身能查询(IMS GetAccountSecurityPracticeReport),whoowns 不应以主账号运行。IMS GetCredentialReport 只能读取他人已生成的报告(可能过期或不存在),而 GenerateCredentialReport 会生成新报告,不是只读操作,whoowns 从不调用。请在 RAM 控制台的安全报告中查看。',
    },
  },
  {
    id: 'ram.root.mfa',
    title: { en: 'The root account has no MFA', zh: '主账号未绑定 MFA' },
    reason: {
      en: 'Root MFA is only readable by the root account (IMS GetAccountMFAInfo). Check it under Account Center > Security Settings.',
      zh: '主账号 MFA 只有主账号能查询(IMS GetAccountMFAInfo)。请在账号中心 > 安全设置中查看。',
    },
  },
];
