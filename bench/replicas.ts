import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { STATUSES } from '../src/checks/model.js';
import { OWNERS, SEVERITIES } from '../src/core/i18n.js';
import { silentLogger } from '../src/core/logger.js';
import { systemClock } from '../src/digest/clock.js';
import type { Destination } from '../src/digest/destinations.js';
import type { DigestDeps } from '../src/digest/runner.js';
import type { Schedule } from '../src/digest/schedule-config.js';
import { JobQueue } from '../src/jobs/queue.js';
import type { ScanResult } from '../src/posture/types.js';
import { DigestStore } from '../src/store/digests.js';
import { HistoryStore } from '../src/store/history.js';
import { openPostgres } from '../src/store/postgres.js';
import { markdownTable } from './lib/report.js';

// bench:replicas (issue #17). Three bot processes on one PostgreSQL, each a job queue worker
// (src/jobs/queue.ts) and each firing every digest slot and every scan cycle itself, as replicas
// do; the bench kills one at random with kill -9 (>= 30 times, never the last one alive, so some
// replica is there at every slot) and restarts it, while 50 digest slots (one a second) post to
// two destinations of a counting HTTP sink and 20 accounts are scanned every 5-second cycle.
// Then: posts per slot and destination (0 lost, 0 duplicated), every account scanned each
// cycle, no job active past its expiry, and scan throughput with 1, 2, 3 workers.
// The scan is a stand-in (SCAN_MS of waiting, then a row): what is measured is the queue, not the cloud.
// Usage: WHOOWNS_TEST_DATABASE_URL=postgres://... node dist/bench/replicas.js [--quick]

const SELF = fileURLToPath(import.meta.url);
const SCAN_MS = 250;
const ACCOUNTS = 20;
const SLOTS = 50;
const CYCLE_MS = 5_000;
const MIN_KILLS = 30;
const DESTS = ['sink:A', 'sink:B'];
const TUNING = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 20, expireInSeconds: 8, maintenanceIntervalSeconds: 1, busyWaitMs: 15_000 };

interface WorkerEnv {
  url: string;
  state: string;
  jobs: string;
  sink: string;
  /** Slots and cycles this worker fires (ms since epoch); 0: none (throughput runs). */
  from: number;
  slots: number;
  cycles: number;
}

const accountName = (i: number) => `acct-${String(i).padStart(2, '0')}`;

// ---------------------------------------------------------------- worker

async function worker(e: WorkerEnv): Promise<void> {
  const db = await openPostgres({ url: e.url, schema: e.state, max: 4 });
  const queue = await JobQueue.start({ url: e.url, schema: e.jobs, log: silentLogger(), tuning: TUNING });
  const schedule: Schedule = {
    name: 'bench',
    cron: '* * * * *',
    timezone: 'UTC',
    account: 'acct-00',
    lang: 'en',
    scope: {},
    destinations: DESTS.map((d) => ({ kind: 'slack' as const, channel: d })),
    maxSnapshotAgeMs: 0,
    graceMs: 10 * 60_000,
  };
  const deps: DigestDeps = {
    store: new DigestStore(db),
    history: new HistoryStore(db),
    scan: async (s, now) => emptyScan(s.account, now),
    destinations: () => DESTS.map((key) => sinkDestination(e.sink, key)),
    clock: systemClock,
    log: silentLogger(),
    // host:pid:nonce: a restarted replica takes over the lease of a killed one at once.
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    policy: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 },
    leaseTtlMs: 10_000,
  };
  await queue.workDigests([schedule], deps);
  await queue.workScans(async (account, cycle) => {
    await new Promise((r) => setTimeout(r, SCAN_MS));
    await db.run('INSERT INTO bench_scans (account, cycle, pid) VALUES (?, ?, ?)', account, cycle.toISOString(), process.pid);
  });
  process.stdout.write('ready\n');
  if (!e.slots) return;
  // Every replica fires every slot and every cycle (the queue makes each one job).
  const fired = new Set<number>();
  const tick = async () => {
    const now = Date.now();
    for (let i = 0; i < e.slots; i++) {
      const at = e.from + i * 1_000;
      if (at <= now && now - at < 30_000 && !fired.has(at)) {
        fired.add(at);
        await queue.sendDigest(schedule, { trigger: 'cron', scheduledFor: new Date(at) }).catch(() => undefined);
      }
    }
    for (let c = 0; c < e.cycles; c++) {
      const at = e.from + c * CYCLE_MS;
      if (at <= now && !fired.has(-at)) {
        fired.add(-at);
        for (let a = 0; a < ACCOUNTS; a++) await queue.sendScan(accountName(a), new Date(at)).catch(() => undefined);
      }
    }
  };
  setInterval(() => void tick(), 200);
}

function emptyScan(account: string, now: Date): ScanResult {
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    accountName: account,
    accountId: null,
    scannedAt: now.toISOString(),
    collectedAt: now.toISOString(),
    source: 'emulator',
    regions: ['cn-hangzhou'],
    gaps: [],
    checks: [],
    findings: [],
    passes: {},
    summary: { total: 0, byStatus: zero(STATUSES), failByOwnerSeverity: Object.fromEntries(OWNERS.map((o) => [o, zero(SEVERITIES)])) as ScanResult['summary']['failByOwnerSeverity'], muted: 0 },
    incomplete: false,
    notCovered: [],
    expiredSuppressions: [],
    expiringSuppressions: [],
  };
}

/** A destination that posts to the bench's sink and, like Slack's metadata, can find a post by run id. */
function sinkDestination(sink: string, key: string): Destination {
  return {
    key,
    platform: 'slack',
    label: key,
    async send(_d, ctx) {
      const r = await fetch(`${sink}/post`, { method: 'POST', body: JSON.stringify({ dest: key, runId: ctx.runId }) });
      if (!r.ok) throw new Error(`sink answered ${r.status}`);
      return { ref: `${key}/${ctx.runId}` };
    },
    async find(ctx) {
      const r = await fetch(`${sink}/find?dest=${encodeURIComponent(key)}&runId=${encodeURIComponent(ctx.runId)}`);
      if (r.status === 404) return undefined;
      if (!r.ok) throw new Error(`sink answered ${r.status}`);
      return { ref: `${key}/${ctx.runId}` };
    },
  };
}

// ---------------------------------------------------------------- parent

interface Sink {
  url: string;
  posts: Map<string, number>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const posts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://sink');
    if (req.method === 'POST' && u.pathname === '/post') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { dest, runId } = JSON.parse(body) as { dest: string; runId: string };
        posts.set(`${dest}|${runId}`, (posts.get(`${dest}|${runId}`) ?? 0) + 1);
        res.writeHead(200).end('ok');
      });
      return;
    }
    if (u.pathname === '/find') return void res.writeHead(posts.has(`${u.searchParams.get('dest')}|${u.searchParams.get('runId')}`) ? 200 : 404).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, posts, close: () => new Promise((r) => server.close(() => r())) };
}

class Replica {
  child?: ChildProcess;
  constructor(private readonly env: WorkerEnv) {}
  start(): Promise<void> {
    const child = spawn(process.execPath, [SELF, '--worker'], { env: { ...process.env, BENCH_WORKER: JSON.stringify(this.env) }, stdio: ['ignore', 'pipe', 'inherit'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
    });
  }
  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }
  kill(): Promise<void> {
    const c = this.child!;
    return new Promise((r) => {
      c.once('exit', () => r());
      c.kill('SIGKILL');
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ms: number, ok: () => Promise<boolean>): Promise<number> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
  return Date.now() - t0;
}

async function prepare(admin: pg.Pool, url: string, tag: string): Promise<{ state: string; jobs: string }> {
  const state = `bench_st_${tag}`;
  const jobs = `bench_jb_${tag}`;
  await admin.query(`CREATE SCHEMA ${state}`);
  const db = await openPostgres({ url, schema: state, max: 1 });
  await db.run('CREATE TABLE bench_scans (account TEXT NOT NULL, cycle TEXT NOT NULL, pid INTEGER NOT NULL)');
  await db.close();
  return { state, jobs };
}

async function throughput(admin: pg.Pool, url: string, sink: Sink, workers: number): Promise<number> {
  const { state, jobs } = await prepare(admin, url, `tp${workers}_${Date.now()}`);
  const env: WorkerEnv = { url, state, jobs, sink: sink.url, from: 0, slots: 0, cycles: 0 };
  const rs = Array.from({ length: workers }, () => new Replica(env));
  await Promise.all(rs.map((r) => r.start()));
  const q = await JobQueue.start({ url, schema: jobs, log: silentLogger(), tuning: TUNING });
  const cycles = 3;
  const t0 = Date.now();
  for (let c = 0; c < cycles; c++) for (let a = 0; a < ACCOUNTS; a++) await q.sendScan(accountName(a), new Date(c * CYCLE_MS));
  await waitFor('throughput scans', 120_000, async () => Number((await admin.query(`SELECT count(DISTINCT (account, cycle)) AS n FROM ${state}.bench_scans`)).rows[0].n) === cycles * ACCOUNTS);
  const perSecond = (cycles * ACCOUNTS) / ((Date.now() - t0) / 1000);
  await q.stop();
  await Promise.all(rs.map((r) => r.kill()));
  await admin.query(`DROP SCHEMA ${state} CASCADE; DROP SCHEMA IF EXISTS ${jobs} CASCADE`);
  return perSecond;
}

async function chaos(admin: pg.Pool, url: string, sink: Sink) {
  const { state, jobs } = await prepare(admin, url, `ch_${Date.now()}`);
  const from = Math.ceil((Date.now() + 8_000) / 1000) * 1000;
  const cycles = Math.ceil((SLOTS * 1000) / CYCLE_MS);
  const env: WorkerEnv = { url, state, jobs, sink: sink.url, from, slots: SLOTS, cycles };
  const rs = Array.from({ length: 3 }, () => new Replica(env));
  await Promise.all(rs.map((r) => r.start()));
  let kills = 0;
  const end = from + SLOTS * 1000;
  // Kill at random (never the last one alive), restart after a short pause, until both the
  // slot window has passed and there were enough kills (bounded at 3x).
  while ((Date.now() < end || kills < MIN_KILLS) && kills < MIN_KILLS * 3) {
    await sleep(600 + Math.random() * 1200);
    const alive = rs.filter((r) => r.alive);
    if (alive.length < 2) continue;
    const victim = alive[Math.floor(Math.random() * alive.length)]!;
    await victim.kill();
    kills++;
    void sleep(200 + Math.random() * 800).then(() => victim.start().catch(() => undefined));
  }
  await waitFor('every replica back', 30_000, async () => rs.every((r) => r.alive));
  const settleMs = await waitFor('every slot finished and every cycle scanned', 180_000, async () => {
    const done = Number((await admin.query(`SELECT count(*) AS n FROM ${state}.digest_runs WHERE schedule = 'bench' AND status IN ('sent','partial','failed','missed')`)).rows[0].n);
    const scanned = Number((await admin.query(`SELECT count(DISTINCT (account, cycle)) AS n FROM ${state}.bench_scans`)).rows[0].n);
    return done >= SLOTS && scanned >= cycles * ACCOUNTS;
  });
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < SLOTS; i++) {
    const runId = `bench@${new Date(from + i * 1000).toISOString()}`;
    for (const d of DESTS) {
      const n = sink.posts.get(`${d}|${runId}`) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
  }
  const statuses = (await admin.query(`SELECT status, count(*)::int AS n FROM ${state}.digest_runs WHERE schedule = 'bench' GROUP BY status`)).rows as { status: string; n: number }[];
  const scanRows = Number((await admin.query(`SELECT count(*) AS n FROM ${state}.bench_scans`)).rows[0].n);
  const jobStates = (await admin.query(`SELECT name, state, count(*)::int AS n FROM ${jobs}.job GROUP BY name, state ORDER BY name, state`)).rows as { name: string; state: string; n: number }[];
  const stuck = Number((await admin.query(`SELECT count(*) AS n FROM ${jobs}.job WHERE state = 'active' AND started_on + expire_in < now() - interval '5 seconds'`)).rows[0].n);
  const longest = Number((await admin.query(`SELECT coalesce(max(extract(epoch FROM completed_on - created_on)), 0) AS s FROM ${jobs}.job WHERE state = 'completed'`)).rows[0].s);
  await Promise.all(rs.map((r) => r.kill()));
  await admin.query(`DROP SCHEMA ${state} CASCADE; DROP SCHEMA IF EXISTS ${jobs} CASCADE`);
  return { kills, lost, duplicated, statuses, scanRows, scanned: cycles * ACCOUNTS, cycles, jobStates, stuck, longest, settleMs };
}

async function main(): Promise<void> {
  const url = process.env.WHOOWNS_DATABASE_URL ?? process.env.WHOOWNS_TEST_DATABASE_URL;
  if (!url) {
    console.error('bench:replicas needs a PostgreSQL: eval "$(bash scripts/pg-test-server.sh)" sets WHOOWNS_TEST_DATABASE_URL');
    process.exit(2);
  }
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const sink = await startSink();
  try {
    const c = await chaos(admin, url, sink);
    console.log(`chaos: 3 replicas, ${c.kills} kills (kill -9), ${SLOTS} slots x ${DESTS.length} destinations, ${ACCOUNTS} accounts x ${c.cycles} cycles`);
    console.log(`  posts: ${c.lost} lost, ${c.duplicated} duplicated; runs by status: ${c.statuses.map((s) => `${s.status}=${s.n}`).join(', ')}`);
    console.log(`  scans: ${c.scanned} account-cycles, all scanned; ${c.scanRows - c.scanned} re-run after a kill`);
    console.log(`  jobs: ${c.jobStates.map((j) => `${j.name}/${j.state}=${j.n}`).join(', ')}; active past expiry: ${c.stuck}; longest created->completed ${c.longest.toFixed(1)} s; settled ${(c.settleMs / 1000).toFixed(1)} s after the last kill`);
    const tp: number[] = [];
    for (const n of [1, 2, 3]) tp.push(await throughput(admin, url, sink, n));
    console.log(
      markdownTable(
        ['scan workers', 'scans/s', 'ratio to 1'],
        tp.map((t, i) => [String(i + 1), t.toFixed(2), (t / tp[0]!).toFixed(2)]),
      ),
    );
    if (c.lost || c.duplicated || c.stuck) process.exitCode = 1;
  } finally {
    await sink.close();
    await admin.end();
  }
}

if (process.argv.includes('--worker')) {
  worker(JSON.parse(process.env.BENCH_WORKER!) as WorkerEnv).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  void main();
}
