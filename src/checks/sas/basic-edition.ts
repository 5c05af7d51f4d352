import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { EDITION_NEED, EDITIONS, PAID_EDITIONS, sasField } from './sas-common.js';

const meta: CheckMeta = {
  id: 'sas.basic-edition',
  title: { en: 'Security Center on a basic edition', zh: '云安全中心为基础版' },
  severity: 'medium',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.os-patching',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describeversionconfig'],
  remediation: {
    why: {
      en: 'The free and anti-virus editions do not fix vulnerabilities, check baselines or detect most intrusions, so the guest OS duties (patching, hardening) have no tool behind them. Choosing the edition is yours.',
      zh: '免费版和防病毒版不提供漏洞修复、基线检查和大部分入侵检测,客户机操作系统的职责(打补丁、加固)就没有工具支撑。选择版本由您负责。',
    },
    console: {
      en: '1. Security Center console > Overview: check the edition of account {account}.\n2. Upgrade to Advanced, Enterprise or Ultimate, covering every server.\n3. After the upgrade, bind the servers to the new edition under Assets.',
      zh: '1. 云安全中心控制台 > 总览:查看账号 {account}的版本。\n2. 升级到高级版、企业版或旗舰版,并覆盖全部服务器。\n3. 升级后在资产中心将服务器绑定到新版本。',
    },
    cli: 'aliyun sas DescribeVersionConfig',
  },
  needs: [EDITION_NEED],
};

export const sasBasicEdition = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const edition = sasField(ctx, 'edition');
  if (edition === null) return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'the Security Center edition', zh: '云安全中心版本' })];
  const name = EDITIONS[edition.version] ?? `version ${edition.version}`;
  const trial = edition.trial ? { en: ' (trial)', zh: '(试用)' } : { en: '', zh: '' };
  return PAID_EDITIONS.has(edition.version)
    ? [result('pass', r, say(r, (l) => `${l} runs Security Center ${name}${trial.en}.`, (l) => `${l}使用云安全中心 ${name}${trial.zh}。`), { evidence: edition })]
    : [
        result('fail', r, say(r, (l) => `${l} runs Security Center ${name}${trial.en}, which does not scan for vulnerabilities or check baselines.`, (l) => `${l}使用云安全中心 ${name}${trial.zh},不提供漏洞扫描和基线检查。`), {
          evidence: edition,
        }),
      ];
});
