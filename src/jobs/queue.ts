import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { WhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { abandonRun, runDigest, runIdFor, type DigestDeps, type RunRequest } from '../digest/runner.js';
import type { Schedule } from '../digest/schedule-config.js';
import { describeUrl } from '../store/postgres.js';

// Work as jobs on the PostgreSQL the replicas already share (WHOOWNS_DATABASE_URL). Why pg-boss:
// it is on the npm registry, its 10.x line runs on Node 20, it needs nothing but the same
// PostgreSQL (its own schema, `whoowns_jobs`, next to ours), and it has what exactly-once across
// replicas needs built in: a job inserted twice is one job (ON CONFLICT DO NOTHING on its id,
// plus singleton keys), retries with exponential backoff, an expiry for a job whose worker died
// (kill -9: the job goes back to the queue after expireInSeconds) and a dead-letter queue.
// graphile-worker would do too, but it has no dead-letter queue and wants its own migrations CLI.
//
// Every replica fires every cron slot (its own DigestScheduler); the slot is sent with the id and
// singleton key `<schedule>@<slot ISO>`, so however many replicas fire it there is one job, and
// any replica's worker may run it. The digest runner underneath still takes the schedule's lease
// and records each delivery exactly once per destination, so even a job run twice (a worker
// killed after posting, before completing the job) posts nothing twice.

export const JOBS_SCHEMA = 'whoowns_jobs';
export const DIGEST_QUEUE = 'digest';
export const DIGEST_DEAD = 'digest-dead';
export const SCAN_QUEUE = 'scan';
export const SCAN_DEAD = 'scan-dead';

export interface QueueTuning {
  /** Attempts after the first before a job is dead-lettered. */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) for each next one. */
  retryDelaySeconds: number;
  /** A job still active after this long is taken as lost (its worker died) and retried. */
  expireInSeconds: number;
  pollingIntervalSeconds: number;
  /** How often pg-boss looks for expired jobs (the kill -9 recovery latency). */
  maintenanceIntervalSeconds: number;
  /** A job finding the schedule's lease busy (another slot of it running) waits this long before failing. */
  busyWaitMs: number;
}

export const DEFAULT_TUNING: QueueTuning = {
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 15 * 60,
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 60,
  busyWaitMs: 60_000,
};

export interface JobQueueOptions {
  url: string;
  log: Logger;
  /** Tests and the bench use another schema per run. */
  schema?: string;
  tuning?: Partial<QueueTuning>;
}

export interface DigestJob {
  schedule: string;
  scheduledFor: string;
  trigger: RunRequest['trigger'];
}

/** pg-boss on the shared database: started once per process, stopped on shutdown. */
export class JobQueue {
  private constructor(
    readonly boss: PgBoss,
    readonly tuning: QueueTuning,
    private readonly log: Logger,
  ) {}

  static async start(o: JobQueueOptions): Promise<JobQueue> {
    const tuning = { ...DEFAULT_TUNING, ...o.tuning };
    const boss = new PgBoss({
      connectionString: o.url,
      schema: o.schema ?? JOBS_SCHEMA,
      application_name: 'whoowns jobs',
      max: 4,
      maintenanceIntervalSeconds: tuning.maintenanceIntervalSeconds,
      // Cron lives in our schedulers (croner, the schedule's zone, an injectable clock).
      schedule: false,
    });
    const log = o.log.child({ component: 'jobs' });
    // pg-boss reports connection trouble as events; its errors carry no connection string.
    boss.on('error', (e) => log.warn({ err: e }, 'job queue error; pg-boss retries on its own'));
    try {
      await boss.start();
    } catch (e) {
      await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
      throw queueUnavailable(o.url, o.schema ?? JOBS_SCHEMA, e);
    }
    const q = new JobQueue(boss, tuning, log);
    try {
      await exclusively(o.url, `whoowns:create-queues:${o.schema ?? JOBS_SCHEMA}`, async () => {
        await boss.createQueue(DIGEST_DEAD, { name: DIGEST_DEAD });
        await boss.createQueue(DIGEST_QUEUE, { name: DIGEST_QUEUE, ...q.retry(), deadLetter: DIGEST_DEAD });
        await boss.createQueue(SCAN_DEAD, { name: SCAN_DEAD });
        await boss.createQueue(SCAN_QUEUE, { name: SCAN_QUEUE, ...q.retry(), deadLetter: SCAN_DEAD });
      });
    } catch (e) {
      await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
      throw queueUnavailable(o.url, o.schema ?? JOBS_SCHEMA, e);
    }
    return q;
  }

  private retry(): PgBoss.RetryOptions & PgBoss.ExpirationOptions {
    const t = this.tuning;
    return { retryLimit: t.retryLimit, retryDelay: t.retryDelaySeconds, retryBackoff: true, expireInSeconds: t.expireInSeconds };
  }

  /** One job per slot, whoever sends it first; false when it was already there. */
  async sendDigest(s: Schedule, req: RunRequest): Promise<boolean> {
    const key = runIdFor(s.name, req);
    const data: DigestJob = { schedule: s.name, scheduledFor: req.scheduledFor.toISOString(), trigger: req.trigger };
    const id = await this.boss.send(DIGEST_QUEUE, data, { id: jobId(key), singletonKey: key, ...this.retry(), deadLetter: DIGEST_DEAD });
    return id !== null;
  }

  /**
   * Run digest jobs with the existing runner. A slot whose lease another run holds throws, so the
   * queue retries it later; a run that ended (sent, partial, failed) is done: its outcome is in
   * the store and its deliveries already had their own retries.
   */
  async workDigests(schedules: Schedule[], deps: DigestDeps): Promise<void> {
    const byName = new Map(schedules.map((s) => [s.name, s]));
    const opts = { pollingIntervalSeconds: this.tuning.pollingIntervalSeconds, batchSize: 1 };
    await this.boss.work<DigestJob>(DIGEST_QUEUE, opts, async ([job]) => {
      if (!job) return;
      const s = byName.get(job.data.schedule);
      if (!s) throw new Error(`digest job for unknown schedule ${job.data.schedule}: this replica's config differs from the one that sent it`);
      const req = { trigger: job.data.trigger, scheduledFor: new Date(job.data.scheduledFor) };
      // Slots of one schedule take turns on its lease; waiting here is cheaper than a queue retry.
      const until = deps.clock.now().getTime() + this.tuning.busyWaitMs;
      let outcome = await runDigest(s, req, deps);
      while (outcome.status === 'busy' && deps.clock.now().getTime() < until) {
        await deps.clock.sleep(Math.min(1_000, this.tuning.busyWaitMs / 10));
        outcome = await runDigest(s, req, deps);
      }
      if (outcome.status === 'busy') throw new Error(`digest ${s.name}: another run holds the schedule's lease; retried later`);
      return { status: outcome.status };
    });
    await this.boss.work<DigestJob>(DIGEST_DEAD, { ...opts, includeMetadata: true }, async ([job]) => {
      if (job) await recordDeadLetter(job.data, errorText(job.output), deps, this.tuning.retryLimit + 1);
    });
  }

  /** One scan of `account` per cycle, however many replicas ask for it; false when already queued. */
  async sendScan(account: string, cycle: Date): Promise<boolean> {
    const key = `scan:${account}@${cycle.toISOString()}`;
    const id = await this.boss.send(SCAN_QUEUE, { account, cycle: cycle.toISOString() }, { id: jobId(key), singletonKey: key, ...this.retry(), deadLetter: SCAN_DEAD });
    return id !== null;
  }

  /** Run scan jobs, `concurrency` at a time in this process; a scan that throws is retried. */
  async workScans(scan: (account: string, cycle: Date) => Promise<void>, concurrency = 1): Promise<void> {
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<{ account: string; cycle: string }>(SCAN_QUEUE, { pollingIntervalSeconds: this.tuning.pollingIntervalSeconds, batchSize: 1 }, async ([job]) => {
        if (job) await scan(job.data.account, new Date(job.data.cycle));
      });
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((e: unknown) => this.log.warn({ err: e }, 'job queue did not stop cleanly'));
  }
}

/**
 * A dead-lettered slot ends as a failed run in the digest store, so `/digest status` shows it
 * with the reason; deliveries a crash left pending are marked failed, sent ones stay sent.
 */
export async function recordDeadLetter(job: DigestJob, error: string, deps: Pick<DigestDeps, 'store' | 'clock'>, attempts: number): Promise<void> {
  const id = runIdFor(job.schedule, { trigger: job.trigger, scheduledFor: new Date(job.scheduledFor) });
  const now = deps.clock.now();
  const reason = `dead-lettered after ${attempts} attempts: ${error}`.slice(0, 500);
  const run = await deps.store.run(id);
  if (run && run.status !== 'building' && run.status !== 'sending') return;
  if (run) return abandonRun(deps.store, run, now, reason);
  await deps.store.createRun({ id, schedule: job.schedule, scheduledFor: job.scheduledFor, trigger: job.trigger, startedAt: now.toISOString(), status: 'failed', error: reason });
  await deps.store.finishRun(id, 'failed', now, reason);
}

function errorText(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null | undefined;
  const m = o?.message ?? o?.value?.message;
  return typeof m === 'string' ? m : 'the job failed';
}

/** A UUID that is a pure function of the key: the same slot sent by N replicas is one row. */
export function jobId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * pg-boss 10 creating the same queues from two replicas at once can deadlock (measured by
 * bench:replicas: its create_queue inserts the queue row and creates the partition with a
 * foreign key to the dead-letter queue): replicas starting together take turns on an advisory lock.
 */
async function exclusively(url: string, key: string, fn: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'whoowns jobs setup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The queue could not be set up: names the server and schema, never the password. */
function queueUnavailable(url: string, schema: string, cause: unknown): WhoownsError {
  const code = (cause as { code?: unknown } | null)?.code;
  const why = typeof code === 'string' ? code : cause instanceof Error ? cause.message.replace(/postgres(?:ql)?:\/\/\S+/g, '…') : 'unknown error';
  const where = describeUrl(url);
  return new WhoownsError(
    'DB_UNAVAILABLE',
    {
      zh: `无法在 PostgreSQL ${where} 中启动任务队列(schema ${schema},${why})。请确认该用户可以在数据库中创建 schema(GRANT CREATE ON DATABASE),或由管理员预先创建 ${schema} 并授予该用户。`,
      en: `Cannot start the job queue in PostgreSQL ${where} (schema ${schema}, ${why}). Make sure the user may create schemas in the database (GRANT CREATE ON DATABASE), or have an administrator create ${schema} and grant it to the user.`,
    },
    cause,
  );
}
