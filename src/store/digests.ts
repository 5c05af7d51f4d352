import type { Db } from './db.js';

// Digest bookkeeping. The order of writes is the exactly-once protocol:
//   run 'building' → (message, state, one 'pending' delivery per destination) 'sending' in one
//   transaction → per destination 'sending' (attempts+1) BEFORE the post, 'sent' (with the
//   platform's message ref) right AFTER chat.postMessage returns → the chart as its own step
//   (chart 'pending' → 'uploading' before the upload → 'done' | 'failed') → run 'sent' | 'partial' | 'failed'.
// A row left 'sending' is "maybe posted", a chart left 'uploading' "maybe uploaded": the resume
// looks for them in the channel before posting again.
// A lease row per schedule keeps two runs of one schedule (in one process or several sharing the
// file) from ever overlapping.

export type RunStatus = 'building' | 'sending' | 'sent' | 'partial' | 'failed' | 'missed';
export type RunTrigger = 'cron' | 'catch-up' | 'manual';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';
/** The trend chart after the message: its own step, so a chart retry never re-posts the text. */
export type ChartStatus = 'pending' | 'uploading' | 'done' | 'failed';

export interface RunRecord {
  id: string;
  schedule: string;
  scheduledFor: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  scanId?: number;
  /** JSON of the DigestMessage, once built. */
  message?: string;
  /** JSON of the DigestState this run leaves for the next one. */
  state?: string;
  error?: string;
}

export interface DeliveryRecord {
  runId: string;
  destination: string;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  updatedAt: string;
  sentAt?: string;
  /** The platform's id of the posted message (Slack ts), when it gives one. */
  messageRef?: string;
  /** Absent when the message has no chart (or is not posted yet). */
  chart?: ChartStatus;
}

export interface SubscriptionRecord {
  schedule: string;
  destination: string;
  /** JSON of the DestinationSpec. */
  spec: string;
  addedBy: string;
  addedAt: string;
}

export class DigestStore {
  constructor(private readonly db: Db) {}

  // --- schedules

  /** Remember when a schedule was first known, so a slot before that is never "missed". */
  async registerSchedule(name: string, now: Date): Promise<string> {
    await this.db.run('INSERT INTO digest_schedules (name, first_seen) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', name, now.toISOString());
    return (await this.db.get<{ first_seen: string }>('SELECT first_seen FROM digest_schedules WHERE name = ?', name))!.first_seen;
  }

  // --- leases

  /**
   * Take the schedule's lease if it is free or expired. Not re-entrant: a second run in the same
   * process is refused too. One statement: on PostgreSQL two replicas racing for it both reach
   * the row's lock, and the second sees the first's fresh expiry and is refused.
   */
  async acquireLease(schedule: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const changed = await this.db.run(
      `INSERT INTO digest_leases (schedule, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (schedule) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE digest_leases.expires_at <= ?`,
      schedule, holder, until, now.toISOString(),
    );
    return changed > 0;
  }

  /** Take a lease from a holder known to be gone (its process died), whatever its expiry. */
  async takeOverLease(schedule: string, from: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    return (await this.db.run('UPDATE digest_leases SET holder = ?, expires_at = ? WHERE schedule = ? AND holder = ?', holder, until, schedule, from)) > 0;
  }

  /** Extend our lease; false if it was lost (expired and taken by someone else). */
  async renewLease(schedule: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    return (await this.db.run('UPDATE digest_leases SET expires_at = ? WHERE schedule = ? AND holder = ?', until, schedule, holder)) > 0;
  }

  async releaseLease(schedule: string, holder: string): Promise<void> {
    await this.db.run('DELETE FROM digest_leases WHERE schedule = ? AND holder = ?', schedule, holder);
  }

  async lease(schedule: string): Promise<{ holder: string; expiresAt: string } | undefined> {
    const r = await this.db.get<{ holder: string; expires_at: string }>('SELECT holder, expires_at FROM digest_leases WHERE schedule = ?', schedule);
    return r ? { holder: r.holder, expiresAt: r.expires_at } : undefined;
  }

  // --- runs

  /** Create a run; false when a run with this id exists already (its slot is taken). */
  async createRun(r: Pick<RunRecord, 'id' | 'schedule' | 'scheduledFor' | 'trigger' | 'startedAt'> & { status?: RunStatus; error?: string }): Promise<boolean> {
    const changed = await this.db.run(
      'INSERT INTO digest_runs (id, schedule, scheduled_for, trigger, status, started_at, error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      r.id, r.schedule, r.scheduledFor, r.trigger, r.status ?? 'building', r.startedAt, r.error ?? null,
    );
    return changed > 0;
  }

  async run(id: string): Promise<RunRecord | undefined> {
    const r = await this.db.get<RunRow>('SELECT * FROM digest_runs WHERE id = ?', id);
    return r ? runFromRow(r) : undefined;
  }

  /** The built message and state, and one pending delivery per destination: all or nothing. */
  async markBuilt(id: string, b: { scanId?: number; message: string; state?: string; destinations: string[]; now: Date }): Promise<void> {
    const at = b.now.toISOString();
    await this.db.withTransaction(async (tx) => {
      await tx.run("UPDATE digest_runs SET status = 'sending', scan_id = ?, message = ?, state = ? WHERE id = ?", b.scanId ?? null, b.message, b.state ?? null, id);
      for (const d of b.destinations) {
        await tx.run("INSERT INTO digest_deliveries (run_id, destination, status, attempts, updated_at) VALUES (?, ?, 'pending', 0, ?) ON CONFLICT (run_id, destination) DO NOTHING", id, d, at);
      }
    });
  }

  async finishRun(id: string, status: Exclude<RunStatus, 'building' | 'sending'>, now: Date, error?: string): Promise<void> {
    await this.db.run('UPDATE digest_runs SET status = ?, finished_at = ?, error = coalesce(?, error) WHERE id = ?', status, now.toISOString(), error ?? null, id);
  }

  /** Most recent runs of a schedule, newest first. */
  async runs(schedule: string, limit = 10): Promise<RunRecord[]> {
    return (await this.db.all<RunRow>('SELECT * FROM digest_runs WHERE schedule = ? ORDER BY started_at DESC, rowid DESC LIMIT ?', schedule, limit)).map(runFromRow);
  }

  /** Runs a crash left behind: still building or sending. */
  async unfinished(schedule: string): Promise<RunRecord[]> {
    return (await this.db.all<RunRow>("SELECT * FROM digest_runs WHERE schedule = ? AND status IN ('building', 'sending') ORDER BY started_at", schedule)).map(runFromRow);
  }

  /** The state left by the last digest that reached at least one destination. */
  async lastDeliveredState(schedule: string): Promise<{ runId: string; state: string } | undefined> {
    const r = await this.db.get<{ id: string; state: string }>(
      "SELECT id, state FROM digest_runs WHERE schedule = ? AND status IN ('sent', 'partial') AND state IS NOT NULL ORDER BY started_at DESC, rowid DESC LIMIT 1",
      schedule,
    );
    return r ? { runId: r.id, state: r.state } : undefined;
  }

  /** Drop the stored message and state of all but the newest `keep` runs (they are large). */
  async pruneRuns(schedule: string, keep = 20): Promise<void> {
    await this.db.run(
      `UPDATE digest_runs SET message = NULL, state = NULL WHERE schedule = ? AND message IS NOT NULL AND id NOT IN
         (SELECT id FROM digest_runs WHERE schedule = ? ORDER BY started_at DESC, rowid DESC LIMIT ?)`,
      schedule, schedule, keep,
    );
  }

  // --- deliveries

  async deliveries(runId: string): Promise<DeliveryRecord[]> {
    return (await this.db.all<DeliveryRow>('SELECT * FROM digest_deliveries WHERE run_id = ? ORDER BY rowid', runId)).map(deliveryFromRow);
  }

  /** Written BEFORE posting: a crash after this leaves 'sending', which a resume treats as "maybe sent". */
  async markSending(runId: string, destination: string, now: Date): Promise<void> {
    await this.db.run("UPDATE digest_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE run_id = ? AND destination = ?", now.toISOString(), runId, destination);
  }

  /**
   * Written right AFTER the platform accepted the post (or a look-up found it), before anything
   * else: with a chart to follow, chart 'pending' in the same write.
   */
  async markSent(runId: string, destination: string, now: Date, o: { messageRef?: string; chart?: boolean } = {}): Promise<void> {
    const at = now.toISOString();
    await this.db.run(
      "UPDATE digest_deliveries SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL, message_ref = ?, chart_status = ? WHERE run_id = ? AND destination = ?",
      at, at, o.messageRef ?? null, o.chart ? 'pending' : null, runId, destination,
    );
  }

  /** The chart step's outcome; the message row stays 'sent' whatever happens here. */
  async markChart(runId: string, destination: string, status: Exclude<ChartStatus, 'pending'>, now: Date, error?: string): Promise<void> {
    await this.db.run(
      'UPDATE digest_deliveries SET chart_status = ?, updated_at = ?, last_error = coalesce(?, last_error) WHERE run_id = ? AND destination = ?',
      status, now.toISOString(), error?.slice(0, 500) ?? null, runId, destination,
    );
  }

  /** A failed attempt: back to 'pending' for a retry, or 'failed' for good. */
  async markFailed(runId: string, destination: string, now: Date, error: string, final: boolean): Promise<void> {
    await this.db.run(
      'UPDATE digest_deliveries SET status = ?, last_error = ?, updated_at = ? WHERE run_id = ? AND destination = ?',
      final ? 'failed' : 'pending', error.slice(0, 500), now.toISOString(), runId, destination,
    );
  }

  // --- subscriptions

  async subscribe(s: SubscriptionRecord): Promise<boolean> {
    const changed = await this.db.run(
      'INSERT INTO digest_subscriptions (schedule, destination, spec, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (schedule, destination) DO NOTHING',
      s.schedule, s.destination, s.spec, s.addedBy, s.addedAt,
    );
    return changed > 0;
  }

  async unsubscribe(schedule: string, destination: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM digest_subscriptions WHERE schedule = ? AND destination = ?', schedule, destination)) > 0;
  }

  async subscriptions(schedule: string): Promise<SubscriptionRecord[]> {
    const rows = await this.db.all<SubscriptionRow>('SELECT * FROM digest_subscriptions WHERE schedule = ? ORDER BY added_at, destination', schedule);
    return rows.map((r) => ({ schedule: r.schedule, destination: r.destination, spec: r.spec, addedBy: r.added_by, addedAt: r.added_at }));
  }
}

interface RunRow {
  id: string;
  schedule: string;
  scheduled_for: string;
  trigger: RunTrigger;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  scan_id: number | null;
  message: string | null;
  state: string | null;
  error: string | null;
}

interface DeliveryRow {
  run_id: string;
  destination: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  updated_at: string;
  sent_at: string | null;
  message_ref: string | null;
  chart_status: ChartStatus | null;
}

interface SubscriptionRow {
  schedule: string;
  destination: string;
  spec: string;
  added_by: string;
  added_at: string;
}

function runFromRow(r: RunRow): RunRecord {
  const out: RunRecord = { id: r.id, schedule: r.schedule, scheduledFor: r.scheduled_for, trigger: r.trigger, status: r.status, startedAt: r.started_at };
  if (r.finished_at !== null) out.finishedAt = r.finished_at;
  if (r.scan_id !== null) out.scanId = r.scan_id;
  if (r.message !== null) out.message = r.message;
  if (r.state !== null) out.state = r.state;
  if (r.error !== null) out.error = r.error;
  return out;
}

function deliveryFromRow(r: DeliveryRow): DeliveryRecord {
  const out: DeliveryRecord = { runId: r.run_id, destination: r.destination, status: r.status, attempts: r.attempts, updatedAt: r.updated_at };
  if (r.last_error !== null) out.lastError = r.last_error;
  if (r.sent_at !== null) out.sentAt = r.sent_at;
  if (r.message_ref !== null) out.messageRef = r.message_ref;
  if (r.chart_status !== null) out.chart = r.chart_status;
  return out;
}
