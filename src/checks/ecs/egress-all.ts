import { defineCheck, result } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { eachGroup, SG_NEEDS } from './sg-common.js';
import { ruleKey, worldOpenings, type WorldOpening } from './sg-rules.js';

// Only explicit rules are judged (like Config's rule). Basic groups also allow all egress by
// default when no rule says otherwise; the pass sentence says so rather than failing every group.
const meta: CheckMeta = {
  id: 'ecs.sg.egress-all',
  title: { en: 'Outbound traffic to anywhere allowed', zh: '出方向允许访问任意地址' },
  severity: 'low',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.cloud-firewall'],
  references: ['ecs-security-group-egress-not-all-access'],
  remediation: {
    why: {
      en: 'A compromised instance can send data anywhere and download tools freely. Limiting egress slows exfiltration and command-and-control.',
      zh: '实例一旦被入侵,可以随意外传数据、下载工具。限制出方向能延缓数据外泄和远控通信。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource} > Outbound.\n2. Replace rule {detail} with rules for the destinations the workload needs (e.g. TCP 443 to its APIs, the VPC CIDR).\n3. Add a low-priority Drop ALL to 0.0.0.0/0 so nothing else leaves; Cloud Firewall can filter egress by domain.',
      zh: '1. ECS 控制台 > 安全组 > {resource}> 出方向。\n2. 用业务需要的目的地规则(如到 API 的 TCP 443、专有网络网段)替换规则 {detail}。\n3. 添加一条低优先级的“拒绝 全部 到 0.0.0.0/0”规则;云防火墙可以按域名控制出站。',
    },
    cli: 'aliyun ecs RevokeSecurityGroupEgress --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

export const egressAll = defineCheck(meta, (ctx) =>
  eachGroup(ctx, meta.needs, (g, r) => {
    const byRule = new Map<string, WorldOpening[]>();
    for (const o of worldOpenings(g.rules, 'egress')) {
      if (o.rule.protocol !== 'all' || !o.rule.allPorts) continue;
      byRule.set(ruleKey(o.rule), [...(byRule.get(ruleKey(o.rule)) ?? []), o]);
    }
    if (byRule.size === 0) {
      const basic = g.securityGroupType.toLowerCase() !== 'enterprise';
      return [
        result(
          'pass',
          r,
          say(
            r,
            (l) => `${l} has no explicit rule allowing all outbound traffic${basic ? ' (as a basic group it still allows egress by default unless a Drop rule limits it)' : ''}.`,
            (l) => `${l}没有显式允许全部出方向流量的规则${basic ? '(普通安全组在没有拒绝规则时默认放行出方向)' : ''}。`,
          ),
        ),
      ];
    }
    return [...byRule.entries()].map(([id, os]) => {
      const dst = [...new Set(os.map((o) => o.cidr))].join(', ');
      return result(
        'fail',
        r,
        say(r, (l) => `${l} allows all outbound traffic to ${dst} (rule ${id}).`, (l) => `${l}允许所有出方向流量访问 ${dst}(规则 ${id})。`),
        { detail: id, evidence: { ruleId: os[0]!.rule.ruleId, priority: os[0]!.rule.priority, destinations: [...new Set(os.map((o) => o.cidr))] } },
      );
    });
  }),
);
