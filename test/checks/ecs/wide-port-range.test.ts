import { describe, expect, it } from 'vitest';
import { allPortsOpenWorld } from '../../../src/checks/ecs/all-ports-open-world.js';
import { widePortRange } from '../../../src/checks/ecs/wide-port-range.js';
import type { SecurityGroup, SecurityGroupRule } from '../../../src/cloud/snapshot.js';
import { run, statuses } from '../../builders/context.js';
import { buildGap, buildRule, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../../builders/snapshot.js';

const withRules = (...rules: SecurityGroupRule[]) => buildSnapshot({ region: { securityGroups: [buildSecurityGroup({ rules })] } });

describe('ecs.sg.wide-port-range (CIS v2 3.5)', () => {
  it('passes narrow rules, and wide ranges from narrow sources or other security groups', () => {
    expect(statuses(run(widePortRange))).toEqual(['pass']);
    const fine = withRules(
      buildWorldRule({ portRange: '8000/8099' }), // 100 ports: the limit, not over it
      buildRule({ ruleId: 'vpc', sourceCidrIp: '10.0.0.0/16', portRange: '1/65535' }),
      buildRule({ ruleId: 'peer', sourceCidrIp: '', sourceGroupId: 'sg-app', portRange: '1/65535' }),
    );
    expect(statuses(run(widePortRange, fine))).toEqual(['pass']);
    expect(statuses(run(widePortRange, withRules(buildWorldRule({ portRange: '8000/8100' }))))).toEqual(['fail']);
  });

  it('fails a wide range from the world or a broad private range, naming source, ports and rule', () => {
    const f = run(widePortRange, withRules(buildWorldRule({ ruleId: 'sgr-range', portRange: '1000/2000' }), buildRule({ ruleId: 'sgr-ten', ipProtocol: 'ALL', portRange: '-1/-1' })));
    expect(f.map((x) => [x.status, x.detail])).toEqual([
      ['fail', 'sgr-range'],
      ['fail', 'sgr-ten'],
    ]);
    expect(f[0]!.reason.en).toBe('Security group web (sg-1) allows 0.0.0.0/0 on TCP 1000-2000 (1001 ports, rule sgr-range).');
    expect(f[0]!.reason.zh).toBe('安全组 web(sg-1)允许 0.0.0.0/0 访问 TCP 1000-2000(1001 个端口,规则 sgr-range)。');
    expect(f[1]!.reason.en).toContain('10.0.0.0/8 on TCP/UDP 1-65535 (65535 ports');
    expect(f[0]!.remediation.console.en).toContain('Find rule sgr-range');
  });

  it('does not report again what ecs.sg.all-ports-open-world reports', () => {
    const snap = withRules(buildWorldRule({ ruleId: 'all', ipProtocol: 'ALL', portRange: '-1/-1' }), buildRule({ ruleId: 'v6', sourceCidrIp: '', ipv6SourceCidrIp: '::/0', portRange: '1/65535' }));
    expect(statuses(run(allPortsOpenWorld, snap))).toEqual(['fail', 'fail']);
    expect(statuses(run(widePortRange, snap))).toEqual(['pass']);
    // Almost all ports is not all ports: that one is this check's.
    expect(statuses(run(widePortRange, withRules(buildWorldRule({ portRange: '2/65535' }))))).toEqual(['fail']);
  });

  it('counts what Drop rules leave open', () => {
    const snap = withRules(buildWorldRule({ ruleId: 'wide', portRange: '1000/2000', priority: 10 }), buildWorldRule({ ruleId: 'cut', policy: 'Drop', portRange: '1050/2000', priority: 1 }));
    expect(statuses(run(widePortRange, snap))).toEqual(['pass']);
  });

  it('uses the configured width and source prefixes, IPv6 included', () => {
    const snap = withRules(buildRule({ ruleId: 'v6', sourceCidrIp: '', ipv6SourceCidrIp: '2408::/32', portRange: '3000/3200' }));
    expect(statuses(run(widePortRange, snap))).toEqual(['fail']);
    expect(statuses(run(widePortRange, snap, { sgBroadSourcePrefixV6: 32 }))).toEqual(['pass']);
    expect(statuses(run(widePortRange, snap, { sgWidePortCount: 500 }))).toEqual(['pass']);
    const ten = withRules(buildRule({ portRange: '1/1000' }));
    expect(statuses(run(widePortRange, ten, { sgBroadSourcePrefixV4: 8 }))).toEqual(['pass']);
  });

  it('errors when the rules are unknown, skips service-managed groups', () => {
    const unknown = buildSnapshot({ region: { securityGroups: [buildSecurityGroup({ rules: null })] }, gaps: [buildGap({ resource: 'sg-1', missingAction: 'ecs:DescribeSecurityGroupAttribute' })] });
    const f = run(widePortRange, unknown);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ecs:DescribeSecurityGroupAttribute');
    const managed: SecurityGroup = buildSecurityGroup({ serviceManaged: true, rules: [buildWorldRule({ portRange: '1/1000' })] });
    expect(statuses(run(widePortRange, buildSnapshot({ region: { securityGroups: [managed] } })))).toEqual(['skip']);
  });
});
