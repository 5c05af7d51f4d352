import { describe, expect, it } from 'vitest';
import { adminPortOpenWorld } from '../../../src/checks/ecs/admin-port-open-world.js';
import { allPortsOpenWorld } from '../../../src/checks/ecs/all-ports-open-world.js';
import { dbPortOpenWorld } from '../../../src/checks/ecs/db-port-open-world.js';
import { egressAll } from '../../../src/checks/ecs/egress-all.js';
import { riskyPortOpenWorld } from '../../../src/checks/ecs/risky-port-open-world.js';
import { serviceManaged } from '../../../src/checks/ecs/service-managed.js';
import { sgUnused } from '../../../src/checks/ecs/sg-unused.js';
import type { SecurityGroup } from '../../../src/cloud/snapshot.js';
import { only, run, statuses } from '../../builders/context.js';
import { buildGap, buildRule, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../../builders/snapshot.js';

const withGroups = (...securityGroups: SecurityGroup[]) => buildSnapshot({ region: { securityGroups } });
const group = (rules: SecurityGroup['rules'], o: Partial<SecurityGroup> = {}) => buildSecurityGroup({ rules, ...o });

describe('ecs.sg.admin-port-open-world', () => {
  it('passes a group open only inside the network', () => {
    expect(statuses(run(adminPortOpenWorld))).toEqual(['pass']);
  });

  it('fails per world-facing rule, naming group, source, port and rule', () => {
    const f = run(adminPortOpenWorld, withGroups(group([buildWorldRule({ ruleId: 'sgr-ssh', portRange: '22/22' })])));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('Security group web (sg-1) allows 0.0.0.0/0 on TCP 22 (rule sgr-ssh).');
    expect(f[0]!.reason.zh).toBe('安全组 web(sg-1)允许 0.0.0.0/0 访问 TCP 22 端口(规则 sgr-ssh)。');
    expect(f[0]!.detail).toBe('sgr-ssh');
    expect(f[0]!.remediation.cli).toBe('aliyun ecs RevokeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-1 --SecurityGroupRuleId.1 sgr-ssh');
    expect(f[0]!.owner).toBe('customer');
  });

  it('sees RDP over IPv6 and ports inside a wider range', () => {
    const f = run(adminPortOpenWorld, withGroups(group([buildRule({ ruleId: 'v6', ipv6SourceCidrIp: '::/0', sourceCidrIp: '', portRange: '3000/4000' })])));
    expect(f[0]!.reason.en).toContain('::/0 on TCP 3389');
  });

  it('passes when a Drop rule shadows the opening', () => {
    const rules = [buildWorldRule({ portRange: '22/22', priority: 10 }), buildWorldRule({ ruleId: 'deny', policy: 'drop', portRange: '1/1024', priority: 1 })];
    expect(statuses(run(adminPortOpenWorld, withGroups(group(rules))))).toEqual(['pass']);
  });

  it('uses the configured ports', () => {
    const snap = withGroups(group([buildWorldRule({ portRange: '2222/2222' })]));
    expect(statuses(run(adminPortOpenWorld, snap))).toEqual(['pass']);
    expect(statuses(run(adminPortOpenWorld, snap, { adminPorts: [2222] }))).toEqual(['fail']);
  });

  it('gives an error naming the missing permission when the rules could not be read', () => {
    const snap = buildSnapshot({
      region: { securityGroups: [group(null)] },
      gaps: [buildGap({ resource: 'sg-1', missingAction: 'ecs:DescribeSecurityGroupAttribute' })],
    });
    const f = run(adminPortOpenWorld, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ecs:DescribeSecurityGroupAttribute');
  });

  it('gives one error for the region when listing groups failed', () => {
    const snap = buildSnapshot({ region: { securityGroups: null }, gaps: [buildGap({ action: 'DescribeSecurityGroups', code: 'Throttling.User' })] });
    const f = run(adminPortOpenWorld, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.resource).toMatchObject({ type: 'region', id: 'cn-hangzhou' });
    expect(f[0]!.reason.en).toContain('DescribeSecurityGroups in cn-hangzhou failed (Throttling.User); scan again later.');
  });

  it('skips groups managed by a cloud service', () => {
    expect(statuses(run(adminPortOpenWorld, withGroups(group([buildWorldRule({ portRange: '22/22' })], { serviceManaged: true }))))).toEqual(['skip']);
  });
});

describe('ecs.sg.db-port-open-world and ecs.sg.risky-port-open-world', () => {
  it('fail on their own port lists only', () => {
    const snap = withGroups(group([buildWorldRule({ ruleId: 'redis', portRange: '6379/6379' }), buildWorldRule({ ruleId: 'smb', portRange: '445/445' })]));
    const db = run(dbPortOpenWorld, snap);
    const risky = run(riskyPortOpenWorld, snap);
    expect(only(db, 'fail').map((f) => f.detail)).toEqual(['redis']);
    expect(only(risky, 'fail').map((f) => f.detail)).toEqual(['smb']);
  });

  it('pass a clean group', () => {
    expect(statuses(run(dbPortOpenWorld))).toEqual(['pass']);
    expect(statuses(run(riskyPortOpenWorld))).toEqual(['pass']);
  });
});

describe('ecs.sg.all-ports-open-world', () => {
  it.each([
    ['ALL -1/-1', { ipProtocol: 'ALL', portRange: '-1/-1' }, 'all protocols and ports'],
    ['TCP 1/65535', { ipProtocol: 'tcp', portRange: '1/65535' }, 'all TCP ports'],
    ['TCP -1/-1', { ipProtocol: 'TCP', portRange: '-1/-1' }, 'all TCP ports'],
  ])('fails on %s', (_n, o, words) => {
    const f = run(allPortsOpenWorld, withGroups(group([buildWorldRule({ ruleId: 'wide', ...o })])));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain(words);
    expect(f[0]!.severity).toBe('critical');
  });

  it('passes a narrow rule, and a wide rule fully shadowed by a Drop', () => {
    expect(statuses(run(allPortsOpenWorld))).toEqual(['pass']);
    const rules = [buildWorldRule({ ipProtocol: 'ALL', portRange: '-1/-1', priority: 50 }), buildWorldRule({ ruleId: 'd', ipProtocol: 'ALL', portRange: '-1/-1', policy: 'Drop', priority: 50 })];
    expect(statuses(run(allPortsOpenWorld, withGroups(group(rules))))).toEqual(['pass']);
  });
});

describe('ecs.sg.egress-all', () => {
  const egress = buildRule({ ruleId: 'out', direction: 'egress', sourceCidrIp: '', destCidrIp: '0.0.0.0/0', ipProtocol: 'ALL', portRange: '-1/-1' });
  it('fails an explicit allow-all egress rule', () => {
    const f = run(egressAll, withGroups(group([egress])));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.remediation.cli).toContain('RevokeSecurityGroupEgress');
  });
  it('passes without one, noting the basic group default', () => {
    const f = run(egressAll);
    expect(statuses(f)).toEqual(['pass']);
    expect(f[0]!.reason.en).toContain('by default');
  });
  it('does not take ingress ALL from the world for egress', () => {
    expect(statuses(run(egressAll, withGroups(group([buildWorldRule({ ipProtocol: 'ALL', portRange: '-1/-1' })]))))).toEqual(['pass']);
  });
});

describe('ecs.sg.unused', () => {
  it('fails a group nothing uses and passes a used one', () => {
    const f = run(sgUnused, withGroups(group([], { ecsCount: 0 }), group([], { securityGroupId: 'sg-2', ecsCount: 3 })));
    expect(f.map((x) => [x.resource.id, x.status])).toEqual([
      ['sg-1', 'fail'],
      ['sg-2', 'pass'],
    ]);
  });
  it('does not need the rules, but errors when the count is unknown', () => {
    expect(statuses(run(sgUnused, withGroups(group(null, { ecsCount: 0 }))))).toEqual(['fail']);
    expect(statuses(run(sgUnused, withGroups(group([], { ecsCount: null }))))).toEqual(['error']);
  });
  it('errors for the region when the group list is missing', () => {
    const f = run(sgUnused, buildSnapshot({ region: { securityGroups: null }, gaps: [buildGap({ action: 'DescribeSecurityGroups', missingAction: 'ecs:DescribeSecurityGroups' })] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ecs:DescribeSecurityGroups');
  });
});

describe('ecs.sg.service-managed', () => {
  it('reports managed groups as shared, informational', () => {
    const f = run(serviceManaged, withGroups(group([buildWorldRule({ portRange: '80/80' })], { serviceManaged: true })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]).toMatchObject({ owner: 'shared', severity: 'info' });
    expect(f[0]!.reason.en).toContain('lets the internet in');
  });
  it('passes groups you manage', () => {
    expect(statuses(run(serviceManaged))).toEqual(['pass']);
  });
  it('errors when the group list is missing', () => {
    const f = run(serviceManaged, buildSnapshot({ region: { securityGroups: null }, gaps: [buildGap({ action: 'DescribeSecurityGroups' })] }));
    expect(statuses(f)).toEqual(['error']);
  });
});
