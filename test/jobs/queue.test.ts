import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/digest/clock.js';
import type { DigestDeps } from '../../src/digest/runner.js';
import { DigestService } from '../../src/digest/service.js';
import { jobId, JobQueue } from '../../src/jobs/queue.js';
import { openPostgres } from '../../src/store/postgres.js';
import type { Db } from '../../src/store/sql.js';
import { silentLogger } from '../../src/core/logger.js';
import { describePostgres } from '../builders/store.js';
import { buildSchedule, fakeDestination, harness, type FakeDestination } from '../digest/helpers.js';

// Digest slots as pg-boss jobs on a real PostgreSQL: three replicas (each its own store handle
// and its own pg-boss) fire the same slots; each slot becomes one job and is posted once.

const FAST = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1, busyWaitMs: 20_000 };

describePostgres('digest slots as jobs', (url) => {
  const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const handles: Db[] = [];
  const queues: JobQueue[] = [];
  const schemas: string[] = [];
  let n = 0;

  const schema = async (kind: string) => {
    const name = `${kind}_${tag}_${++n}`;
    schemas.push(name);
    return name;
  };

  async function replicas(count: number, dest: FakeDestination, o: { retryLimit?: number; deps?: Partial<DigestDeps> } = {}) {
    const state = await schema('t');
    await admin.query(`CREATE SCHEMA ${state}`);
    const jobs = await schema('j');
    const s = buildSchedule({ maxSnapshotAgeMs: 0 });
    const out = [];
    for (let i = 0; i < count; i++) {
      const db = await openPostgres({ url, schema: state, max: 4 });
      handles.push(db);
      const h = harness({ clock: systemClock, db, dests: [dest], holder: `replica-${i}`, deps: { policy: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 }, ...o.deps } });
      const queue = await JobQueue.start({ url, schema: jobs, log: silentLogger(), tuning: { ...FAST, retryLimit: o.retryLimit ?? 3 } });
      queues.push(queue);
      await queue.workDigests([s], h.deps);
      out.push({ h, queue });
    }
    return { s, replicas: out };
  }

  async function until(what: string, ok: () => Promise<boolean>, ms = 40_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(() => undefined);
  afterAll(async () => {
    await Promise.allSettled(queues.splice(0).map((q) => q.stop()));
    await Promise.allSettled(handles.splice(0).map((h) => h.close()));
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });

  it('three replicas firing the same 10 slots: one job per slot, each slot posted once', async () => {
    const dest = fakeDestination('slack:C1');
    const { s, replicas: rs } = await replicas(3, dest);
    const slots = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i, 1)));
    const sent = await Promise.all(slots.flatMap((slot) => rs.map((r) => r.queue.sendDigest(s, { trigger: 'cron', scheduledFor: slot }))));
    expect(sent.filter(Boolean)).toHaveLength(10);
    const store = rs[0]!.h.store;
    await until('10 finished runs', async () => (await store.runs(s.name, 50)).filter((r) => r.status === 'sent').length === 10);
    expect(dest.received).toHaveLength(10);
    const runs = await store.runs(s.name, 50);
    expect(new Set(runs.map((r) => r.scheduledFor)).size).toBe(10);
    for (const r of runs) expect((await store.deliveries(r.id)).map((d) => d.status)).toEqual(['sent']);
    // Firing a slot again after it ran makes no second job.
    expect(await rs[2]!.queue.sendDigest(s, { trigger: 'cron', scheduledFor: slots[0]! })).toBe(false);
  }, 60_000);

  it('a job whose worker throws is retried, then dead-lettered and shown in /digest status', async () => {
    const dest = fakeDestination('slack:C1');
    let calls = 0;
    const { s, replicas: rs } = await replicas(1, dest, {
      retryLimit: 1,
      deps: {
        destinations: () => {
          calls++;
          throw new Error('destinations unreadable');
        },
      },
    });
    const slot = new Date(Date.UTC(2026, 1, 1, 1));
    expect(await rs[0]!.queue.sendDigest(s, { trigger: 'cron', scheduledFor: slot })).toBe(true);
    const store = rs[0]!.h.store;
    await until('a dead-lettered run', async () => (await store.runs(s.name, 5))[0]?.status === 'failed');
    expect(calls).toBe(2); // the first attempt and one retry
    const service = new DigestService({ schedules: [s], store, clock: systemClock, runNow: () => Promise.reject(new Error('unused')) });
    const [st] = await service.status(s.name);
    expect(st!.last).toMatchObject({ status: 'failed', scheduledFor: slot.toISOString() });
    expect(st!.last!.error).toMatch(/^dead-lettered after 2 attempts: destinations unreadable/);
    expect(dest.received).toHaveLength(0);
  }, 60_000);

  it('job ids are a pure function of the slot key, and valid UUIDs', () => {
    expect(jobId('morning@2026-01-01T01:00:00.000Z')).toBe(jobId('morning@2026-01-01T01:00:00.000Z'));
    expect(jobId('a')).not.toBe(jobId('b'));
    expect(jobId('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describePostgres('job queue errors', (url) => {
  it('a server that cannot be reached is refused by name, never by password', async () => {
    const u = new URL(url);
    u.password = 's3cret-pw';
    u.port = '1'; // nothing listens there
    const err = await JobQueue.start({ url: u.toString(), log: silentLogger() }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('DB_UNAVAILABLE');
    expect((err as Error).message).toContain('127.0.0.1:1');
    expect(JSON.stringify((err as { messages?: unknown }).messages)).not.toContain('s3cret-pw');
  });
});
