import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, regionRef, regionsOf, result, withList } from '../helpers.js';
import { AGENTS_NEED, sasField, VULS_NEED } from '../sas/sas-common.js';
import { INSTANCES_NEED, INSTANCES_WHAT, instanceRef } from './instance-common.js';
import { AGENTS_WHAT } from './no-security-agent.js';

const VULNS_WHAT = { en: 'the list of unfixed vulnerabilities', zh: '未修复漏洞列表' };

const meta: CheckMeta = {
  id: 'ecs.instance.unpatched',
  title: { en: 'Unfixed high-priority vulnerabilities', zh: '存在未修复的高优先级漏洞' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.os-patching',
  products: ['product.security-center', 'product.cloud-assistant'],
  references: ['https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-describevullist'],
  remediation: {
    why: {
      en: 'Patching the guest OS and the software on it is the first customer duty of the shared model: Alibaba Cloud patches the hypervisor, never your OS. High-priority (asap) vulnerabilities are the ones Security Center says to fix now.',
      zh: '为客户机操作系统及其上的软件打补丁是共担责任模型中客户的首要职责:阿里云修补虚拟化层,不会修补您的操作系统。高优先级(asap)漏洞是云安全中心建议立即修复的漏洞。',
    },
    console: {
      en: '1. Security Center console > Risk Governance > Vulnerabilities: filter by {resource}.\n2. Fix the high-priority (asap) ones first (Fix, or patch in the OS and reboot if asked); snapshot the disks before.\n3. Verify the fix in the console so the vulnerability closes.',
      zh: '1. 云安全中心控制台 > 风险治理 > 漏洞管理:按 {resource} 筛选。\n2. 先修复高优先级(asap)漏洞(一键修复,或在系统内打补丁并按提示重启);修复前先为云盘创建快照。\n3. 在控制台验证修复,使漏洞关闭。',
    },
    cli: 'aliyun sas DescribeVulList --Type cve --Dealed n --Necessity asap --Remark {resourceId}',
  },
  needs: [INSTANCES_NEED, AGENTS_NEED, VULS_NEED],
};

export const unpatched = defineCheck(meta, (ctx) => {
  const vulns = sasField(ctx, 'vulns');
  const agents = sasField(ctx, 'agents');
  return regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.instances, meta.needs, INSTANCES_WHAT, (instances) => {
      if (instances.length === 0) return [];
      if (vulns === null) return [unknownResult(ctx.snapshot, [VULS_NEED], regionRef(ctx, region.regionId), VULNS_WHAT)];
      if (agents === null) return [unknownResult(ctx.snapshot, [AGENTS_NEED], regionRef(ctx, region.regionId), AGENTS_WHAT)];
      return instances.map((i) => {
        const r = instanceRef(ctx, i);
        // No agent, no scan: an empty list says nothing about such a machine.
        if (agents[i.instanceId] === undefined) {
          return result('skip', r, say(r, (l) => `${l} has no Security Center agent, so it was never scanned for vulnerabilities (see ecs.instance.no-security-agent).`, (l) => `${l}未安装云安全中心客户端,从未做过漏洞扫描(见 ecs.instance.no-security-agent)。`));
        }
        const c = vulns[i.instanceId] ?? { high: 0, medium: 0, low: 0 };
        const counts = { en: `${c.high} high, ${c.medium} medium, ${c.low} low`, zh: `高 ${c.high} 个、中 ${c.medium} 个、低 ${c.low} 个` };
        if (c.high > 0) {
          return result('fail', r, say(r, (l) => `${l} has unfixed vulnerabilities: ${counts.en}.`, (l) => `${l}存在未修复漏洞:${counts.zh}。`), { evidence: { ...c } });
        }
        const rest = c.medium + c.low > 0 ? { en: ` (still unfixed: ${counts.en})`, zh: `(仍未修复:${counts.zh})` } : { en: '', zh: '' };
        return result('pass', r, say(r, (l) => `${l} has no unfixed high-priority vulnerabilities${rest.en}.`, (l) => `${l}没有未修复的高优先级漏洞${rest.zh}。`), { evidence: { ...c } });
      });
    }),
  );
});
