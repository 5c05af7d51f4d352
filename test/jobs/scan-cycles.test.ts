import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { startScanCycles } from '../../src/jobs/scan-cycles.js';
import { PostureSource } from '../../src/posture/service.js';
import { LatestScanStore } from '../../src/store/latest-scans.js';
import { MuteStore } from '../../src/store/mutes.js';
import { openPostgres } from '../../src/store/postgres.js';
import type { Db } from '../../src/store/sql.js';
import { fakeBackend } from '../builders/posture.js';
import { buildSnapshot } from '../builders/snapshot.js';
import { describePostgres } from '../builders/store.js';

// Scans per account as jobs: two replicas both fire the cycle; each account is scanned once, by
// one of them, and the other answers chat from that shared scan without collecting.

describePostgres('scan cycles as jobs', (url) => {
  const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS sc_${tag} CASCADE; DROP SCHEMA IF EXISTS scj_${tag} CASCADE`);
    await admin.end();
  });

  it('two replicas, two accounts, one cycle: two scans in all, shared with the other replica', async () => {
    await admin.query(`CREATE SCHEMA sc_${tag}`);
    let collects = 0;
    const replicas: PostureSource[] = [];
    for (let i = 0; i < 2; i++) {
      const db: Db = await openPostgres({ url, schema: `sc_${tag}`, max: 2 });
      closers.push(() => db.close());
      const posture = new PostureSource({
        backend: fakeBackend({ accounts: [{ name: 'prod' }, { name: 'staging' }], collect: async (a) => (collects++, buildSnapshot({ accountName: a.name })) }),
        mutes: new MuteStore(db),
        now: () => new Date(),
        log: silentLogger(),
        ttlMs: 15 * 60_000,
        refreshIntervalMs: 60_000,
        shared: new LatestScanStore(db),
      });
      const queue = await JobQueue.start({ url, schema: `scj_${tag}`, log: silentLogger(), tuning: { pollingIntervalSeconds: 0.5 } });
      closers.push(() => queue.stop());
      await queue.workScans((account) => posture.scanNow(account));
      const cycles = startScanCycles({ queue, accounts: () => posture.accounts.map((a) => a.name), cycleMs: 15 * 60_000, log: silentLogger() });
      closers.push(async () => cycles.stop());
      replicas.push(posture);
    }
    const end = Date.now() + 20_000;
    while (Number((await admin.query(`SELECT count(*) AS n FROM sc_${tag}.latest_scans`)).rows[0].n) < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500)); // room for a second scan to show up
    expect(collects).toBe(2);
    for (const p of replicas) for (const account of ['prod', 'staging']) expect((await p.current(account)).scan.accountName).toBe(account);
    expect(collects).toBe(2);
  }, 40_000);
});
