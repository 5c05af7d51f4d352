import { describe, expect, it } from 'vitest';
import { buildDigest, type BuildOptions } from '../../src/digest/build.js';
import type { DigestState } from '../../src/digest/types.js';
import type { ScanResult, Suppression } from '../../src/posture/types.js';
import { scanWith } from '../builders/context.js';
import { buildGap, buildRegion, buildSecurityGroup, buildSnapshot, buildSystemEvent, buildWorldRule, NOW, REGION, type SnapshotOverrides } from '../builders/snapshot.js';

// NOW is Sunday 2025-06-15T00:00Z; digests below run at 09:00 Asia/Shanghai (01:00Z).
const OPTS: BuildOptions = { schedule: 'morning', timezone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);
const MON = at('2025-06-16T01:00:00Z');
const TUE = at('2025-06-17T01:00:00Z');
const THU = at('2025-06-19T01:00:00Z');

const sshOpen = () => buildSecurityGroup({ rules: [buildWorldRule({ portRange: '22/22' })] });
const clean = (o: SnapshotOverrides = {}) => scanAt(MON, o);
const exposed = (when: Date, o: SnapshotOverrides = {}, extra: { suppressions?: Suppression[] } = {}) =>
  scanAt(when, { ...o, region: { securityGroups: [sshOpen()], ...o.region } }, extra);

function scanAt(when: Date, o: SnapshotOverrides = {}, extra: { suppressions?: Suppression[] } = {}): ScanResult {
  return scanWith(buildSnapshot({ collectedAt: when.toISOString(), ...o }), { now: when, ...extra });
}

function stateAfter(scan: ScanResult, when: Date): DigestState {
  return buildDigest(null, scan, when, OPTS).state;
}

describe('buildDigest', () => {
  it('first run: everything open is listed as open now, platform events kept apart', () => {
    const m = buildDigest(null, exposed(MON, { region: { systemEvents: [buildSystemEvent()] } }), MON, OPTS);
    expect(m.kind).toBe('first');
    expect(m.since).toBeNull();
    expect(m.newFindings.map((i) => i.checkId)).toEqual(['ecs.sg.admin-port-open-world']);
    expect(m.openTotal).toEqual({ now: 1, before: 0 });
    expect(m.totals.find((t) => t.owner === 'customer')!.bySeverity.high).toEqual({ now: 1, before: 0 });
    expect(m.platform.open.map((i) => i.checkId)).toEqual(['ecs.instance.platform-event']);
    expect(m.newFindings.some((i) => i.owner === 'alibaba-cloud')).toBe(false);
    expect(m.state.open).toHaveLength(2);
    expect(m.state.at).toBe(MON.toISOString());
  });

  it('new: a finding that was not open last time', () => {
    const m = buildDigest(stateAfter(clean(), MON), exposed(TUE), TUE, OPTS);
    expect(m.kind).toBe('changed');
    expect(m.since).toBe(MON.toISOString());
    expect(m.newFindings).toHaveLength(1);
    expect(m.newFindings[0]!.firstSeen).toBe(TUE.toISOString());
    expect(m.resolved).toEqual([]);
    expect(m.openTotal).toEqual({ now: 1, before: 0 });
  });

  it('resolved: open last time, read cleanly now and no longer failing', () => {
    const m = buildDigest(stateAfter(exposed(MON), MON), clean({ collectedAt: TUE.toISOString() }), TUE, OPTS);
    expect(m.kind).toBe('changed');
    expect(m.resolved.map((i) => i.checkId)).toEqual(['ecs.sg.admin-port-open-world']);
    expect(m.unknown).toEqual([]);
    expect(m.openTotal).toEqual({ now: 0, before: 1 });
    expect(m.state.open).toEqual([]);
  });

  it('resolved: the resource is gone and its region was read', () => {
    const m = buildDigest(stateAfter(exposed(MON), MON), scanAt(TUE, { region: { securityGroups: [] } }), TUE, OPTS);
    expect(m.resolved).toHaveLength(1);
  });

  it('unchanged: same findings, short and says since when', () => {
    const prev = stateAfter(exposed(MON), MON);
    const m = buildDigest(prev, exposed(THU), THU, OPTS);
    expect(m.kind).toBe('unchanged');
    expect(m.newFindings).toEqual([]);
    expect(m.resolved).toEqual([]);
    // Age comes from when it was first seen, not from this scan.
    expect(m.state.open[0]!.firstSeen).toBe(MON.toISOString());
    expect(m.oldest[0]!.ageDays).toBe(3);
  });

  describe('a scan with gaps never reports missing resources as resolved', () => {
    const prev = () => stateAfter(exposed(MON), MON);

    it('a per-resource call failed for the security group', () => {
      const now = scanAt(TUE, { region: { securityGroups: [buildSecurityGroup({ rules: [] })] }, gaps: [buildGap({ action: 'DescribeSecurityGroupAttribute', resource: 'sg-1' })] });
      const m = buildDigest(prev(), now, TUE, OPTS);
      expect(m.resolved).toEqual([]);
      expect(m.unknown.map((i) => i.checkId)).toEqual(['ecs.sg.admin-port-open-world']);
      expect(m.openTotal).toEqual({ now: 1, before: 1 });
      // Still open, last read on Monday.
      expect(m.state.open[0]!.lastSeen).toBe(MON.toISOString());
      expect(m.incomplete).toBe(true);
      expect(m.gaps.sentences[0]!.en).toContain('DescribeSecurityGroupAttribute');
    });

    it('the list call failed for the whole region', () => {
      const now = scanAt(TUE, { region: { securityGroups: [] }, gaps: [buildGap({ action: 'DescribeSecurityGroups' })] });
      const m = buildDigest(prev(), now, TUE, OPTS);
      expect(m.resolved).toEqual([]);
      expect(m.unknown).toHaveLength(1);
    });

    it('the region was not collected at all', () => {
      const now = scanAt(TUE, { regions: [REGION], regionData: {}, gaps: [buildGap({ action: 'DescribeInstances', code: 'Timeout' })] });
      const m = buildDigest(prev(), now, TUE, OPTS);
      expect(m.resolved).toEqual([]);
      expect(m.unknown).toHaveLength(1);
    });

    it('the region is out of this scan', () => {
      const now = scanAt(TUE, { regionData: { 'cn-beijing': buildRegion({ regionId: 'cn-beijing' }) } });
      const m = buildDigest(prev(), now, TUE, OPTS);
      expect(m.resolved).toEqual([]);
      expect(m.unknown).toHaveLength(1);
    });

    it('a gap in an unrelated service does not hold back a real fix', () => {
      const now = scanAt(TUE, { gaps: [buildGap({ service: 'ram', region: undefined, action: 'ListUsers' })] });
      const m = buildDigest(prev(), now, TUE, OPTS);
      expect(m.resolved).toHaveLength(1);
      expect(m.unknown).toEqual([]);
    });

    it('an unknown finding resolves once it is read again', () => {
      const gapped = scanAt(TUE, { region: { securityGroups: [] }, gaps: [buildGap({ action: 'DescribeSecurityGroups' })] });
      const mid = buildDigest(prev(), gapped, TUE, OPTS);
      const m = buildDigest(mid.state, clean({ collectedAt: THU.toISOString() }), THU, OPTS);
      expect(m.resolved).toHaveLength(1);
      expect(m.resolved[0]!.firstSeen).toBe(MON.toISOString());
    });
  });

  describe('mutes', () => {
    const mute = (until: string): Suppression => ({ check: 'ecs.sg.admin-port-open-world', resource: 'sg-*', reason: 'bastion, tracked in OPS-1', by: 'alice', until });

    it('a finding muted since last time is newly muted, not resolved; an ending mute is listed', () => {
      const m = buildDigest(stateAfter(exposed(MON), MON), exposed(TUE, {}, { suppressions: [mute('2025-06-20')] }), TUE, OPTS);
      expect(m.resolved).toEqual([]);
      expect(m.newlyMuted).toHaveLength(1);
      expect(m.muted.count).toBe(1);
      expect(m.muted.expiring).toEqual([expect.objectContaining({ until: '2025-06-20', reason: 'bastion, tracked in OPS-1', by: 'alice' })]);
      expect(m.openTotal).toEqual({ now: 0, before: 1 });
      expect(m.state.muted).toHaveLength(1);
    });

    it('a far-off mute is counted but not listed as ending', () => {
      const m = buildDigest(null, exposed(TUE, {}, { suppressions: [mute('2025-12-31')] }), TUE, OPTS);
      expect(m.muted.count).toBe(1);
      expect(m.muted.expiring).toEqual([]);
    });

    it('a finding whose mute ended comes back as new, saying so', () => {
      const prev = buildDigest(null, exposed(MON, {}, { suppressions: [mute('2025-12-31')] }), MON, OPTS).state;
      const m = buildDigest(prev, exposed(TUE), TUE, OPTS);
      expect(m.newFindings).toEqual([expect.objectContaining({ checkId: 'ecs.sg.admin-port-open-world', muteEnded: true })]);
    });
  });

  it('a new platform event is a change on Alibaba Cloud’s side, not on the to-do list', () => {
    const prev = stateAfter(exposed(MON), MON);
    const m = buildDigest(prev, exposed(TUE, { region: { systemEvents: [buildSystemEvent()] } }), TUE, OPTS);
    expect(m.kind).toBe('changed');
    expect(m.newFindings).toEqual([]);
    expect(m.platform).toMatchObject({ newCount: 1, resolvedCount: 0 });
    expect(m.totals.every((t) => t.total.now === 1 || t.owner !== 'customer')).toBe(true);
  });

  it('minSeverity trims the to-do list but keeps Alibaba Cloud’s items', () => {
    const m = buildDigest(null, exposed(MON, { region: { systemEvents: [buildSystemEvent()] } }), MON, { ...OPTS, minSeverity: 'critical' });
    expect(m.newFindings).toEqual([]);
    expect(m.openTotal.now).toBe(0);
    expect(m.platform.open).toHaveLength(1);
    expect(m.minSeverity).toBe('critical');
  });

  it('ages come from the finding history when it knows better', () => {
    const m = buildDigest(null, exposed(MON), MON, { ...OPTS, firstSeen: { [exposed(MON).findings.find((f) => f.status === 'fail')!.fingerprint]: '2025-05-01T00:00:00Z' } });
    expect(m.oldest[0]!.ageDays).toBe(46);
    expect(m.state.open[0]!.firstSeen).toBe('2025-05-01T00:00:00Z');
  });

  it('a catch-up run says how late it is', () => {
    const m = buildDigest(null, clean(), at('2025-06-16T01:42:00Z'), { ...OPTS, late: { scheduledFor: MON.toISOString() } });
    expect(m.late).toEqual({ scheduledFor: MON.toISOString(), minutes: 42 });
  });

  it('starts over when the schedule now follows another account', () => {
    const prev = { ...stateAfter(exposed(MON), MON), accountName: 'staging' };
    expect(buildDigest(prev, exposed(TUE), TUE, OPTS).kind).toBe('first');
  });

  it('is pure: same input, same output', () => {
    const prev = stateAfter(clean(), MON);
    const scan = exposed(TUE);
    expect(buildDigest(prev, scan, TUE, OPTS)).toEqual(buildDigest(prev, scan, TUE, OPTS));
    expect(NOW.getUTCDay()).toBe(0);
  });
});
