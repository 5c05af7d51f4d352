// Security group semantics, in one place for every SG check. The rules Alibaba Cloud applies:
// - Policy and IpProtocol come back in any case: compare lower-cased.
// - 0.0.0.0/0 and ::/0 (any /0) are the world; a rule whose peer is another security group is not.
// - PortRange "a/b" covers a..b; "-1/-1", "1/65535" and protocol ALL cover every port.
// - Lower priority number wins; on a tie Drop wins. So a Drop with priority <= an Accept's, whose
//   peers cover the Accept's peer and whose ports cover a port, shadows the Accept there.
// We compute what each world-facing Accept *effectively* opens after all Drops (their peer ranges
// and port ranges may combine), instead of judging rules one by one.
// Not modelled: prefix lists (the snapshot does not carry them), the implicit defaults of basic
// groups (allow all egress) and enterprise groups (deny all) — these only add, never hide, risk.

import type { SecurityGroupRule } from '../../cloud/snapshot.js';

export type Direction = 'ingress' | 'egress';
export type PortProtocol = 'tcp' | 'udp';

export interface Cidr {
  family: 4 | 6;
  lo: bigint;
  hi: bigint;
  text: string;
}

export interface PortSegment {
  from: number;
  to: number;
}

export interface NormalizedRule {
  raw: SecurityGroupRule;
  ruleId: string;
  direction: Direction | null;
  /** Lower-cased: tcp, udp, icmp, icmpv6, gre, all. */
  protocol: string;
  /** Ports the rule covers; every port for protocols without ports. null = unparseable. */
  ports: PortSegment | null;
  allPorts: boolean;
  policy: 'accept' | 'drop' | null;
  priority: number;
  /** Peer CIDRs (source for ingress, destination for egress) that parsed. */
  cidrs: Cidr[];
  peerGroupId: string | null;
}

export interface WorldOpening {
  rule: NormalizedRule;
  protocol: PortProtocol;
  /** The world CIDR as written in the rule ("0.0.0.0/0", "::/0"); for openingsFrom, the chosen peer. */
  cidr: string;
  family: 4 | 6;
  /** Ports this rule opens to the world once Drop rules are taken into account (never empty). */
  segments: PortSegment[];
}

const MAX_PORT = 65535;
const ALL_PORTS: PortSegment = { from: 1, to: MAX_PORT };

export function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIpv6(text: string): bigint | null {
  let s = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = parseIpv4(v4[1]!);
    if (n === null) return null;
    s = s.slice(0, -v4[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

/** "10.0.0.0/8", "1.2.3.4" (= /32), "::/0", "2408::/32". null when it does not parse. */
export function parseCidr(text: string): Cidr | null {
  const t = text.trim();
  if (t === '') return null;
  const [addr = '', prefixText, ...rest] = t.split('/');
  if (rest.length > 0) return null;
  const family: 4 | 6 = addr.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const value = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  if (value === null) return null;
  const hostBits = BigInt(bits - prefix);
  const lo = (value >> hostBits) << hostBits;
  const hi = lo | ((1n << hostBits) - 1n);
  return { family, lo, hi, text: t };
}

const V4_TOP = (1n << 32n) - 1n;
const V6_TOP = (1n << 128n) - 1n;

/** Any /0 is the whole address space of its family. */
export function isWorld(c: Cidr): boolean {
  return c.lo === 0n && c.hi === (c.family === 4 ? V4_TOP : V6_TOP);
}

/** The prefix length of a parsed CIDR (its block is exactly lo..hi). */
export function prefixLength(c: Cidr): number {
  const hostBits = (c.hi - c.lo + 1n).toString(2).length - 1;
  return (c.family === 4 ? 32 : 128) - hostBits;
}

export function isWorldCidr(text: string): boolean {
  const c = parseCidr(text);
  return c !== null && isWorld(c);
}

const PORTLESS = new Set(['all', 'icmp', 'icmpv6', 'gre']);

/** Ports a rule covers; protocols without ports cover all. null = malformed. */
export function parsePortRange(portRange: string, protocol: string): PortSegment | null {
  if (PORTLESS.has(protocol)) return { ...ALL_PORTS };
  const m = /^\s*(-?\d+)\s*\/\s*(-?\d+)\s*$/.exec(portRange);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (a === -1 && b === -1) return { ...ALL_PORTS };
  if (a > b || b < 1) return null;
  return { from: Math.max(1, a), to: Math.min(MAX_PORT, b) };
}

// Six checks read every rule of every group, and instance-exposed reads them again per instance:
// each rule is parsed once per scan, not once per check (that was ~400 MB of garbage at 20,000
// rules). The parsed forms are dropped when the scan ends (forgetParsedRules): kept, they would
// cost as much memory as the rules themselves for as long as the bot holds the snapshot.
let normalized = new WeakMap<SecurityGroupRule, NormalizedRule>();
// Per group rule list: five checks ask the same question of the same group. Callers only read.
let openingsCache = new WeakMap<SecurityGroupRule[], Partial<Record<Direction, WorldOpening[]>>>();

/** Drop what the scan worked out about rules (runChecks calls this when it is done). */
export function forgetParsedRules(): void {
  normalized = new WeakMap();
  openingsCache = new WeakMap();
}

export function normalizeRule(r: SecurityGroupRule): NormalizedRule {
  let n = normalized.get(r);
  if (!n) {
    n = parseRule(r);
    normalized.set(r, n);
  }
  return n;
}

function parseRule(r: SecurityGroupRule): NormalizedRule {
  const protocol = r.ipProtocol.trim().toLowerCase();
  const dir = r.direction.trim().toLowerCase();
  const direction: Direction | null = dir === 'ingress' || dir === 'egress' ? dir : null;
  const pol = r.policy.trim().toLowerCase();
  const policy = pol === 'accept' || pol === 'drop' ? pol : null;
  const ports = parsePortRange(r.portRange, protocol);
  const peerTexts = direction === 'egress' ? [r.destCidrIp, r.ipv6DestCidrIp] : [r.sourceCidrIp, r.ipv6SourceCidrIp];
  const cidrs = peerTexts.map((t) => parseCidr(t ?? '')).filter((c): c is Cidr => c !== null);
  const group = (direction === 'egress' ? r.destGroupId : r.sourceGroupId)?.trim() ?? '';
  // An unreadable priority must never let a Drop hide an Accept: treat Accepts as strongest, Drops as weakest.
  const priority = Number.isFinite(r.priority) ? r.priority : policy === 'drop' ? 100 : 1;
  return {
    raw: r,
    ruleId: r.ruleId,
    direction,
    protocol,
    ports,
    allPorts: ports !== null && ports.from <= 1 && ports.to >= MAX_PORT,
    policy,
    priority,
    cidrs,
    peerGroupId: group === '' ? null : group,
  };
}

/** Does a rule of this protocol apply to tcp/udp traffic? */
export function protocolCovers(ruleProtocol: string, proto: PortProtocol): boolean {
  return ruleProtocol === 'all' || ruleProtocol === proto;
}

/** Does the union of `cidrs` cover all of `target`? */
export function cidrsCover(target: Cidr, cidrs: Cidr[]): boolean {
  const ranges = cidrs
    .filter((c) => c.family === target.family && c.hi >= target.lo && c.lo <= target.hi)
    .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  let next = target.lo;
  for (const r of ranges) {
    if (r.lo > next) return false;
    if (r.hi + 1n > next) next = r.hi + 1n;
    if (next > target.hi) return true;
  }
  return next > target.hi;
}

interface DropArea {
  ports: PortSegment;
  cidrs: Cidr[];
}

/** The parts of `span` where traffic from `peer` is not dropped by any of `drops`. */
export function unshadowedSegments(span: PortSegment, peer: Cidr, drops: DropArea[]): PortSegment[] {
  const relevant = drops.filter((d) => d.ports.to >= span.from && d.ports.from <= span.to);
  const cuts = new Set<number>([span.from, span.to + 1]);
  for (const d of relevant) {
    cuts.add(Math.max(d.ports.from, span.from));
    cuts.add(Math.min(d.ports.to, span.to) + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: PortSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]! - 1;
    const covering = relevant.filter((d) => d.ports.from <= from && from <= d.ports.to).flatMap((d) => d.cidrs);
    if (cidrsCover(peer, covering)) continue;
    const last = out[out.length - 1];
    if (last && last.to + 1 === from) last.to = to;
    else out.push({ from, to });
  }
  return out;
}

/**
 * Every Accept rule that lets the world in (ingress) or out to the world (egress) on TCP/UDP,
 * with the ports it still opens after Drop rules. ICMP/GRE-only rules open no ports and are left out.
 */
export function worldOpenings(rules: SecurityGroupRule[], direction: Direction): WorldOpening[] {
  const byDirection = openingsCache.get(rules) ?? {};
  const cached = byDirection[direction];
  if (cached) return cached;
  const out = computeOpenings(rules, direction);
  byDirection[direction] = out;
  openingsCache.set(rules, byDirection);
  return out;
}

/**
 * Like worldOpenings, for Accept rules whose peer is any CIDR `pick` chooses (e.g. "broad" sources),
 * with the same Drop shadowing. Not cached: only one check asks it.
 */
export function openingsFrom(rules: SecurityGroupRule[], direction: Direction, pick: (c: Cidr) => boolean): WorldOpening[] {
  return computeOpenings(rules, direction, pick);
}

function computeOpenings(rules: SecurityGroupRule[], direction: Direction, pick: (c: Cidr) => boolean = isWorld): WorldOpening[] {
  const normalized = rules.map(normalizeRule).filter((r) => r.direction === direction);
  const drops = normalized.filter((r) => r.policy === 'drop' && r.ports !== null && r.cidrs.length > 0);
  const out: WorldOpening[] = [];
  for (const rule of normalized) {
    if (rule.policy !== 'accept') continue;
    const peers = rule.cidrs.filter(pick);
    if (peers.length === 0) continue;
    // A malformed port range on an Accept is read as "every port": never hide a possible opening.
    const span = rule.ports ?? { ...ALL_PORTS };
    for (const proto of ['tcp', 'udp'] as const) {
      if (!protocolCovers(rule.protocol, proto)) continue;
      const shadowing = drops
        .filter((d) => d.priority <= rule.priority && protocolCovers(d.protocol, proto))
        .map((d) => ({ ports: d.ports!, cidrs: d.cidrs }));
      for (const peer of peers) {
        const segments = unshadowedSegments(span, peer, shadowing);
        if (segments.length > 0) out.push({ rule, protocol: proto, cidr: peer.text, family: peer.family, segments });
      }
    }
  }
  return out;
}

export function segmentsInclude(segments: PortSegment[], port: number): boolean {
  return segments.some((s) => s.from <= port && port <= s.to);
}

/** One world-facing Accept rule and the listed ports it effectively opens, per protocol. */
export interface RuleExposure {
  rule: NormalizedRule;
  cidrs: string[];
  /** protocol → sorted ports. */
  ports: Partial<Record<PortProtocol, number[]>>;
}

/** Which of `ports` each world-facing Accept rule opens. Rules opening none of them are left out. */
export function exposedPorts(openings: WorldOpening[], ports: number[]): RuleExposure[] {
  const byRule = new Map<string, RuleExposure>();
  for (const o of openings) {
    const hits = ports.filter((p) => segmentsInclude(o.segments, p));
    if (hits.length === 0) continue;
    const key = ruleKey(o.rule);
    const entry = byRule.get(key) ?? { rule: o.rule, cidrs: [], ports: {} };
    if (!entry.cidrs.includes(o.cidr)) entry.cidrs.push(o.cidr);
    const set = new Set([...(entry.ports[o.protocol] ?? []), ...hits]);
    entry.ports[o.protocol] = [...set].sort((a, b) => a - b);
    byRule.set(key, entry);
  }
  return [...byRule.values()];
}

/** At most this many ports are named in a sentence; the rest are counted. */
const MAX_NAMED_PORTS = 8;

function portList(ports: number[]): string {
  const named = ports.slice(0, MAX_NAMED_PORTS).join(', ');
  return ports.length > MAX_NAMED_PORTS ? `${named} (+${ports.length - MAX_NAMED_PORTS})` : named;
}

/** "TCP 22, 3389" / "TCP/UDP 3389" / "TCP 22; UDP 53" for reason sentences. */
export function describePorts(ports: Partial<Record<PortProtocol, number[]>>): string {
  const tcp = ports.tcp ?? [];
  const udp = ports.udp ?? [];
  if (tcp.length > 0 && tcp.join() === udp.join()) return `TCP/UDP ${portList(tcp)}`;
  const parts: string[] = [];
  if (tcp.length > 0) parts.push(`TCP ${portList(tcp)}`);
  if (udp.length > 0) parts.push(`UDP ${portList(udp)}`);
  return parts.join('; ');
}

/** The key a rule is reported under: its id, or a description when the API gave none. */
export function ruleKey(rule: NormalizedRule): string {
  return rule.ruleId || `${rule.protocol}:${rule.raw.portRange}:${rule.priority}`;
}
