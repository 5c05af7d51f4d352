import { defineCheck, result } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import type { Thresholds } from '../thresholds.js';
import { eachGroup, SG_NEEDS } from './sg-common.js';
import { isWorld, openingsFrom, prefixLength, ruleKey, type Cidr, type PortSegment, type WorldOpening } from './sg-rules.js';

// CIS v2 3.5 asks for fine-grained rules, which no API can judge in full (what a rule is needed for
// is a person's call). What can be told from the rules alone: a broad source let in on a wide port
// range. An all-port rule open to the world is ecs.sg.all-ports-open-world's, not reported again here.
const meta: CheckMeta = {
  id: 'ecs.sg.wide-port-range',
  title: { en: 'Wide port range open to a broad source', zh: '对大范围来源开放宽端口段' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.cloud-firewall'],
  references: ['https://www.alibabacloud.com/help/doc-detail/25475.htm'],
  remediation: {
    why: {
      en: 'A rule that lets a whole network range in on hundreds or thousands of ports opens every service that happens to listen there, not just the one it was written for. Which ports each source needs is yours to decide.',
      zh: '允许整个网段访问成百上千个端口的规则,会暴露恰好在这些端口上监听的所有服务,而不只是当初要开放的那个。每个来源需要哪些端口由您决定。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource} > Inbound.\n2. Find rule {detail}: list the ports the service behind it really uses.\n3. Add rules for just those ports, from the narrowest source that works (a security group or the addresses that need it); only then delete {detail}.',
      zh: '1. ECS 控制台 > 安全组 > {resource}> 入方向。\n2. 找到规则 {detail},列出其背后服务真正使用的端口。\n3. 先添加只放行这些端口、授权对象尽量收窄(安全组或确需访问的地址)的规则,再删除 {detail}。',
    },
    cli: 'aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

function broadSource(t: Thresholds): (c: Cidr) => boolean {
  return (c) => isWorld(c) || prefixLength(c) < (c.family === 4 ? t.sgBroadSourcePrefixV4 : t.sgBroadSourcePrefixV6);
}

const width = (segments: PortSegment[]) => segments.reduce((n, s) => n + s.to - s.from + 1, 0);
const segmentText = (segments: PortSegment[]) => segments.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`)).join(', ');

/** The widest opening of one rule (over protocols and sources), and every source it admits. */
interface WideRule {
  widest: WorldOpening;
  ports: number;
  sources: string[];
  protocols: string[];
}

function wideRules(openings: WorldOpening[], limit: number): WideRule[] {
  const byRule = new Map<string, WideRule>();
  for (const o of openings) {
    // Everything open to the world on an all-port rule is already one finding of all-ports-open-world.
    if (o.rule.allPorts && isWorldOpening(o)) continue;
    const ports = width(o.segments);
    if (ports <= limit) continue;
    const key = ruleKey(o.rule);
    const entry = byRule.get(key) ?? { widest: o, ports, sources: [], protocols: [] };
    if (ports > entry.ports) Object.assign(entry, { widest: o, ports });
    if (!entry.sources.includes(o.cidr)) entry.sources.push(o.cidr);
    if (!entry.protocols.includes(o.protocol)) entry.protocols.push(o.protocol);
    byRule.set(key, entry);
  }
  return [...byRule.values()];
}

function isWorldOpening(o: WorldOpening): boolean {
  return o.rule.cidrs.some((c) => c.text === o.cidr && isWorld(c));
}

export const widePortRange = defineCheck(meta, (ctx) => {
  const t = ctx.thresholds;
  return eachGroup(ctx, meta.needs, (g, r) => {
    const wide = wideRules(openingsFrom(g.rules, 'ingress', broadSource(t)), t.sgWidePortCount);
    if (wide.length === 0) {
      return [
        result(
          'pass',
          r,
          say(
            r,
            (l) => `${l} has no inbound rule opening more than ${t.sgWidePortCount} ports to a broad source.`,
            (l) => `${l}没有向大范围来源开放超过 ${t.sgWidePortCount} 个端口的入方向规则。`,
          ),
        ),
      ];
    }
    return wide.map((w) => {
      const id = ruleKey(w.widest.rule);
      const src = w.sources.join(', ');
      const where = `${w.protocols.map((p) => p.toUpperCase()).join('/')} ${segmentText(w.widest.segments)}`;
      return result(
        'fail',
        r,
        say(
          r,
          (l) => `${l} allows ${src} on ${where} (${w.ports} ports, rule ${id}).`,
          (l) => `${l}允许 ${src} 访问 ${where}(${w.ports} 个端口,规则 ${id})。`,
        ),
        {
          detail: id,
          evidence: { ruleId: w.widest.rule.ruleId, protocol: w.widest.rule.raw.ipProtocol, portRange: w.widest.rule.raw.portRange, priority: w.widest.rule.priority, sources: w.sources, openPorts: w.ports },
        },
      );
    });
  });
});
