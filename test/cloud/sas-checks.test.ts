import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulator/index.js';
import { runChecks } from '../../src/posture/run.js';
import { DEFAULT_THRESHOLDS } from '../../src/checks/thresholds.js';
import { loadOsEol } from '../../src/checks/os-eol.js';
import type { FaultRule } from '../../src/emulator/index.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { collectFrom, withEmulator } from './helpers.js';

// The new checks end to end: the demo account through the emulator, the generic RPC door and the
// real check engine, then the same with Security Center and ActionTrail denied or throttled.

const IDS = [
  'actiontrail.not-enabled',
  'actiontrail.not-logging',
  'actiontrail.partial-events',
  'ecs.instance.no-security-agent',
  'ecs.instance.unpatched',
  'sas.basic-edition',
  'sas.notifications-off',
  'sas.vuln-scan-off',
  'sas.virus-blocking-off',
  'sas.fingerprints-not-daily',
];

function scan(snap: Snapshot) {
  return runChecks(snap, {
    thresholds: DEFAULT_THRESHOLDS,
    now: new Date('2026-11-15T00:00:00Z'),
    eol: loadOsEol(),
    filter: { checkIds: IDS, includePasses: true },
  });
}

const byCheck = (snap: Snapshot) => {
  const out: Record<string, string[]> = {};
  for (const f of scan(snap).findings) (out[f.checkId] ??= []).push(`${f.status} ${f.resource.id}`);
  for (const v of Object.values(out)) v.sort();
  return out;
};

async function demo<T>(fn: (snap: Snapshot) => T, faults: FaultRule[] = []): Promise<T> {
  return withEmulator(loadScenario('demo'), async (emu) => fn(await collectFrom(emu)), faults);
}

describe('ActionTrail and Security Center checks on the demo account', () => {
  it('pass and fail as planted', async () => {
    const got = await demo(byCheck);
    expect(got['actiontrail.not-enabled']).toEqual(['pass 5812345678901234']);
    expect(got['actiontrail.not-logging']).toEqual(['fail hz-ops-2024', 'pass account-audit']);
    expect(got['actiontrail.partial-events']).toEqual(['fail account-audit', 'pass hz-ops-2024']);
    expect(got['ecs.instance.no-security-agent']).toEqual([
      'fail i-bp1legacy0001',
      'fail i-t4nwin0000001',
      'pass i-bp1db00000001',
      'pass i-bp1web0000001',
      'pass i-bp1web0000002',
      'pass i-t4napp0000001',
      'skip i-t4ntest000001',
    ]);
    expect(got['ecs.instance.unpatched']).toEqual([
      'fail i-bp1web0000001',
      'fail i-t4nwin0000001',
      'pass i-bp1db00000001',
      'pass i-bp1web0000002',
      'pass i-t4napp0000001',
      'pass i-t4ntest000001',
      'skip i-bp1legacy0001',
    ]);
    expect(got['sas.basic-edition']).toEqual(['pass 5812345678901234']);
    expect(got['sas.notifications-off']).toEqual(['fail 5812345678901234']);
    expect(got['sas.vuln-scan-off']).toEqual(['pass 5812345678901234']);
    expect(got['sas.virus-blocking-off']).toEqual(['fail 5812345678901234']);
    // One result per fingerprint type: processes weekly and scheduled tasks never are planted.
    expect([...got['sas.fingerprints-not-daily']!].sort()).toEqual(['fail 5812345678901234', 'fail 5812345678901234', 'pass 5812345678901234', 'pass 5812345678901234', 'pass 5812345678901234']);
  });

  it('every check errors (never passes) when its calls are denied, and the reason names the permission', async () => {
    const denied: FaultRule[] = ['DescribeTrails', 'DescribeCloudCenterInstances', 'DescribeVulList', 'DescribeVersionConfig', 'DescribeNoticeConfig', 'DescribeVulConfig', 'DescribeSuspiciousOverallConfig', 'GetPropertyScheduleConfig'].map(
      (action) => ({ action, kind: 'deny' }),
    );
    const findings = await demo((snap) => scan(snap).findings, denied);
    for (const id of IDS) {
      const mine = findings.filter((f) => f.checkId === id);
      expect(mine.length, id).toBeGreaterThan(0);
      expect(new Set(mine.map((f) => f.status)), id).toEqual(new Set(['error']));
      expect(mine[0]!.reason.en, id).toMatch(/grant (actiontrail|yundun-sas):\w+/);
    }
  });

  it('a denied GetTrailStatus makes the logging checks error for each trail; throttling is retried to the same answer', async () => {
    const got = await demo(byCheck, [{ action: 'GetTrailStatus', kind: 'deny' }]);
    expect(got['actiontrail.not-logging']).toEqual(['error account-audit', 'error hz-ops-2024']);
    expect(got['actiontrail.not-enabled']).toEqual(['error 5812345678901234']);
    const clean = await demo(byCheck);
    const throttled = await demo(byCheck, [{ action: '*', kind: 'throttle', ratePerSec: 0.001, times: 3 }]);
    for (const id of IDS) expect(throttled[id], id).toEqual(clean[id]);
  });
});
