// What the security group checks share: walking the groups, the "rules unknown" error, the
// "managed by a cloud service" skip, and the port-list check used for admin/db/risky ports.

import type { SecurityGroup } from '../../cloud/snapshot.js';
import type { Thresholds } from '../thresholds.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { Bilingual, CheckContext, CheckMeta, CheckResult, Need, ResourceRef } from '../model.js';
import { ref, regionsOf, result, withList } from '../helpers.js';
import { describePorts, exposedPorts, ruleKey, worldOpenings } from './sg-rules.js';

export const SG_NEEDS: Need[] = [
  { service: 'ecs', action: 'DescribeSecurityGroups' },
  { service: 'ecs', action: 'DescribeSecurityGroupAttribute' },
];

export function sgRef(ctx: CheckContext, g: SecurityGroup): ResourceRef {
  return ref(ctx, 'security-group', g.securityGroupId, g.securityGroupName, g.regionId);
}

export const GROUPS_WHAT: Bilingual = { en: 'the list of security groups', zh: '安全组列表' };

export const RULES_WHAT: Bilingual = { en: 'its rule list', zh: '其规则列表' };

/**
 * Calls `judge` for every group whose rules are known; groups with unknown rules give an error,
 * groups managed by a cloud service are skipped (their rules are changed through that service).
 */
export function eachGroup(
  ctx: CheckContext,
  needs: Need[],
  judge: (g: SecurityGroup & { rules: NonNullable<SecurityGroup['rules']> }, r: ResourceRef) => CheckResult[],
  opts: { includeManaged?: boolean } = {},
): CheckResult[] {
  const out: CheckResult[] = [];
  for (const region of regionsOf(ctx)) {
    if (region.securityGroups === null) {
      out.push(...withList(ctx, region.regionId, null, needs, GROUPS_WHAT, () => []));
      continue;
    }
    for (const g of region.securityGroups) {
      const r = sgRef(ctx, g);
      if (g.serviceManaged && !opts.includeManaged) {
        out.push(
          result(
            'skip',
            r,
            say(
              r,
              (l) => `${l} is managed by a cloud service; change it through that service (see ecs.sg.service-managed).`,
              (l) => `${l}由云服务托管,需通过该服务修改(见 ecs.sg.service-managed)。`,
            ),
          ),
        );
        continue;
      }
      if (g.rules === null) {
        out.push(unknownResult(ctx.snapshot, needs, r, RULES_WHAT));
        continue;
      }
      out.push(...judge({ ...g, rules: g.rules }, r));
    }
  }
  return out;
}

/** Admin, database and risky ports share one shape: fail per world-facing rule opening listed ports. */
export function portListCheck(
  meta: CheckMeta,
  portsOf: (t: Thresholds) => number[],
  kind: Bilingual,
): (ctx: CheckContext) => CheckResult[] {
  return (ctx) => {
    const ports = portsOf(ctx.thresholds);
    return eachGroup(ctx, meta.needs, (g, r) => {
      const exposures = exposedPorts(worldOpenings(g.rules, 'ingress'), ports);
      if (exposures.length === 0) {
        return [
          result(
            'pass',
            r,
            say(
              r,
              (l) => `${l} does not let the internet reach any ${kind.en} port (${ports.join(', ')}).`,
              (l) => `${l}未向互联网开放任何${kind.zh}端口(${ports.join(', ')})。`,
            ),
          ),
        ];
      }
      return exposures.map((e) => {
        const where = describePorts(e.ports);
        const src = e.cidrs.join(', ');
        const id = ruleKey(e.rule);
        return result(
          'fail',
          r,
          say(
            r,
            (l) => `${l} allows ${src} on ${where} (rule ${id}).`,
            (l) => `${l}允许 ${src} 访问 ${where} 端口(规则 ${id})。`,
          ),
          {
            detail: id,
            evidence: {
              ruleId: e.rule.ruleId,
              protocol: e.rule.raw.ipProtocol,
              portRange: e.rule.raw.portRange,
              priority: e.rule.priority,
              sources: e.cidrs,
              ports: e.ports,
            },
          },
        );
      });
    });
  };
}
