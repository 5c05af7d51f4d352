import { isWhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { DeliveryRecord, DigestStore } from '../store/digests.js';
import type { Clock } from './clock.js';
import { PermanentDeliveryError, type Destination, type Posted, type RenderedDigest } from './destinations.js';

// Post one built run to each of its destinations, once.
//
// Per destination: 'sending' (attempts + 1) is recorded before the post, 'sent' with the
// platform's message ref right after chat.postMessage returns — nothing else happens in between —
// and the trend chart follows as its own step (chart 'pending' → 'uploading' before the upload →
// 'done' | 'failed'), so a chart retry never re-posts the text; a resume that finds 'uploading'
// looks for the file in the channel first. A failed post goes back to 'pending' and is retried
// with exponential backoff, up to maxAttempts, then 'failed'.
//
// The window between a post reaching the platform and our 'sent' record (a kill -9, a lost
// answer, a timeout) is closed by looking before posting again: any attempt after the first asks
// the destination for this run's message (Slack: message metadata carrying the run id, read with
// conversations.history). Found → recorded as sent, not posted. Not found → posted.
// Where the look-up is impossible or fails (DingTalk has none; a Slack app without
// channels:history / groups:history), we post again and log a warning: a repeated digest is
// better than a lost one, and it is at most one extra copy per crash. The same holds for the
// chart; Slack may show a shared file a moment after the upload completes, so there a chart can
// still repeat after a kill in that moment.

export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** How far before the run's start a look-up reaches back: clocks of bot and platform differ. */
export const LOOKUP_MARGIN_MS = 10 * 60_000;

export interface DeliverDeps {
  store: DigestStore;
  clock: Clock;
  log: Logger;
  policy?: DeliveryPolicy;
  /** Called between posts; false means our lease was lost, so stop before posting anything else. */
  stillOwner?: () => boolean | Promise<boolean>;
  /** When the run started: a look-up for its message searches from here (minus LOOKUP_MARGIN_MS). */
  startedAt?: Date;
}

export function backoffMs(attempt: number, p: DeliveryPolicy): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

interface Step {
  runId: string;
  rendered: RenderedDigest;
  dest: Destination;
  deps: DeliverDeps;
  log: Logger;
}

/** Deliver every unfinished delivery of the run; returns the rows as they end up. */
/** `rendered`: one message for all, or per destination (a team's digest to a team's place). */
export async function deliverRun(
  runId: string,
  rendered: RenderedDigest | ((d: Destination) => RenderedDigest),
  destinations: Destination[],
  deps: DeliverDeps,
): Promise<DeliveryRecord[]> {
  const renderedFor = typeof rendered === 'function' ? rendered : () => rendered;
  const byKey = new Map(destinations.map((d) => [d.key, d]));
  // One destination after another: a crash stops everything at one known point.
  for (const row of await deps.store.deliveries(runId)) {
    if (row.status === 'failed' || (row.status === 'sent' && row.chart !== 'pending' && row.chart !== 'uploading')) continue;
    const log = deps.log.child({ runId, destination: row.destination });
    const dest = byKey.get(row.destination);
    if (!dest) {
      if (row.status === 'sent') await deps.store.markChart(runId, row.destination, 'failed', deps.clock.now(), 'destination is no longer configured or subscribed');
      else await deps.store.markFailed(runId, row.destination, deps.clock.now(), 'destination is no longer configured or subscribed', true);
      log.warn('destination gone; delivery dropped');
      continue;
    }
    const step: Step = { runId, rendered: renderedFor(dest), dest, deps, log };
    const posted = row.status === 'sent' ? { ...(row.messageRef ? { ref: row.messageRef } : {}) } : await postOnce(step, row);
    const chart = (await deps.store.deliveries(runId)).find((r) => r.destination === dest.key)?.chart;
    if (posted && (chart === 'pending' || chart === 'uploading')) await sendChart(step, posted, chart === 'uploading');
  }
  return deps.store.deliveries(runId);
}

/** The message, with retries; undefined when it finally failed. */
async function postOnce({ runId, rendered, dest, deps, log }: Step, row: DeliveryRecord): Promise<Posted | undefined> {
  const policy = deps.policy ?? DEFAULT_DELIVERY;
  const chart = !!rendered.chart && !!dest.sendChart;
  let attempts = row.attempts;
  for (;;) {
    if (deps.stillOwner && !(await deps.stillOwner())) throw new LeaseLostError();
    // An earlier attempt (before a crash, or one whose answer was lost) may have been posted.
    if (attempts > 0) {
      const found = await lookUp({ runId, rendered, dest, deps, log }, attempts);
      if (found) {
        await deps.store.markSent(runId, dest.key, deps.clock.now(), { ...(found.ref ? { messageRef: found.ref } : {}), chart });
        log.info({ attempts, ref: found.ref }, 'digest message found in the channel (posted before a crash); not posting it again');
        return found;
      }
    }
    await deps.store.markSending(runId, dest.key, deps.clock.now());
    attempts++;
    let posted: Posted;
    try {
      posted = (await dest.send(rendered, { runId })) ?? {};
    } catch (e) {
      const permanent = e instanceof PermanentDeliveryError;
      const final = permanent || attempts >= policy.maxAttempts;
      const reason = reasonOf(e);
      await deps.store.markFailed(runId, dest.key, deps.clock.now(), reason, final);
      log.warn({ attempts, final, reason: reason.slice(0, 200) }, 'digest delivery failed');
      if (final) return undefined;
      await deps.clock.sleep(backoffMs(attempts, policy));
      continue;
    }
    // First thing after the answer: the post is in the channel now.
    await deps.store.markSent(runId, dest.key, deps.clock.now(), { ...(posted.ref ? { messageRef: posted.ref } : {}), chart });
    log.info({ attempts }, 'digest delivered');
    return posted;
  }
}

/** Our message if the destination can find it; undefined (post again) when it is not there or cannot be looked up. */
async function lookUp({ runId, dest, deps, log }: Step, attempts: number): Promise<Posted | undefined> {
  if (!dest.find) {
    log.warn({ attempts }, 'a previous attempt may have been posted and this platform cannot be searched for it; posting again (at-least-once)');
    return undefined;
  }
  const since = new Date((deps.startedAt ?? deps.clock.now()).getTime() - LOOKUP_MARGIN_MS);
  try {
    return await dest.find({ runId, since });
  } catch (e) {
    log.warn({ attempts, reason: reasonOf(e).slice(0, 300) }, 'could not look for the message a previous attempt may have posted; posting again (at-least-once)');
    return undefined;
  }
}

/**
 * The chart, once, after the message; a failure here never touches the posted text. `maybeSent`:
 * an upload was under way when the process died, so look for the file before uploading again.
 */
async function sendChart({ runId, rendered, dest, deps, log }: Step, posted: Posted, maybeSent: boolean): Promise<void> {
  if (!rendered.chart || !dest.sendChart) {
    await deps.store.markChart(runId, dest.key, 'failed', deps.clock.now(), 'the chart could not be drawn on resume');
    return;
  }
  if (maybeSent && (await chartFound(dest, posted, rendered.chart.filename, log))) {
    await deps.store.markChart(runId, dest.key, 'done', deps.clock.now());
    log.info('trend chart found in the channel (uploaded before a crash); not uploading it again');
    return;
  }
  await deps.store.markChart(runId, dest.key, 'uploading', deps.clock.now());
  try {
    await dest.sendChart(rendered, posted);
  } catch (e) {
    const reason = reasonOf(e);
    await deps.store.markChart(runId, dest.key, 'failed', deps.clock.now(), `chart: ${reason}`);
    log.warn({ reason: reason.slice(0, 200) }, 'trend chart not uploaded; the digest message itself was posted');
    return;
  }
  // Outside the try, like the message's record: if this write fails, 'uploading' is what a resume finds.
  await deps.store.markChart(runId, dest.key, 'done', deps.clock.now());
}

async function chartFound(dest: Destination, posted: Posted, filename: string, log: Logger): Promise<boolean> {
  if (!dest.findChart) return false;
  try {
    return await dest.findChart(posted, filename);
  } catch (e) {
    log.warn({ reason: reasonOf(e).slice(0, 300) }, 'could not look for a chart that may have been uploaded before a crash; uploading again (at-least-once)');
    return false;
  }
}

function reasonOf(e: unknown): string {
  return isWhoownsError(e) ? e.messages.en : e instanceof Error ? e.message : String(e);
}

export class LeaseLostError extends Error {
  constructor() {
    super('the digest lease was lost to another process; stopping before posting again');
    this.name = 'LeaseLostError';
  }
}
