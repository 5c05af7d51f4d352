import { describe, expect, it } from 'vitest';
import type { SecurityGroupRule } from '../../../src/cloud/snapshot.js';
import {
  cidrsCover,
  describePorts,
  exposedPorts,
  isWorldCidr,
  normalizeRule,
  openingsFrom,
  parseCidr,
  prefixLength,
  parsePortRange,
  segmentsInclude,
  worldOpenings,
  type Cidr,
  type Direction,
  type PortProtocol,
} from '../../../src/checks/ecs/sg-rules.js';
import { buildRule, buildWorldRule } from '../../builders/snapshot.js';

function opens(rules: SecurityGroupRule[], proto: PortProtocol, port: number, dir: Direction = 'ingress'): boolean {
  return worldOpenings(rules, dir).some((o) => o.protocol === proto && segmentsInclude(o.segments, port));
}

const world22 = (o: Partial<SecurityGroupRule> = {}) => buildWorldRule({ ruleId: 'accept-22', portRange: '22/22', ...o });
const drop = (o: Partial<SecurityGroupRule> = {}) => buildWorldRule({ ruleId: 'drop', policy: 'Drop', portRange: '22/22', ...o });

describe('world openings: which traffic from the internet gets in', () => {
  const cases: Array<{ name: string; rules: SecurityGroupRule[]; proto?: PortProtocol; port?: number; open: boolean }> = [
    { name: 'TCP 22 from 0.0.0.0/0', rules: [world22()], open: true },
    { name: 'protocol and policy in lower case', rules: [world22({ ipProtocol: 'tcp', policy: 'accept' })], open: true },
    { name: 'protocol and policy in odd case', rules: [world22({ ipProtocol: 'Tcp', policy: 'ACCEPT' })], open: true },
    { name: 'direction in upper case', rules: [world22({ direction: 'Ingress' })], open: true },
    { name: 'IPv6 ::/0 is the world', rules: [world22({ sourceCidrIp: '', ipv6SourceCidrIp: '::/0' })], open: true },
    { name: 'IPv4 /0 written with spaces', rules: [world22({ sourceCidrIp: ' 0.0.0.0/0 ' })], open: true },
    { name: 'a private range is not the world', rules: [world22({ sourceCidrIp: '10.0.0.0/8' })], open: false },
    { name: 'a single host is not the world', rules: [world22({ sourceCidrIp: '0.0.0.0' })], open: false },
    { name: 'a source security group is not the world', rules: [world22({ sourceCidrIp: '', sourceGroupId: 'sg-2' })], open: false },
    { name: 'PortRange -1/-1 covers every port', rules: [world22({ portRange: '-1/-1' })], port: 8080, open: true },
    { name: 'PortRange 1/65535 covers every port', rules: [world22({ portRange: '1/65535' })], port: 65535, open: true },
    { name: 'protocol ALL covers TCP', rules: [world22({ ipProtocol: 'ALL', portRange: '-1/-1' })], open: true },
    { name: 'protocol ALL covers UDP', rules: [world22({ ipProtocol: 'all', portRange: '-1/-1' })], proto: 'udp', open: true },
    { name: 'a range a/b covers a ≤ p ≤ b', rules: [world22({ portRange: '20/30' })], open: true },
    { name: 'a range starting above p does not cover it', rules: [world22({ portRange: '23/30' })], open: false },
    { name: 'range end is inclusive', rules: [world22({ portRange: '10/22' })], open: true },
    { name: 'TCP rule does not open UDP', rules: [world22()], proto: 'udp', open: false },
    { name: 'ICMP opens no ports', rules: [world22({ ipProtocol: 'ICMP', portRange: '-1/-1' })], open: false },
    { name: 'a malformed range on an Accept is read as every port', rules: [world22({ portRange: 'x' })], open: true },
    { name: 'Drop with the same priority wins the tie', rules: [world22({ priority: 5 }), drop({ priority: 5 })], open: false },
    { name: 'Drop with a lower number shadows', rules: [world22({ priority: 5 }), drop({ priority: 1 })], open: false },
    { name: 'Drop with a higher number does not shadow', rules: [world22({ priority: 1 }), drop({ priority: 2 })], open: true },
    { name: 'Drop policy in upper case still shadows', rules: [world22(), drop({ policy: 'DROP' })], open: false },
    { name: 'Drop of a smaller source leaves the rest open', rules: [world22(), drop({ sourceCidrIp: '10.0.0.0/8' })], open: true },
    {
      name: 'Drops whose sources together cover the world shadow',
      rules: [world22(), drop({ sourceCidrIp: '0.0.0.0/1' }), drop({ ruleId: 'drop-2', sourceCidrIp: '128.0.0.0/1' })],
      open: false,
    },
    { name: 'IPv4 Drop does not shadow an IPv6 Accept', rules: [world22({ sourceCidrIp: '', ipv6SourceCidrIp: '::/0' }), drop()], open: true },
    { name: 'IPv6 Drop shadows an IPv6 Accept', rules: [world22({ sourceCidrIp: '', ipv6SourceCidrIp: '::/0' }), drop({ sourceCidrIp: '', ipv6SourceCidrIp: '::/0' })], open: false },
    { name: 'a TCP Drop does not shadow UDP', rules: [world22({ ipProtocol: 'UDP' }), drop()], proto: 'udp', open: true },
    { name: 'an ALL Drop shadows TCP', rules: [world22(), drop({ ipProtocol: 'ALL', portRange: '-1/-1' })], open: false },
    { name: 'a Drop on other ports does not shadow', rules: [world22(), drop({ portRange: '23/25' })], open: true },
    { name: 'a Drop from a source group does not shadow', rules: [world22(), drop({ sourceCidrIp: '', sourceGroupId: 'sg-9' })], open: true },
    { name: 'a Drop with a malformed range does not shadow', rules: [world22(), drop({ portRange: 'bad' })], open: true },
    {
      name: 'Drops whose port ranges together cover the Accept shadow',
      rules: [world22({ portRange: '20/30' }), drop({ portRange: '20/22' }), drop({ ruleId: 'drop-2', portRange: '23/30' })],
      open: false,
    },
    { name: 'egress rules do not open ingress', rules: [world22({ direction: 'egress', destCidrIp: '0.0.0.0/0' })], open: false },
    { name: 'egress Drop does not shadow ingress', rules: [world22(), drop({ direction: 'egress', destCidrIp: '0.0.0.0/0' })], open: true },
  ];
  it.each(cases)('$name', ({ rules, proto = 'tcp', port = 22, open }) => {
    expect(opens(rules, proto, port)).toBe(open);
  });

  it('reports the ports left open around a partial Drop', () => {
    const openings = worldOpenings([world22({ portRange: '1/65535' }), drop({ portRange: '20/25' })], 'ingress');
    expect(openings).toHaveLength(1);
    expect(openings[0]!.segments).toEqual([
      { from: 1, to: 19 },
      { from: 26, to: 65535 },
    ]);
  });
});

describe('openings from any chosen source', () => {
  it('prefixLength reads the block size back', () => {
    expect(['0.0.0.0/0', '10.0.0.0/8', '10.1.2.3', '::/0', '2408::/32'].map((c) => prefixLength(parseCidr(c)!))).toEqual([0, 8, 32, 0, 32]);
  });
  it('applies the same Drop shadowing to a non-world source: a wider Drop hides it, a narrower one only cuts it', () => {
    const wide = buildRule({ ruleId: 'wide', sourceCidrIp: '10.0.0.0/8', portRange: '1000/2000', priority: 10 });
    const broad = (c: Cidr) => prefixLength(c) < 16;
    expect(openingsFrom([wide], 'ingress', broad).map((o) => [o.cidr, o.segments])).toEqual([['10.0.0.0/8', [{ from: 1000, to: 2000 }]]]);
    const dropAll = buildWorldRule({ ruleId: 'd', policy: 'Drop', portRange: '1500/2000', priority: 1 });
    expect(openingsFrom([wide, dropAll], 'ingress', broad)[0]!.segments).toEqual([{ from: 1000, to: 1499 }]);
    const dropPart = buildRule({ ruleId: 'd2', policy: 'Drop', sourceCidrIp: '10.1.0.0/16', portRange: '1/65535', priority: 1 });
    expect(openingsFrom([wide, dropPart], 'ingress', broad)[0]!.segments).toEqual([{ from: 1000, to: 2000 }]);
    // The world check is unchanged: a 10/8 source is not the world.
    expect(worldOpenings([wide], 'ingress')).toEqual([]);
  });
});

describe('egress uses the destination fields', () => {
  const egress = (o: Partial<SecurityGroupRule> = {}) =>
    buildRule({ direction: 'egress', sourceCidrIp: '', destCidrIp: '0.0.0.0/0', ipProtocol: 'ALL', portRange: '-1/-1', ...o });
  it.each([
    { name: 'ALL to 0.0.0.0/0', rules: [egress()], open: true },
    { name: 'ALL to ::/0', rules: [egress({ destCidrIp: '', ipv6DestCidrIp: '::/0' })], open: true },
    { name: 'a world source field means nothing on egress', rules: [egress({ destCidrIp: '10.0.0.0/8', sourceCidrIp: '0.0.0.0/0' })], open: false },
    { name: 'to a destination group is not the world', rules: [egress({ destCidrIp: '', destGroupId: 'sg-2' })], open: false },
    { name: 'shadowed by an egress Drop', rules: [egress({ priority: 10 }), egress({ ruleId: 'd', policy: 'Drop', priority: 10 })], open: false },
  ])('$name', ({ rules, open }) => {
    expect(opens(rules, 'tcp', 443, 'egress')).toBe(open);
  });
});

describe('building blocks', () => {
  it('parses CIDRs of both families', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ family: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ lo: 0x0a000000n });
    expect(parseCidr('2408:4000::/32')).toMatchObject({ family: 6 });
    expect(parseCidr('::ffff:1.2.3.4')).toMatchObject({ family: 6, lo: 0xffff01020304n });
    for (const bad of ['', '10.0.0.0/33', '300.0.0.1/8', '1:2:3', 'a::b::c/64', '10.0.0.0/8/1']) expect(parseCidr(bad)).toBeNull();
  });

  it('knows the world', () => {
    expect(isWorldCidr('0.0.0.0/0')).toBe(true);
    expect(isWorldCidr('::/0')).toBe(true);
    expect(isWorldCidr('1.2.3.4/0')).toBe(true);
    expect(isWorldCidr('0.0.0.0/1')).toBe(false);
  });

  it('checks that ranges together cover a CIDR', () => {
    const world = parseCidr('0.0.0.0/0')!;
    const halves = [parseCidr('128.0.0.0/1')!, parseCidr('0.0.0.0/1')!];
    expect(cidrsCover(world, halves)).toBe(true);
    expect(cidrsCover(world, [halves[0]!])).toBe(false);
    expect(cidrsCover(parseCidr('10.1.0.0/16')!, [parseCidr('10.0.0.0/8')!])).toBe(true);
    expect(cidrsCover(parseCidr('::/0')!, halves)).toBe(false);
  });

  it('parses port ranges', () => {
    expect(parsePortRange('22/22', 'tcp')).toEqual({ from: 22, to: 22 });
    expect(parsePortRange('-1/-1', 'tcp')).toEqual({ from: 1, to: 65535 });
    expect(parsePortRange('anything', 'icmp')).toEqual({ from: 1, to: 65535 });
    expect(parsePortRange('30/20', 'tcp')).toBeNull();
  });

  it('groups the listed ports per rule and describes them', () => {
    const rules = [world22({ ipProtocol: 'ALL', portRange: '-1/-1', ruleId: 'all' }), world22({ ruleId: 'ssh' })];
    const exposures = exposedPorts(worldOpenings(rules, 'ingress'), [22, 3389]);
    expect(exposures.map((e) => [e.rule.ruleId, describePorts(e.ports)])).toEqual([
      ['all', 'TCP/UDP 22, 3389'],
      ['ssh', 'TCP 22'],
    ]);
    expect(describePorts({ tcp: [22], udp: [53] })).toBe('TCP 22; UDP 53');
    expect(describePorts({ tcp: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })).toBe('TCP 1, 2, 3, 4, 5, 6, 7, 8 (+2)');
  });
});

describe('agrees with a packet-by-packet reference evaluation', () => {
  // Reference: a packet from `addr` to `port` is let in by the world-facing Accepts when some such
  // Accept matches it and every matching Drop has a larger priority number (Drop wins ties).
  const cidrs = ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8'];
  const ranges = ['22/22', '20/30', '-1/-1', '1/65535', '23/25'];
  const addrs = ['1.0.0.1', '10.0.0.1', '11.0.0.1', '200.0.0.1'];
  const ports = [1, 21, 22, 23, 26, 31, 65535];

  function covers(rule: SecurityGroupRule, addr: string, port: number): boolean {
    const c = parseCidr(rule.sourceCidrIp)!;
    const a = parseCidr(addr)!.lo;
    const r = parsePortRange(rule.portRange, rule.ipProtocol.toLowerCase())!;
    const protoOk = ['all', 'tcp'].includes(rule.ipProtocol.toLowerCase());
    return protoOk && c.lo <= a && a <= c.hi && r.from <= port && port <= r.to;
  }

  it('for random rule sets', async () => {
    const fc = await import('fast-check');
    const ruleArb = fc.record({
      policy: fc.constantFrom('Accept', 'accept', 'Drop', 'DROP'),
      sourceCidrIp: fc.constantFrom(...cidrs),
      portRange: fc.constantFrom(...ranges),
      ipProtocol: fc.constantFrom('TCP', 'tcp', 'ALL', 'UDP'),
      priority: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), (specs) => {
        const rules = specs.map((s, i) => buildRule({ ...s, ruleId: `r${i}`, portRange: s.ipProtocol.toLowerCase() === 'all' ? '-1/-1' : s.portRange }));
        for (const port of ports) {
          const expected = addrs.some((addr) => {
            const drops = rules.filter((r) => r.policy.toLowerCase() === 'drop' && covers(r, addr, port));
            return rules.some(
              (r) =>
                r.policy.toLowerCase() === 'accept' &&
                isWorldCidr(r.sourceCidrIp) &&
                covers(r, addr, port) &&
                drops.every((d) => d.priority > r.priority),
            );
          });
          expect(opens(rules, 'tcp', port)).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('each rule is parsed once per snapshot', () => {
  const rules = [buildWorldRule({ ruleId: 'sgr-a', portRange: '22/22' }), buildWorldRule({ ruleId: 'sgr-b', portRange: '443/443' })];
  it('normalizeRule gives the same parsed rule for the same rule object', () => {
    expect(normalizeRule(rules[0]!)).toBe(normalizeRule(rules[0]!));
    // A different object with the same values is parsed on its own (a refresh builds new rules).
    expect(normalizeRule({ ...rules[0]! })).not.toBe(normalizeRule(rules[0]!));
    expect(normalizeRule({ ...rules[0]! })).toEqual(normalizeRule(rules[0]!));
  });
  it('worldOpenings answers the same group and direction from what it worked out before', () => {
    expect(worldOpenings(rules, 'ingress')).toBe(worldOpenings(rules, 'ingress'));
    expect(worldOpenings(rules, 'ingress').map((o) => o.rule.ruleId)).toEqual(['sgr-a', 'sgr-b']);
    expect(worldOpenings(rules, 'egress')).toEqual([]);
  });
});
