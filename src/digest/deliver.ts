import { isWhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { DeliveryRecord, DigestStore } from '../store/digests.js';
import type { Clock } from './clock.js';
import { PermanentDeliveryError, type Destination, type RenderedDigest } from './destinations.js';

// Post one built run to each of its destinations, once.
//
// Each delivery row is marked 'sending' (attempts + 1) before the post and 'sent' right after it.
// A failed post goes back to 'pending' and is retried with exponential backoff, up to
// maxAttempts, then 'failed'. Destinations already 'sent' are never posted again, so a restart
// resumes a run without double-posting.
//
// The one window this cannot close: the platform accepted the post and the process died before
// 'sent' was written. The row is still 'sending', and the resumed run posts to that destination
// again — at-least-once for that one destination, never more than one extra copy per crash.
// (Closing it would need the platform to dedupe by our run id; neither Slack's chat.postMessage
// nor DingTalk's robot APIs offer an idempotency key.)

export interface DeliveryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { maxAttempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

export interface DeliverDeps {
  store: DigestStore;
  clock: Clock;
  log: Logger;
  policy?: DeliveryPolicy;
  /** Called between posts; false means our lease was lost, so stop before posting anything else. */
  stillOwner?: () => boolean;
}

export function backoffMs(attempt: number, p: DeliveryPolicy): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Deliver every unfinished delivery of the run; returns the rows as they end up. */
export async function deliverRun(runId: string, rendered: RenderedDigest, destinations: Destination[], deps: DeliverDeps): Promise<DeliveryRecord[]> {
  const policy = deps.policy ?? DEFAULT_DELIVERY;
  const byKey = new Map(destinations.map((d) => [d.key, d]));
  // One destination after another: a crash stops everything at one known point.
  for (const row of deps.store.deliveries(runId)) {
    if (row.status === 'sent' || row.status === 'failed') continue;
    const log = deps.log.child({ runId, destination: row.destination });
    const dest = byKey.get(row.destination);
    if (!dest) {
      deps.store.markFailed(runId, row.destination, deps.clock.now(), 'destination is no longer configured or subscribed', true);
      log.warn('destination gone; delivery dropped');
      continue;
    }
    if (row.status === 'sending') log.warn({ attempts: row.attempts }, 'resuming a delivery that may have been posted before a crash; posting again');
    let attempts = row.attempts;
    for (;;) {
      if (deps.stillOwner && !deps.stillOwner()) throw new LeaseLostError();
      deps.store.markSending(runId, dest.key, deps.clock.now());
      attempts++;
      try {
        await dest.send(rendered);
      } catch (e) {
        const permanent = e instanceof PermanentDeliveryError;
        const final = permanent || attempts >= policy.maxAttempts;
        const reason = isWhoownsError(e) ? e.messages.en : e instanceof Error ? e.message : String(e);
        deps.store.markFailed(runId, dest.key, deps.clock.now(), reason, final);
        log.warn({ attempts, final, reason: reason.slice(0, 200) }, 'digest delivery failed');
        if (final) break;
        await deps.clock.sleep(backoffMs(attempts, policy));
        continue;
      }
      // Outside the try: if recording fails the process is in trouble, and the row stays
      // 'sending' for the resume to find (see the note at the top).
      deps.store.markSent(runId, dest.key, deps.clock.now());
      log.info({ attempts }, 'digest delivered');
      break;
    }
  }
  return deps.store.deliveries(runId);
}

export class LeaseLostError extends Error {
  constructor() {
    super('the digest lease was lost to another process; stopping before posting again');
    this.name = 'LeaseLostError';
  }
}
