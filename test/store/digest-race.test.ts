import { expect, it } from 'vitest';
import { runDigest, type RunOutcome } from '../../src/digest/runner.js';
import type { Db } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { buildSchedule, fakeDestination, FakeClock, harness } from '../digest/helpers.js';
import { describeStores, type StoreBackend } from '../builders/store.js';

// Exactly once with several writers on one database: replicas (separate pools on PostgreSQL;
// concurrent callers on SQLite's one connection) fire the same digest slot at the same moment.

const T0 = new Date('2025-06-16T01:00:00Z');
const slot = (i: number) => new Date(T0.getTime() + i * 86_400_000);

/** n handles onto one fresh database: one per replica on PostgreSQL, one shared on SQLite. */
async function replicas(b: StoreBackend, n: number): Promise<Db[]> {
  if (b.name === 'sqlite') return Array(n).fill(await b.fresh()) as Db[];
  const open = await b.shared();
  return Promise.all(Array.from({ length: n }, () => open()));
}

describeStores('digest slots under concurrent writers', (b) => {
  it('two stores racing for the same run id and lease: exactly one wins, every time', async () => {
    const [one, two] = (await replicas(b, 2)).map((db) => new DigestStore(db));
    for (let i = 0; i < 50; i++) {
      const run = { id: `morning@${slot(i).toISOString()}`, schedule: 'morning', scheduledFor: slot(i).toISOString(), trigger: 'cron' as const, startedAt: slot(i).toISOString() };
      const created = await Promise.all([one!.createRun(run), two!.createRun(run)]);
      expect(created.filter(Boolean)).toHaveLength(1);
      const leased = await Promise.all([one!.acquireLease(`s${i}`, 'p1', slot(i), 60_000), two!.acquireLease(`s${i}`, 'p2', slot(i), 60_000)]);
      expect(leased.filter(Boolean)).toHaveLength(1);
    }
  });

  it('three replicas fire the same 20 slots at once: each slot is posted once, the rest see busy or done-before', async () => {
    const clock = new FakeClock(T0);
    const dest = fakeDestination('slack:C1');
    const hs = (await replicas(b, 3)).map((db, i) => harness({ clock, db, dests: [dest], holder: `replica-${i}` }));
    const outcomes: RunOutcome['status'][] = [];
    for (let i = 0; i < 20; i++) {
      const fired = await Promise.all(hs.map((h) => runDigest(buildSchedule(), { trigger: 'cron', scheduledFor: slot(i) }, h.deps)));
      expect(fired.filter((o) => o.status === 'sent')).toHaveLength(1);
      outcomes.push(...fired.map((o) => o.status));
      // All try again at once (retries after "busy"): nobody posts; each then sees the slot done.
      const again = await Promise.all(hs.map((h) => runDigest(buildSchedule(), { trigger: 'cron', scheduledFor: slot(i) }, h.deps)));
      expect(again.filter((o) => o.status !== 'busy' && o.status !== 'done-before')).toEqual([]);
      for (const h of hs) expect((await runDigest(buildSchedule(), { trigger: 'cron', scheduledFor: slot(i) }, h.deps)).status).toBe('done-before');
      expect(dest.received).toHaveLength(i + 1);
    }
    expect(dest.received).toHaveLength(20);
    expect(outcomes.every((s) => s === 'sent' || s === 'busy' || s === 'done-before')).toBe(true);
    expect(hs.reduce((n, h) => n + h.world.scans, 0)).toBe(20);
  });
});
