import { expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { PostureSource } from '../../src/posture/service.js';
import { LatestScanStore } from '../../src/store/latest-scans.js';
import { MuteStore } from '../../src/store/mutes.js';
import { fakeBackend } from '../builders/posture.js';
import { buildSnapshot, NOW } from '../builders/snapshot.js';
import { describeStores } from '../builders/store.js';

// Replicas answer chat from the shared latest scan: a scan made by one replica is the answer of
// the others while it is within the TTL; after that, the asking replica scans itself.

describeStores('posture from the shared latest scan', (b) => {
  it('a second replica answers from the first one\'s scan, without collecting', async () => {
    const open = await b.shared();
    let t = NOW.getTime();
    const replica = async () => {
      const db = await open();
      let collects = 0;
      const source = new PostureSource({
        backend: fakeBackend({ collect: async () => (collects++, buildSnapshot()) }),
        mutes: new MuteStore(db),
        now: () => new Date(t),
        log: silentLogger(),
        ttlMs: 15 * 60_000,
        refreshIntervalMs: 60_000,
        shared: new LatestScanStore(db),
      });
      return { source, collects: () => collects };
    };
    const a = await replica();
    const c = await replica();
    const first = await a.source.current();
    expect(a.collects()).toBe(1);
    t += 60_000;
    const second = await c.source.current();
    expect(c.collects()).toBe(0);
    expect(second.scan.findings.map((f) => f.fingerprint)).toEqual(first.scan.findings.map((f) => f.fingerprint));
    expect(second.ageMs).toBe(60_000);
    // Past the TTL the shared scan is too old: the replica scans itself.
    t += 15 * 60_000;
    await c.source.current();
    expect(c.collects()).toBe(1);
  });
});
