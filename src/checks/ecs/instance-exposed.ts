import type { SecurityGroup } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED, statusNote } from './instance-common.js';
import { ruleKey, worldOpenings } from './sg-rules.js';
import { plural } from '../../core/plural.js';

// Every instance is judged, whatever its status: a Stopped instance keeps its EIP (and its public
// IP unless stopped in economical mode) and its groups, so it is exposed again the moment it starts.
// An instance in several groups gets the rules of all of them, sorted together: a Drop in one
// group can shadow an Accept in another, so the rules are merged before judging.
const meta: CheckMeta = {
  id: 'ecs.instance.exposed',
  title: { en: 'Instance reachable from the internet', zh: '实例可从互联网直接访问' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.cloud-firewall', 'product.session-manager', 'product.vpc'],
  references: ['ecs-instance-no-public-and-anyip'],
  remediation: {
    why: {
      en: 'A public address plus a rule open to the world lets anyone on the internet reach services on the instance directly. Which addresses and ports face the internet is your decision.',
      zh: '公网地址加上对全网开放的规则,意味着互联网上任何人都能直接访问实例上的服务。哪些地址和端口面向互联网由您决定。',
    },
    console: {
      en: '1. ECS console > Instances > {resource} > Security Groups: remove or narrow the rules open to 0.0.0.0/0 or ::/0.\n2. If the instance needs no inbound internet traffic, unbind its EIP or convert/release its public IP; use a NAT Gateway for outbound access.\n3. Publish services through SLB (with WAF) and log in through Session Manager or Bastionhost.',
      zh: '1. ECS 控制台 > 实例 > {resource}> 安全组:删除或收窄对 0.0.0.0/0 或 ::/0 开放的规则。\n2. 若实例不需要入站公网流量,解绑 EIP 或释放公网 IP;出网改用 NAT 网关。\n3. 对外服务经负载均衡(可接入 WAF)发布,登录使用会话管理或堡垒机。',
    },
    cli: 'aliyun ecs DescribeInstanceAttribute --RegionId {region} --InstanceId {resourceId}',
  },
  needs: [INSTANCES_NEED, { service: 'ecs', action: 'DescribeSecurityGroups' }, { service: 'ecs', action: 'DescribeSecurityGroupAttribute' }],
};

const MAX_LISTED = 3;

const revokeCli = (sg: string, rule: string) => `aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId ${sg} --SecurityGroupRuleId.1 ${rule}`;

export const instanceExposed = defineCheck(meta, (ctx) => {
  const groupsById = new Map<string, SecurityGroup>();
  for (const region of Object.values(ctx.snapshot.regionData)) for (const g of region.securityGroups ?? []) groupsById.set(g.securityGroupId, g);
  return eachInstance(ctx, meta.needs, (i, r) => {
    const addresses = [...i.publicIps, ...(i.eipAddress ? [i.eipAddress] : [])];
    if (addresses.length === 0) {
      return result('pass', r, say(r, (l) => `${l} has no public IP or EIP.`, (l) => `${l}没有公网 IP 或弹性公网 IP。`));
    }
    const groups = i.securityGroupIds.map((id) => groupsById.get(id));
    const unknown = i.securityGroupIds.filter((id, k) => groups[k]?.rules == null);
    const known = groups.filter((g): g is SecurityGroup & { rules: NonNullable<SecurityGroup['rules']> } => g?.rules != null);
    // Remember which group each rule came from, for the sentence.
    const groupOfRule = new Map<object, SecurityGroup>();
    for (const g of known) for (const rule of g.rules) groupOfRule.set(rule, g);
    const openings = worldOpenings(known.flatMap((g) => g.rules), 'ingress');
    const note = statusNote(i);
    const addr = addresses.join(', ');
    // One phrase per group, source and protocol: "web (sg-1) lets 0.0.0.0/0 reach TCP 80, 443 (rules a, b)".
    const phrases = new Map<string, { g: SecurityGroup; cidr: string; proto: string; ports: string[]; rules: string[] }>();
    for (const o of openings) {
      const g = groupOfRule.get(o.rule.raw)!;
      const key = `${g.securityGroupId}|${o.cidr}|${o.protocol}`;
      const p = phrases.get(key) ?? { g, cidr: o.cidr, proto: o.protocol.toUpperCase(), ports: [], rules: [] };
      for (const s of o.segments) p.ports.push(s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`);
      if (!p.rules.includes(ruleKey(o.rule))) p.rules.push(ruleKey(o.rule));
      phrases.set(key, p);
    }
    const described = [...phrases.values()].slice(0, MAX_LISTED).map(({ g, cidr, proto, ports, rules }) => {
      const name = g.securityGroupName && g.securityGroupName !== g.securityGroupId ? g.securityGroupName : '';
      return {
        en: `${name ? `${name} (${g.securityGroupId})` : g.securityGroupId} lets ${cidr} reach ${proto} ${ports.join(', ')} (${plural('en', rules.length, { one: 'rule', other: 'rules' })} ${rules.join(', ')})`,
        zh: `${name ? `${name}(${g.securityGroupId})` : g.securityGroupId}允许 ${cidr} 访问 ${proto} ${ports.join(', ')}(规则 ${rules.join(', ')})`,
      };
    });
    const lines = { en: described.map((d) => d.en).join('; '), zh: described.map((d) => d.zh).join(';') };
    const evidence = {
      addresses,
      securityGroupIds: i.securityGroupIds,
      unknownGroups: unknown,
      openings: openings.map((o) => ({ securityGroupId: groupOfRule.get(o.rule.raw)?.securityGroupId, ruleId: o.rule.ruleId, protocol: o.protocol, source: o.cidr, ports: o.segments })),
    };
    if (unknown.length > 0) {
      // A Drop in an unread group could still close what the known groups open: not decidable.
      const e = unknownResult(
        ctx.snapshot,
        meta.needs,
        r,
        { en: `the rules of security group ${unknown.join(', ')}`, zh: `安全组 ${unknown.join(', ')} 的规则` },
        { relatedIds: unknown },
      );
      if (openings.length > 0) {
        e.reason = {
          en: `${e.reason.en} The groups that could be read would let the internet reach it: ${lines.en}.`,
          zh: `${e.reason.zh}已读取的安全组会让互联网访问到它:${lines.zh}。`,
        };
      }
      e.evidence = { ...e.evidence, ...evidence };
      return e;
    }
    if (openings.length === 0) {
      return result(
        'pass',
        r,
        say(r, (l) => `${l} has public address ${addr}, but none of its security groups lets the internet in.`, (l) => `${l}有公网地址 ${addr},但其安全组均未对互联网开放。`),
        { evidence },
      );
    }
    const more = phrases.size > MAX_LISTED ? ` (+${phrases.size - MAX_LISTED})` : '';
    return result(
      'fail',
      r,
      say(
        r,
        (l) => `${l}${note.en} has public address ${addr} and its security groups let the internet in: ${lines.en}${more}.`,
        (l) => `${l}${note.zh}有公网地址 ${addr},且其安全组对互联网开放:${lines.zh}${more}。`,
      ),
      // The first opening's rule is the one to revoke (or narrow) first.
      { evidence, cli: revokeCli(groupOfRule.get(openings[0]!.rule.raw)!.securityGroupId, ruleKey(openings[0]!.rule)) },
    );
  });
});
