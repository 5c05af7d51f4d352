import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, regionRef, regionsOf, result, withList } from '../helpers.js';
import { AGENTS_NEED, sasField } from '../sas/sas-common.js';
import { INSTANCES_NEED, INSTANCES_WHAT, instanceRef } from './instance-common.js';

export const AGENTS_WHAT = { en: 'the Security Center agent list', zh: '云安全中心客户端列表' };

const meta: CheckMeta = {
  id: 'ecs.instance.no-security-agent',
  title: { en: 'Security Center agent missing or offline', zh: '云安全中心客户端未安装或离线' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.os-patching',
  products: ['product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/security-center/user-guide/install-the-security-center-agent'],
  remediation: {
    why: {
      en: 'Without the Security Center agent nothing watches the guest OS: no vulnerability scan, no baseline check, no intrusion alert. Installing and keeping the agent running inside the OS is yours.',
      zh: '没有云安全中心客户端,客户机操作系统就无人看护:没有漏洞扫描、基线检查和入侵告警。在系统内安装并保持客户端运行由您负责。',
    },
    console: {
      en: '1. Security Center console > Assets > Servers: find {resource} in {region}.\n2. If it is not installed, install the agent (one-click install, or the command shown for the OS); if it is offline, start the AliYunDun service in the OS and check outbound access to the Security Center servers.\n3. Wait a few minutes and check it shows as online (protected).',
      zh: '1. 云安全中心控制台 > 资产中心 > 主机资产:在 {region} 找到 {resource}。\n2. 未安装时安装客户端(一键安装,或按系统执行页面给出的命令);离线时在系统内启动 AliYunDun 服务,并检查到云安全中心服务器的出方向访问。\n3. 等待几分钟,确认状态为在线(已防护)。',
    },
    cli: 'aliyun sas DescribeCloudCenterInstances --Criteria \'[{"name":"instanceId","value":"{resourceId}"}]\'',
  },
  needs: [INSTANCES_NEED, AGENTS_NEED],
};

export const noSecurityAgent = defineCheck(meta, (ctx) => {
  const agents = sasField(ctx, 'agents');
  return regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.instances, meta.needs, INSTANCES_WHAT, (instances) => {
      if (agents === null) return instances.length === 0 ? [] : [unknownResult(ctx.snapshot, [AGENTS_NEED], regionRef(ctx, region.regionId), AGENTS_WHAT)];
      return instances.map((i) => {
        const r = instanceRef(ctx, i);
        const status = agents[i.instanceId];
        if (status === undefined) {
          return result('fail', r, say(r, (l) => `${l} has no Security Center agent installed.`, (l) => `${l}未安装云安全中心客户端。`), { detail: 'not-installed' });
        }
        if (status === 'online') return result('pass', r, say(r, (l) => `${l} has the Security Center agent online.`, (l) => `${l}的云安全中心客户端在线。`));
        // A stopped machine cannot report; its agent shows offline without anything being wrong.
        if (i.status !== 'Running') {
          return result('skip', r, say(r, (l) => `${l} is ${i.status}; its Security Center agent reports ${status} until it runs.`, (l) => `${l}处于 ${i.status} 状态,其云安全中心客户端在运行前显示为 ${status}。`));
        }
        return result('fail', r, say(r, (l) => `${l} is running but its Security Center agent is ${status}.`, (l) => `${l}正在运行,但其云安全中心客户端为 ${status} 状态。`), {
          detail: status,
          evidence: { clientStatus: status },
        });
      });
    }),
  );
});
