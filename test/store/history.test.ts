import { expect, it } from 'vitest';
import { coverageOf, historyCoverage } from '../../src/digest/coverage.js';
import type { ScanResult } from '../../src/posture/types.js';
import { HistoryStore } from '../../src/store/history.js';
import { describeStores } from '../builders/store.js';
import { scanWith } from '../builders/context.js';
import { buildGap, buildSecurityGroup, buildSnapshot, buildWorldRule, type SnapshotOverrides } from '../builders/snapshot.js';

const D1 = new Date('2025-06-16T01:00:00Z');
const D2 = new Date('2025-06-17T01:00:00Z');
const D3 = new Date('2025-06-18T01:00:00Z');
const ssh = buildSecurityGroup({ rules: [buildWorldRule({ portRange: '22/22' })] });

function scan(when: Date, o: SnapshotOverrides = {}): ScanResult {
  return scanWith(buildSnapshot({ collectedAt: when.toISOString(), ...o }), { now: when });
}

function record(h: HistoryStore, s: ScanResult): Promise<number> {
  return h.recordScan(s, 'all', historyCoverage(coverageOf(s)));
}

describeStores('HistoryStore', (b) => {
  it('tracks first seen, last seen and resolved, and keeps a fingerprint open across a gap', async () => {
    const h = new HistoryStore(await b.fresh());
    const first = scan(D1, { region: { securityGroups: [ssh] } });
    const fp = first.findings.find((f) => f.status === 'fail')!.fingerprint;
    await record(h, first);
    expect(await h.get('prod', fp)).toMatchObject({ firstSeen: D1.toISOString(), lastSeen: D1.toISOString() });
    expect((await h.get('prod', fp))!.resolvedAt).toBeUndefined();

    // Day 2: the security group could not be read: not resolved.
    await record(h, scan(D2, { region: { securityGroups: [] }, gaps: [buildGap({ action: 'DescribeSecurityGroups' })] }));
    expect(await h.get('prod', fp)).toMatchObject({ firstSeen: D1.toISOString(), lastSeen: D1.toISOString() });
    expect((await h.get('prod', fp))!.resolvedAt).toBeUndefined();

    // Day 3: read cleanly and fixed.
    await record(h, scan(D3));
    expect((await h.get('prod', fp))!.resolvedAt).toBe(D3.toISOString());
    expect(await h.firstSeen('prod', [fp, 'ffffffffffffffff'])).toEqual({ [fp]: D1.toISOString() });
  });

  it('a finding that comes back after a fix is open since it came back', async () => {
    const h = new HistoryStore(await b.fresh());
    const open = (d: Date) => scan(d, { region: { securityGroups: [ssh] } });
    await record(h, open(D1));
    await record(h, scan(D2));
    await record(h, open(D3));
    const fp = open(D1).findings.find((f) => f.status === 'fail')!.fingerprint;
    expect(await h.get('prod', fp)).toMatchObject({ firstSeen: D3.toISOString(), lastSeen: D3.toISOString() });
    expect((await h.get('prod', fp))!.resolvedAt).toBeUndefined();
  });

  it('counts open to-do findings by severity per scan', async () => {
    const h = new HistoryStore(await b.fresh());
    await record(h, scan(D1, { region: { securityGroups: [ssh] } }));
    await record(h, scan(D2));
    const rows = await h.scans('prod', 'all', D1, D3);
    expect(rows.map((r) => [r.scannedAt, r.open.high])).toEqual([
      [D1.toISOString(), 1],
      [D2.toISOString(), 0],
    ]);
    expect(await h.scans('prod', 'other-scope', D1, D3)).toEqual([]);
    expect(await h.pruneScans(D2)).toBe(1);
  });
});
