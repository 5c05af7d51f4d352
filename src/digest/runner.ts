import { hostname } from 'node:os';
import type { Reply } from '../chat/message.js';
import { toWhoownsError, type Bilingual } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { SEVERITIES, severityRank, type ScanResult } from '../posture/types.js';
import type { DeliveryRecord, DigestStore, RunRecord, RunTrigger } from '../store/digests.js';
import type { HistoryStore } from '../store/history.js';
import { buildDigest } from './build.js';
import { buildTeamDigests } from './team-build.js';
import { trendSvg } from './chart.js';
import type { Clock } from './clock.js';
import { coverageOf, historyCoverage } from './coverage.js';
import { deliverRun, LeaseLostError, type DeliveryPolicy } from './deliver.js';
import type { Destination, RenderedDigest } from './destinations.js';
import type { SvgToPng } from './png.js';
import { renderDingTalkDigest, renderSlackDigest } from './render.js';
import type { Schedule } from './schedule-config.js';
import { TREND_DAYS, trendPoints, trendWindow } from './trend.js';
import type { DigestMessage, DigestState, TrendPoint } from './types.js';
import type { Lang } from './words.js';

// One digest run, start to end: take the schedule's lease → scan → record the scan → build the
// message against the last delivered digest → store message, state and one delivery row per
// destination → deliver → finish. A run found half-done (after a crash) continues from what the
// store says: rebuilt if nothing was stored yet, otherwise the stored message is posted to the
// destinations not yet marked sent.

export interface DigestDeps {
  store: DigestStore;
  history: HistoryStore;
  /** Read the schedule's account (a fresh scan, or a snapshot younger than its max age), chat mutes applied. */
  scan(schedule: Schedule, now: Date, log: Logger): Promise<ScanResult>;
  /** Config destinations plus chat subscriptions, at the time of the call. */
  destinations(schedule: Schedule): Destination[] | Promise<Destination[]>;
  clock: Clock;
  log: Logger;
  /** This process's name on leases (unique per process). */
  holder: string;
  rasterize?: SvgToPng;
  policy?: DeliveryPolicy;
  /** How long a lease lasts without renewal; renewed every quarter of it while a run works. */
  leaseTtlMs?: number;
  /** Whether a lease holder is known to be gone (default: a process on this host that no longer exists). */
  holderGone?: (holder: string) => boolean;
}

/**
 * Holders are "host:pid:nonce". A holder on this host whose process no longer exists was killed
 * (kill -9, OOM): its lease need not run out before the restarted bot resumes the run.
 */
export function holderGoneOnThisHost(holder: string, host: string = hostname(), alive: (pid: number) => boolean = pidAlive): boolean {
  const [h, pidText] = holder.split(':');
  const pid = Number(pidText);
  return h === host && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const DEFAULT_LEASE_TTL_MS = 2 * 60_000;

export interface RunRequest {
  trigger: RunTrigger;
  /** The cron slot (or, for manual runs, when it was asked for). */
  scheduledFor: Date;
}

export interface RunOutcome {
  /** 'busy': another run of the schedule holds the lease; 'done-before': this slot already ran. */
  status: 'sent' | 'partial' | 'failed' | 'busy' | 'done-before';
  runId: string;
  deliveries: DeliveryRecord[];
  message?: DigestMessage;
  error?: Bilingual;
}

/** What is stored with a run so a resumed run posts exactly what was built. */
export type Payload =
  /** teams: each team digest of the run (team id → message), posted to that team's destinations. */
  | { kind: 'digest'; lang: Lang; message: DigestMessage; teams?: Record<string, DigestMessage> }
  | { kind: 'failure'; lang: Lang; schedule: string; accountName: string; at: string; error: Bilingual };

/** Cron and catch-up runs of one slot share an id: a slot runs once, whoever gets there first. */
export function runIdFor(schedule: string, req: RunRequest): string {
  const at = req.scheduledFor.toISOString();
  return req.trigger === 'manual' ? `${schedule}@manual@${at}` : `${schedule}@${at}`;
}

/** Which scans count as "the same view" for trends: same account and same regions. */
export function scopeKey(s: Schedule): string {
  return s.scope.regions?.length ? [...s.scope.regions].sort().join(',') : '*';
}

export async function runDigest(schedule: Schedule, req: RunRequest, deps: DigestDeps): Promise<RunOutcome> {
  const id = runIdFor(schedule.name, req);
  const log = deps.log.child({ digest: schedule.name, runId: id });
  const lease = await takeLease(schedule.name, deps);
  if (!lease) {
    log.info('another run of this schedule is in progress');
    return { status: 'busy', runId: id, deliveries: [] };
  }
  try {
    const existing = await deps.store.run(id);
    if (existing && existing.status !== 'building' && existing.status !== 'sending') {
      return { status: 'done-before', runId: id, deliveries: await deps.store.deliveries(id) };
    }
    if (existing?.status === 'sending' && existing.message) {
      log.warn('resuming a run interrupted while sending');
      return await send(schedule, existing, JSON.parse(existing.message) as Payload, deps, lease, log);
    }
    const now = deps.clock.now();
    if (!existing) await deps.store.createRun({ id, schedule: schedule.name, scheduledFor: req.scheduledFor.toISOString(), trigger: req.trigger, startedAt: now.toISOString() });
    let payload: Payload;
    let scanId: number | undefined;
    try {
      const built = await buildMessage(schedule, req, deps, now, { record: true, log });
      payload = { kind: 'digest', lang: schedule.lang, message: built.message, ...(built.teams ? { teams: built.teams } : {}) };
      scanId = built.scanId;
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const err = toWhoownsError(e);
      log.error({ err: e, code: err.code }, 'digest could not be built; telling the destinations');
      payload = { kind: 'failure', lang: schedule.lang, schedule: schedule.name, accountName: schedule.account, at: now.toISOString(), error: err.messages };
    }
    if (lease.lost()) throw new LeaseLostError();
    const keys = (await deps.destinations(schedule)).map((d) => d.key);
    await deps.store.markBuilt(id, {
      ...(scanId !== undefined ? { scanId } : {}),
      message: JSON.stringify(payload),
      ...(payload.kind === 'digest' ? { state: JSON.stringify(payload.message.state) } : {}),
      destinations: keys,
      now: deps.clock.now(),
    });
    return await send(schedule, (await deps.store.run(id))!, payload, deps, lease, log);
  } finally {
    await lease.release();
  }
}

async function send(schedule: Schedule, run: RunRecord, payload: Payload, deps: DigestDeps, lease: Lease, log: Logger): Promise<RunOutcome> {
  const rendered = await renderPayload(payload, deps.rasterize, log);
  const teams = teamRenders(payload);
  const rows = await deliverRun(run.id, (d) => (d.team && teams[d.team]) || rendered, await deps.destinations(schedule), {
    store: deps.store,
    clock: deps.clock,
    log,
    policy: deps.policy,
    startedAt: new Date(run.startedAt),
    stillOwner: async () => !lease.lost() && (await lease.renew()),
  });
  const sent = rows.filter((r) => r.status === 'sent').length;
  let status: 'sent' | 'partial' | 'failed';
  let error: Bilingual | undefined;
  if (payload.kind === 'failure') {
    // Nothing was scanned: the next digest compares with the last real one.
    status = 'failed';
    error = payload.error;
  } else if (!rows.length) {
    status = 'failed';
    error = {
      zh: `摘要 ${schedule.name} 没有任何目的地:请在配置中添加 destinations,或在频道里使用 /digest subscribe。`,
      en: `Digest ${schedule.name} has no destinations: add some under destinations in the config, or use /digest subscribe in a channel.`,
    };
  } else {
    status = sent === rows.length ? 'sent' : sent > 0 ? 'partial' : 'failed';
    if (status !== 'sent') {
      const failed = rows.filter((r) => r.status !== 'sent').map((r) => `${r.destination}: ${r.lastError ?? '?'}`).join('; ');
      error = { zh: `部分目的地发送失败:${failed}`, en: `Some destinations failed: ${failed}` };
    }
  }
  await deps.store.finishRun(run.id, status, deps.clock.now(), error?.en);
  // Keep the tables small: stored messages of the last runs, scans for three trend windows.
  await deps.store.pruneRuns(schedule.name);
  await deps.history.pruneScans(new Date(deps.clock.now().getTime() - 3 * TREND_DAYS * 86_400_000));
  log.info({ status, sent, destinations: rows.length }, 'digest run finished');
  const out: RunOutcome = { status, runId: run.id, deliveries: rows };
  if (payload.kind === 'digest') out.message = payload.message;
  if (error) out.error = error;
  return out;
}

/** Build the message without posting. With record: false nothing is written (dry runs). */
export async function buildMessage(
  schedule: Schedule,
  req: RunRequest,
  deps: Pick<DigestDeps, 'store' | 'history' | 'scan'>,
  now: Date,
  opts: { record: boolean; log: Logger },
): Promise<{ message: DigestMessage; scanId?: number; teams?: Record<string, DigestMessage> }> {
  const scan = await deps.scan(schedule, now, opts.log);
  const scope = scopeKey(schedule);
  const scanId = opts.record ? await deps.history.recordScan(scan, scope, historyCoverage(coverageOf(scan))) : undefined;
  const prevRaw = await deps.store.lastDeliveredState(schedule.name);
  const previous = prevRaw ? (JSON.parse(prevRaw.state) as DigestState) : null;
  const failing = scan.findings.filter((f) => f.status === 'fail').map((f) => f.fingerprint);
  const w = trendWindow(now);
  const trend = trendPoints(await deps.history.scans(scan.accountName, scope, w.from, w.to), schedule.timezone);
  const build = {
    schedule: schedule.name,
    timezone: schedule.timezone,
    ...(schedule.scope.minSeverity ? { minSeverity: schedule.scope.minSeverity } : {}),
    firstSeen: await deps.history.firstSeen(scan.accountName, failing),
    trend: schedule.scope.minSeverity ? trimTrend(trend, schedule.scope.minSeverity) : trend,
    ...(req.trigger === 'catch-up' ? { late: { scheduledFor: req.scheduledFor.toISOString() } } : {}),
  };
  const message = buildDigest(previous, scan, now, build);
  const teams = schedule.teams ? buildTeamDigests(previous, scan, message, now, build, schedule.teams) : undefined;
  return { message, ...(scanId !== undefined ? { scanId } : {}), ...(teams ? { teams } : {}) };
}

export async function renderPayload(payload: Payload, rasterize: SvgToPng | undefined, log: Logger): Promise<RenderedDigest> {
  if (payload.kind === 'failure') {
    const reply = failureReply(payload);
    return { slack: reply, dingtalk: reply };
  }
  const m = payload.message;
  const rendered: RenderedDigest = { slack: renderSlackDigest(m, payload.lang), dingtalk: renderDingTalkDigest(m, payload.lang) };
  if (rasterize && m.trend.length) {
    try {
      const svg = trendSvg(m.trend, { now: new Date(m.at), timeZone: m.timezone, lang: payload.lang }); // The chart ships its own CJK font (png.ts).
      rendered.chart = { filename: `whoowns-trend-${m.at.slice(0, 10)}.png`, data: await rasterize(svg), title: payload.lang === 'zh' ? '近 30 天趋势' : '30-day trend' };
    } catch (e) {
      log.warn({ err: e }, 'trend chart could not be drawn; posting without it');
    }
  }
  return rendered;
}

/** Team digests have no chart: the trend history is the account's. */
function teamRenders(payload: Payload): Record<string, RenderedDigest> {
  if (payload.kind !== 'digest' || !payload.teams) return {};
  return Object.fromEntries(
    Object.entries(payload.teams).map(([id, m]) => [id, { slack: renderSlackDigest(m, payload.lang), dingtalk: renderDingTalkDigest(m, payload.lang) }]),
  );
}

function failureReply(p: Extract<Payload, { kind: 'failure' }>): Reply {
  const zh = p.lang === 'zh';
  const text = zh
    ? `⚠️ 本期摘要未能生成:${p.error.zh}\n下一期摘要会与上一份已发送的摘要比较。`
    : `⚠️ This digest could not be built: ${p.error.en}\nThe next digest compares with the last one that was posted.`;
  return {
    summary: zh ? `安全摘要(${p.accountName})未能生成` : `Security digest (${p.accountName}) could not be built`,
    blocks: [
      { type: 'header', text: zh ? `安全摘要:${p.accountName}` : `Security digest: ${p.accountName}` },
      { type: 'text', text },
      { type: 'context', text: zh ? `摘要 ${p.schedule} · ${p.at}` : `Digest ${p.schedule} · ${p.at}` },
    ],
  };
}

function trimTrend(points: TrendPoint[], min: NonNullable<Schedule['scope']['minSeverity']>): TrendPoint[] {
  return points.map((p) => ({
    day: p.day,
    counts: Object.fromEntries(SEVERITIES.map((s) => [s, severityRank(s) <= severityRank(min) ? p.counts[s] : 0])) as TrendPoint['counts'],
  }));
}

/**
 * Give up on a run a crash left behind when it is too old to be worth posting: pending
 * deliveries are marked failed and the run ends as partial or failed.
 */
export async function abandonRun(store: DigestStore, run: RunRecord, now: Date, reason: string): Promise<void> {
  for (const d of await store.deliveries(run.id)) {
    if (d.status !== 'sent' && d.status !== 'failed') await store.markFailed(run.id, d.destination, now, reason, true);
  }
  const sent = (await store.deliveries(run.id)).some((d) => d.status === 'sent');
  await store.finishRun(run.id, sent ? 'partial' : 'failed', now, reason);
}

interface Lease {
  lost(): boolean;
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** The schedule's lease, kept alive by a heartbeat while the run works. */
async function takeLease(schedule: string, deps: DigestDeps): Promise<Lease | undefined> {
  const ttl = deps.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  if (!(await deps.store.acquireLease(schedule, deps.holder, deps.clock.now(), ttl))) {
    const current = (await deps.store.lease(schedule))?.holder;
    const gone = deps.holderGone ?? ((h: string) => holderGoneOnThisHost(h));
    if (!current || !gone(current) || !(await deps.store.takeOverLease(schedule, current, deps.holder, deps.clock.now(), ttl))) return undefined;
    deps.log.warn({ schedule, previous: current }, 'took over the lease of a process that is gone');
  }
  let lost = false;
  let timer: unknown;
  const renew = async () => {
    if (lost) return false;
    // A database that cannot be reached cannot confirm the lease: treated as lost (stop posting).
    lost = !(await deps.store.renewLease(schedule, deps.holder, deps.clock.now(), ttl).catch(() => false));
    return !lost;
  };
  const beat = () => {
    void renew().then((ok) => {
      if (ok) timer = deps.clock.setTimer(ttl / 4, beat);
    });
  };
  timer = deps.clock.setTimer(ttl / 4, beat);
  return {
    lost: () => lost,
    renew,
    async release() {
      deps.clock.clearTimer(timer);
      if (!lost) await deps.store.releaseLease(schedule, deps.holder);
    },
  };
}
