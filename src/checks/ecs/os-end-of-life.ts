import { findOsEol } from '../os-eol.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED } from './instance-common.js';

const DAY_MS = 86_400_000;

const meta: CheckMeta = {
  id: 'ecs.instance.os-end-of-life',
  title: { en: 'Operating system past its end of life', zh: '操作系统已停止维护' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.os-patching',
  products: ['product.security-center', 'product.cloud-assistant'],
  references: ['https://www.alibabacloud.com/help/en/ecs/user-guide/end-of-support-for-operating-systems'],
  remediation: {
    why: {
      en: 'Once the vendor stops support, new vulnerabilities in the OS are never fixed. Alibaba Cloud patches the host, not your guest OS: upgrading it is yours.',
      zh: '厂商停止支持后,操作系统的新漏洞不会再被修复。阿里云负责宿主机补丁,不负责您的客户机操作系统:升级由您完成。',
    },
    console: {
      en: '1. Pick a supported image (e.g. Alibaba Cloud Linux 3, a current Ubuntu LTS or Windows Server release).\n2. Take a snapshot of {resource}, then migrate: build a new instance and move the workload, or replace the system disk after testing.\n3. Until then, keep Security Center watching it and buy extended support if the vendor offers it.',
      zh: '1. 选择仍受支持的镜像(如 Alibaba Cloud Linux 3、当前的 Ubuntu LTS 或 Windows Server 版本)。\n2. 先为 {resource}创建快照,再迁移:新建实例迁移业务,或测试后更换系统盘。\n3. 迁移完成前用云安全中心持续监测,厂商提供延长支持时可购买。',
    },
    cli: 'aliyun ecs DescribeImages --RegionId {region} --ImageOwnerAlias system --Status Available',
  },
  needs: [INSTANCES_NEED],
};

export const osEndOfLife = defineCheck(meta, (ctx) =>
  eachInstance(ctx, meta.needs, (i, r) => {
    if (!i.osName.trim()) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its OS name', zh: '其操作系统名称' });
    const entry = findOsEol(ctx.eol, i.osName);
    const os = i.osName.replace(/\s+/g, ' ').trim();
    if (!entry) {
      return result('pass', r, say(r, (l) => `${l} runs ${os}, which is not past any end-of-life date we know of.`, (l) => `${l}运行 ${os},不在已知的停止维护列表中。`));
    }
    // Support lasts through the end of the eol day (UTC).
    const end = Date.parse(`${entry.eol}T00:00:00Z`) + DAY_MS;
    const name = `${entry.distribution} ${entry.version}`;
    const evidence = { osName: i.osName, distribution: entry.distribution, version: entry.version, eol: entry.eol, extendedUntil: entry.extendedUntil, source: entry.source };
    const ext = entry.extendedUntil ? { en: ` Paid extended support runs to ${entry.extendedUntil}.`, zh: `付费延长支持至 ${entry.extendedUntil}。` } : { en: '', zh: '' };
    if (ctx.now.getTime() >= end) {
      return result(
        'fail',
        r,
        say(
          r,
          (l) => `${l} runs ${os}: ${name} support ended on ${entry.eol} (${entry.source.name}), so it gets no more security fixes.${ext.en}`,
          (l) => `${l}运行 ${os}:${name} 已于 ${entry.eol} 停止支持(${entry.source.name}),不再有安全更新。${ext.zh}`,
        ),
        { evidence },
      );
    }
    const left = Math.ceil((end - ctx.now.getTime()) / DAY_MS);
    const soon = left <= ctx.thresholds.osEolWarningDays;
    return result(
      'pass',
      r,
      say(
        r,
        (l) => `${l} runs ${os}; ${name} is supported until ${entry.eol}${soon ? ` (${left} days left: plan the upgrade)` : ''}.`,
        (l) => `${l}运行 ${os};${name} 支持至 ${entry.eol}${soon ? `(剩余 ${left} 天,请规划升级)` : ''}。`,
      ),
      { evidence: { ...evidence, daysLeft: left } },
    );
  }),
);
