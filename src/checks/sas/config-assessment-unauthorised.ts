import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { CSPM_ROLE_NEED, sasField } from './sas-common.js';

// CIS v2 8.6: Config Assessment asks for a privilege (the service-linked role
// AliyunServiceRoleForSasCspm) before it can read the account; until granted it assesses nothing.
const meta: CheckMeta = {
  id: 'sas.config-assessment-unauthorised',
  title: { en: 'Security Center Config Assessment not authorised', zh: '云安全中心配置评估未授权' },
  severity: 'low',
  owner: 'customer',
  service: 'sas',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describeservicelinkedrolestatus'],
  remediation: {
    why: {
      en: 'Config Assessment checks your cloud products for risky settings only after you let it read them; without the privilege it shows a prompt and assesses nothing. Granting it is yours.',
      zh: '配置评估只有在您授权它读取云产品配置后才会检查风险配置;未授权时只显示授权提示,不做任何评估。授权由您完成。',
    },
    console: {
      en: '1. Security Center console > Risk Governance > Config Assessment (account {account}).\n2. Accept the authorisation prompt (it creates the service-linked role AliyunServiceRoleForSasCspm).\n3. Run a check and confirm the prompt no longer shows.',
      zh: '1. 云安全中心控制台 > 风险治理 > 云平台配置检查(账号 {account})。\n2. 接受授权提示(将创建服务关联角色 AliyunServiceRoleForSasCspm)。\n3. 执行一次检查,确认不再出现授权提示。',
    },
    cli: 'aliyun sas DescribeServiceLinkedRoleStatus --ServiceLinkedRole AliyunServiceRoleForSasCspm',
  },
  needs: [CSPM_ROLE_NEED],
};

export const sasConfigAssessmentUnauthorised = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const granted = sasField(ctx, 'cspmAuthorised');
  if (granted === null || granted === undefined) {
    return [unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether Config Assessment is authorised', zh: '配置评估是否已授权' })];
  }
  return granted
    ? [result('pass', r, say(r, (l) => `${l} has authorised Config Assessment (AliyunServiceRoleForSasCspm exists).`, (l) => `${l}已为配置评估授权(存在 AliyunServiceRoleForSasCspm)。`))]
    : [
        result('fail', r, say(r, (l) => `${l} has not authorised Config Assessment: the role AliyunServiceRoleForSasCspm does not exist, so it assesses nothing.`, (l) => `${l}未为配置评估授权:不存在角色 AliyunServiceRoleForSasCspm,配置评估不会做任何检查。`), {
          evidence: { cspmAuthorised: false },
        }),
      ];
});
