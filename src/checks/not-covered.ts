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
  {
    id: 'actiontrail.not-enabled',
    title: { en: 'No ActionTrail trail covers all regions', zh: '没有覆盖所有地域的操作审计跟踪' },
    reason: {
      en: 'The snapshot does not collect ActionTrail (no SDK package here). Check the ActionTrail console for an enabled trail delivering all regions to SLS or OSS.',
      zh: '快照未采集操作审计(ActionTrail)数据。请在操作审计控制台确认存在已启用、覆盖全部地域并投递到 SLS 或 OSS 的跟踪。',
    },
  },
  {
    id: 'ecs.instance.no-security-agent',
    title: { en: 'Security Center agent not installed or offline', zh: '云安全中心客户端未安装或离线' },
    reason: {
      en: 'The snapshot does not collect Security Center (sas) data. Check agent status in the Security Center console under Assets.',
      zh: '快照未采集云安全中心(sas)数据。请在云安全中心控制台的资产中心查看客户端状态。',
    },
  },
  {
    id: 'ecs.instance.unpatched',
    title: { en: 'Unfixed vulnerabilities on instances', zh: '实例存在未修复漏洞' },
    reason: {
      en: 'Vulnerability data comes from Security Center (DescribeVulList), which the snapshot does not collect. Review it in the Security Center console under Vulnerabilities.',
      zh: '漏洞数据来自云安全中心(DescribeVulList),快照未采集。请在云安全中心控制台的漏洞管理中查看。',
    },
  },
];
