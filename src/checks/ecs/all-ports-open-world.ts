import { defineCheck, result } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { eachGroup, SG_NEEDS } from './sg-common.js';
import { ruleKey, worldOpenings, type WorldOpening } from './sg-rules.js';

const meta: CheckMeta = {
  id: 'ecs.sg.all-ports-open-world',
  title: { en: 'All ports open to the internet', zh: '所有端口对互联网开放' },
  severity: 'critical',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.cloud-firewall'],
  references: ['ecs-security-group-not-open-all-port', 'ecs-security-group-not-open-all-protocol'],
  remediation: {
    why: {
      en: 'Every service on every instance in the group is reachable from the internet, including ones nobody meant to publish.',
      zh: '该安全组内所有实例上的所有服务都可从互联网访问,包括本不打算对外的服务。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource} > Inbound.\n2. Delete rule {detail}.\n3. Add one rule per port the service really needs (e.g. TCP 443), with the narrowest source that works.',
      zh: '1. ECS 控制台 > 安全组 > {resource}> 入方向。\n2. 删除规则 {detail}。\n3. 只为业务真正需要的端口(如 TCP 443)逐条添加规则,授权对象尽量收窄。',
    },
    cli: 'aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

export const allPortsOpenWorld = defineCheck(meta, (ctx) =>
  eachGroup(ctx, meta.needs, (g, r) => {
    // Like Config's rule: an all-port Accept counts unless Drops take away everything it opens.
    const byRule = new Map<string, WorldOpening[]>();
    for (const o of worldOpenings(g.rules, 'ingress')) {
      if (!o.rule.allPorts) continue;
      byRule.set(ruleKey(o.rule), [...(byRule.get(ruleKey(o.rule)) ?? []), o]);
    }
    if (byRule.size === 0) {
      return [result('pass', r, say(r, (l) => `${l} has no rule opening every port to the internet.`, (l) => `${l}没有向互联网开放全部端口的规则。`))];
    }
    return [...byRule.entries()].map(([id, os]) => {
      const rule = os[0]!.rule;
      const proto = rule.protocol === 'all' ? { en: 'all protocols and ports', zh: '所有协议和端口' } : { en: `all ${rule.protocol.toUpperCase()} ports`, zh: `所有 ${rule.protocol.toUpperCase()} 端口` };
      const src = [...new Set(os.map((o) => o.cidr))].join(', ');
      return result(
        'fail',
        r,
        say(r, (l) => `${l} allows ${src} on ${proto.en} (rule ${id}).`, (l) => `${l}允许 ${src} 访问${proto.zh}(规则 ${id})。`),
        { detail: id, evidence: { ruleId: rule.ruleId, protocol: rule.raw.ipProtocol, portRange: rule.raw.portRange, priority: rule.priority, sources: [...new Set(os.map((o) => o.cidr))] } },
      );
    });
  }),
);
