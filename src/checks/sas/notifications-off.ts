import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { NOTICES_NEED, sasField } from './sas-common.js';

/** The high-risk items CIS 8.5 names: vulnerabilities, urgent vulnerabilities, baseline risks, alerts, AccessKey leaks. */
export const HIGH_RISK_NOTICES = ['sas_vulnerability', 'yundun_sas_vul_Emergency', 'sas_healthcheck', 'sas_suspicious', 'yundun_sas_ak_leakage'] as const;

const meta: CheckMeta = {
  id: 'sas.notifications-off',
  title: { en: 'High-risk notifications off', zh: '高风险项通知未开启' },
  severity: 'medium',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describenoticeconfig'],
  remediation: {
    why: {
      en: 'Security Center only tells someone about a vulnerability, a baseline risk, an intrusion alert or a leaked AccessKey if notifications are on: otherwise they wait in the console until somebody looks. Who is told is yours to set.',
      zh: '只有开启通知,云安全中心才会把漏洞、基线风险、入侵告警和 AccessKey 泄露告诉相关人员;否则它们只在控制台里等人查看。通知谁由您设置。',
    },
    console: {
      en: '1. Security Center console > System Settings > Notification settings (account {account}).\n2. For {detail}, turn on at least one channel (email, SMS or internal message).\n3. Check the contacts under Message Center are current.',
      zh: '1. 云安全中心控制台 > 系统设置 > 通知设置(账号 {account})。\n2. 为 {detail} 至少开启一种通知方式(邮件、短信或站内信)。\n3. 在消息中心确认联系人信息为最新。',
    },
    cli: 'aliyun sas DescribeNoticeConfig',
  },
  terms: { detail: { en: 'the high-risk items that are off', zh: '未开启通知的高风险项' } },
  needs: [NOTICES_NEED],
};

export const sasNotificationsOff = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const notices = sasField(ctx, 'notices');
  if (notices === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the notification settings', zh: '通知设置' })];
  const off = HIGH_RISK_NOTICES.filter((p) => notices[p] === 0);
  const unreported = HIGH_RISK_NOTICES.filter((p) => notices[p] === undefined);
  if (off.length > 0) {
    const list = off.join(', ');
    return [
      result('fail', r, say(r, (l) => `${l} has Security Center notifications off for ${list}.`, (l) => `${l}的云安全中心未对 ${list} 开启通知。`), {
        detail: list,
        evidence: { off, unreported },
      }),
    ];
  }
  // Not listed is not "on": the setting could not be read.
  if (unreported.length > 0) {
    return [unknownResult(ctx.snapshot, meta.needs, r, { en: `the notification setting of ${unreported.join(', ')}`, zh: `${unreported.join(', ')} 的通知设置` })];
  }
  return [result('pass', r, say(r, (l) => `${l} has Security Center notifications on for every high-risk item.`, (l) => `${l}已为全部高风险项开启云安全中心通知。`))];
});
