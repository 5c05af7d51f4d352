// Our own retry layer (SDK retries stay off) so the policy is visible and testable:
// throttling backs off exponentially with jitter and honours x-acs-retry-after; other
// transient failures get a few tries; 4xx and malformed bodies fail at once.

import { classifyError, type CallFailure } from './call-error.js';
import type { CallPriority, Pool } from './pool.js';

export interface RetryLimits {
  /** Retries for 5xx, timeouts and network errors. */
  maxRetries: number;
  /** Retries for throttling (usually more: throttling passes). */
  maxThrottleRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest x-acs-retry-after we are willing to wait. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = {
  maxRetries: 3,
  maxThrottleRetries: 6,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
};

/** Time and chance, injected so tests run without real waiting. */
export interface Pacing {
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realPacing: Pacing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Exponential backoff with equal jitter: half fixed, half random, capped. */
export function backoffDelay(retryIndex: number, limits: RetryLimits, random: () => number): number {
  const exp = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** retryIndex);
  return Math.round(exp / 2 + random() * (exp / 2));
}

export interface AttemptHooks {
  /** Called before every attempt (including the first): counts API calls. */
  onAttempt?: () => void;
  /** Called before every retry, with the failure that caused it and the wait. */
  onRetry?: (failure: CallFailure, delayMs: number) => void;
}

/** Thrown when an attempt fails for good; carries the classified failure. */
export class CallFailed extends Error {
  constructor(readonly failure: CallFailure) {
    super(failure.message);
    this.name = 'CallFailed';
  }
}

export async function runWithRetry<T>(
  pool: Pool,
  service: string,
  attempt: () => Promise<T>,
  limits: RetryLimits,
  pacing: Pacing,
  hooks: AttemptHooks = {},
  priority: CallPriority = 'detail',
): Promise<T> {
  let retries = 0;
  let throttleRetries = 0;
  for (;;) {
    let failure: CallFailure;
    try {
      hooks.onAttempt?.();
      const result = await pool.run(service, attempt, priority);
      pool.succeeded(service);
      return result;
    } catch (e) {
      failure = e instanceof CallFailed ? e.failure : classifyError(e);
    }
    let delay: number;
    if (failure.kind === 'throttle') {
      pool.throttled(service);
      if (throttleRetries >= limits.maxThrottleRetries) throw new CallFailed(failure);
      delay = backoffDelay(throttleRetries, limits, pacing.random);
      if (failure.retryAfterMs !== undefined) {
        delay = Math.max(delay, Math.min(failure.retryAfterMs, limits.maxRetryAfterMs));
      }
      throttleRetries++;
    } else if (failure.kind === 'server' || failure.kind === 'timeout' || failure.kind === 'network') {
      if (retries >= limits.maxRetries) throw new CallFailed(failure);
      delay = backoffDelay(retries, limits, pacing.random);
      retries++;
    } else {
      throw new CallFailed(failure);
    }
    hooks.onRetry?.(failure, delay);
    await pacing.sleep(delay);
  }
}
