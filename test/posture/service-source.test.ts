import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/cloud/index.js';
import { applyMutes } from '../../src/posture/service.js';
import { summarize } from '../../src/posture/run.js';
import { openDb } from '../../src/store/db.js';
import { MuteStore } from '../../src/store/mutes.js';
import { scanWith } from '../builders/context.js';
import { buildPostureSource } from '../builders/posture.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule, NOW } from '../builders/snapshot.js';

const exposed = () =>
  buildSnapshot({
    region: {
      securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-ssh', portRange: '22/22' })] })],
      instances: [buildInstance({ publicIps: ['47.1.2.3'] })],
    },
  });
import { silentLogger } from '../../src/core/logger.js';

// The one posture source: one snapshot at a time, one cache shared by chat and digests, one mute step.

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('PostureSource', () => {
  it('lets the previous snapshot go before a rescan reads the account', async () => {
    const held: number[] = [];
    let calls = 0;
    const source = buildPostureSource({
      collect: async () => {
        calls++;
        held.push(source.heldSnapshots());
        return buildSnapshot();
      },
      refreshIntervalMs: 0,
    });
    await source.current();
    expect(source.heldSnapshots()).toBe(1);
    await source.refresh();
    await source.refresh();
    expect(calls).toBe(3);
    expect(held).toEqual([0, 0, 0]);
    expect(source.heldSnapshots()).toBe(1);
  });

  it('keeps answering from the scan while a rescan runs; a targeted refresh waits for the new snapshot', async () => {
    const slow = gate();
    const snapshots: Snapshot[] = [];
    let n = 0;
    const source = buildPostureSource({
      collect: async () => {
        const s = buildSnapshot();
        snapshots.push(s);
        if (n++ === 1) await slow.opened;
        return s;
      },
      refresh: async (s) => {
        expect(s).toBe(snapshots[1]);
        return s;
      },
      refreshIntervalMs: 0,
    });
    const first = await source.current();
    const rescan = source.refresh();
    const during = await source.current();
    expect(during.scan.summary).toEqual(first.scan.summary);
    const one = source.refreshOne({ type: 'ram-user', name: 'alice' });
    slow.open();
    await rescan;
    await one;
    expect(snapshots).toHaveLength(2);
  });

  it('a digest shares the bot scan of the same account (one cache), and scopes its own by region', async () => {
    let calls = 0;
    const source = buildPostureSource({
      collect: async () => {
        calls++;
        return buildSnapshot();
      },
    });
    await source.current();
    await source.scoped({ account: 'prod', maxAgeMs: 60_000, now: NOW, log: silentLogger() });
    expect(calls).toBe(1);
    await source.scoped({ account: 'prod', regions: ['cn-hangzhou'], maxAgeMs: 60_000, now: NOW, log: silentLogger() });
    await source.scoped({ account: 'prod', regions: ['cn-hangzhou'], maxAgeMs: 60_000, now: NOW, log: silentLogger() });
    expect(calls).toBe(2);
    // A region-scoped scan keeps no snapshot: the account holds one.
    expect(source.heldSnapshots()).toBe(1);
  });

  it('chat, digests and the CLI see the same mutes and the same counts', async () => {
    const mutes = new MuteStore(openDb(':memory:'));
    const source = buildPostureSource({ mutes, collect: async () => exposed() });
    const plain = (await source.current()).scan;
    const fail = plain.findings.find((f) => f.status === 'fail')!;
    await source.mute(fail.fingerprint, 30, 'accepted', 'slack:U1');
    const chat = (await source.current()).scan;
    const digest = await source.scoped({ account: 'prod', maxAgeMs: 60_000, now: NOW, log: silentLogger() });
    const cli = await source.assess(exposed());
    for (const s of [chat, digest, cli]) {
      expect(s.findings.find((f) => f.fingerprint === fail.fingerprint)!.muted).toMatchObject({ reason: 'accepted', by: 'slack:U1' });
      expect(s.summary).toEqual(summarize(s.findings, s.passes));
      expect(s.summary.muted).toBe(1);
    }
    expect((await source.assess(exposed(), {}, { mutes: false })).summary.muted).toBe(0);
  });

  it('applyMutes leaves a scan untouched when nothing is muted, and never mutes a pass', () => {
    const scan = scanWith(buildSnapshot());
    expect(applyMutes(scan, [])).toBe(scan);
    const pass = scan.findings.find((f) => f.status === 'pass')!;
    const out = applyMutes(scan, [{ fingerprint: pass.fingerprint, reason: 'r', mutedBy: 'x', createdAt: NOW.toISOString(), until: '2099-01-01T00:00:00Z' }]);
    expect(out.findings.find((f) => f.fingerprint === pass.fingerprint)!.muted).toBeUndefined();
  });
});
