import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { sasField, VIRUS_BLOCKING_NEED } from './sas-common.js';

// CIS v2 8.3: automatic quarantine is the Virus Blocking switch (auto_breaking). It is off by
// default, so an account that never looked at it has a virus found but left running.
const meta: CheckMeta = {
  id: 'sas.virus-blocking-off',
  title: { en: 'Security Center Virus Blocking off', zh: '云安全中心病毒防御未开启' },
  severity: 'medium',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describesuspiciousoverallconfig'],
  remediation: {
    why: {
      en: 'With Virus Blocking off, Security Center raises an alert for a known virus but lets it run until someone acts. Turning automatic quarantine on is yours (it may cost more on some editions).',
      zh: '病毒防御关闭时,云安全中心发现已知病毒只会告警,病毒仍可运行,直到有人处理。开启自动隔离由您决定(部分版本可能产生额外费用)。',
    },
    console: {
      en: '1. Security Center console > System Settings > Feature Settings (General) for account {account}.\n2. Turn on Virus Blocking (Anti-virus).\n3. Check the servers it covers include every production server.',
      zh: '1. 云安全中心控制台 > 系统设置 > 功能设置(通用设置),账号 {account}。\n2. 开启病毒防御(防病毒)。\n3. 确认其生效范围包含所有生产服务器。',
    },
    cli: 'aliyun sas OperateSuspiciousOverallConfig --Type auto_breaking --Config on',
  },
  needs: [VIRUS_BLOCKING_NEED],
};

export const sasVirusBlockingOff = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const on = sasField(ctx, 'virusBlocking');
  if (on === null || on === undefined) {
    return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether Virus Blocking is on', zh: '病毒防御是否开启' })];
  }
  return on
    ? [result('pass', r, say(r, (l) => `${l} has Security Center Virus Blocking on: a virus found is quarantined automatically.`, (l) => `${l}已开启云安全中心病毒防御:发现的病毒会被自动隔离。`))]
    : [
        result('fail', r, say(r, (l) => `${l} has Security Center Virus Blocking off: a virus found is only alerted on, not quarantined.`, (l) => `${l}未开启云安全中心病毒防御:发现病毒只告警,不自动隔离。`), {
          evidence: { type: 'auto_breaking', config: 'off' },
        }),
      ];
});
