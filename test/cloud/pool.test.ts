import { describe, expect, it } from 'vitest';
import { Aimd, Pool, Semaphore } from '../../src/cloud/pool.js';
import { backoffDelay, CallFailed, runWithRetry, type Pacing, type RetryLimits } from '../../src/cloud/retry.js';

/** A fake clock: sleep records the wait and advances virtual time at once. */
function fakePacing(random = 0.5): Pacing & { slept: number[]; now: number } {
  const p = {
    slept: [] as number[],
    now: 0,
    random: () => random,
    sleep: async (ms: number) => {
      p.slept.push(ms);
      p.now += ms;
    },
  };
  return p;
}

const limits = (over: Partial<RetryLimits> = {}): RetryLimits => ({
  maxRetries: 3,
  maxThrottleRetries: 5,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
  ...over,
});

function apiError(statusCode: number, code: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`code: ${statusCode}, ${code}`), { name: 'ResponseError', statusCode, code, ...extra });
}

describe('Aimd', () => {
  it('halves on throttle down to 1 and grows by one after a run of successes', () => {
    const a = new Aimd(8, 3);
    expect(a.onThrottle()).toBe(4);
    expect(a.onThrottle()).toBe(2);
    expect(a.onThrottle()).toBe(1);
    expect(a.onThrottle()).toBe(1);
    expect(a.onSuccess()).toBe(1);
    expect(a.onSuccess()).toBe(1);
    expect(a.onSuccess()).toBe(2);
    for (let i = 0; i < 100; i++) a.onSuccess();
    expect(a.current).toBe(8);
  });

  it('a throttle resets the success streak', () => {
    const a = new Aimd(4, 2);
    a.onThrottle(); // 2
    a.onSuccess();
    a.onThrottle(); // 1
    expect(a.onSuccess()).toBe(1);
    expect(a.onSuccess()).toBe(2);
  });
});

describe('Semaphore and Pool', () => {
  it('lets list calls ahead of queued per-resource calls in the global queue, not inside one service', async () => {
    const order: string[] = [];
    const run = async (pool: Pool, calls: Array<[string, string, 'list' | 'detail']>) => {
      let release: (() => void) | undefined;
      const first = pool.run('ecs', () => new Promise<void>((r) => (release = r)), 'list');
      const queued = calls.map(([service, name, priority]) => pool.run(service, async () => void order.push(name), priority));
      while (release === undefined) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r)); // everyone else is queued by now
      release();
      await Promise.all([first, ...queued]);
    };
    await run(new Pool({ global: 1, perService: 8, successesToGrow: 5 }), [
      ['ecs', 'ecs-detail', 'detail'],
      ['oss', 'oss-detail', 'detail'],
      ['ecs', 'ecs-list', 'list'],
      ['ram', 'ram-list', 'list'],
    ]);
    expect(order).toEqual(['ecs-list', 'ram-list', 'ecs-detail', 'oss-detail']);
    order.length = 0;
    await run(new Pool({ global: 8, perService: 1, successesToGrow: 5 }), [
      ['ecs', 'ecs-detail', 'detail'],
      ['ecs', 'ecs-list', 'list'],
    ]);
    expect(order).toEqual(['ecs-detail', 'ecs-list']);
  });

  it('never runs more than the limit at once, per service and globally', async () => {
    const pool = new Pool({ global: 3, perService: 2, successesToGrow: 5 });
    const wide = new Pool({ global: 10, perService: 2, successesToGrow: 5 });
    let running = 0;
    let peak = 0;
    const perService = new Map<string, number>();
    let peakPerService = 0;
    const task = (svc: string, p = pool) =>
      p.run(svc, async () => {
        running++;
        perService.set(svc, (perService.get(svc) ?? 0) + 1);
        peak = Math.max(peak, running);
        peakPerService = Math.max(peakPerService, perService.get(svc)!);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        perService.set(svc, perService.get(svc)! - 1);
      });
    await Promise.all([...Array(10)].flatMap(() => [task('ecs'), task('ram'), task('vpc')]));
    expect(peak).toBe(3);
    expect(peakPerService).toBeLessThanOrEqual(2);
    peak = 0;
    await Promise.all([...Array(10)].map(() => task('ecs', wide)));
    expect(peak).toBe(2);
  });

  it('lowering a limit lets running tasks finish and holds new ones back', async () => {
    const s = new Semaphore(2);
    await s.acquire();
    await s.acquire();
    s.setLimit(1);
    let got = false;
    const waiting = s.acquire().then(() => (got = true));
    s.release();
    await Promise.resolve();
    expect(got).toBe(false); // 1 in flight = the new limit
    s.release();
    await waiting;
    expect(got).toBe(true);
  });

  it('throttling shrinks the service lane; successes grow it back', () => {
    const pool = new Pool({ global: 16, perService: 8, successesToGrow: 2 });
    pool.throttled('ecs');
    pool.throttled('ecs');
    expect(pool.limitOf('ecs')).toBe(2);
    expect(pool.limitOf('ram')).toBe(8);
    pool.succeeded('ecs');
    pool.succeeded('ecs');
    expect(pool.limitOf('ecs')).toBe(3);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with equal jitter and a cap', () => {
    const l = limits();
    expect(backoffDelay(0, l, () => 0)).toBe(50);
    expect(backoffDelay(0, l, () => 1)).toBe(100);
    expect(backoffDelay(3, l, () => 0)).toBe(400);
    expect(backoffDelay(10, l, () => 1)).toBe(1000);
  });
});

describe('runWithRetry', () => {
  it('retries throttling with growing waits, shrinks the lane, and succeeds', async () => {
    const pool = new Pool({ global: 4, perService: 4, successesToGrow: 1 });
    const pacing = fakePacing(0);
    let n = 0;
    let attempts = 0;
    const retries: string[] = [];
    const out = await runWithRetry(
      pool,
      'ecs',
      async () => {
        if (++n <= 3) throw apiError(400, 'Throttling.User');
        return 'ok';
      },
      limits(),
      pacing,
      { onAttempt: () => attempts++, onRetry: (f) => retries.push(f.code) },
    );
    expect(out).toBe('ok');
    expect(attempts).toBe(4);
    expect(retries).toEqual(['Throttling.User', 'Throttling.User', 'Throttling.User']);
    expect(pacing.slept).toEqual([50, 100, 200]);
    expect(pool.limitOf('ecs')).toBe(2); // 4 → 2 → 1 → 1, then one success grows it to 2
  });

  it('honours x-acs-retry-after when longer than the backoff, capped', async () => {
    const pool = new Pool();
    const pacing = fakePacing(0);
    let n = 0;
    await runWithRetry(
      pool,
      'ecs',
      async () => {
        n++;
        if (n === 1) throw apiError(400, 'Throttling.Api', { retryAfter: 1500 });
        if (n === 2) throw apiError(429, 'TooManyRequests', { retryAfter: 60_000 });
        return 1;
      },
      limits(),
      pacing,
    );
    expect(pacing.slept).toEqual([1500, 5000]);
  });

  it('treats 503 ServiceUnavailable as throttling and gives up after the throttle budget', async () => {
    const pool = new Pool();
    const pacing = fakePacing();
    let attempts = 0;
    const err = await runWithRetry(
      pool,
      'ram',
      async () => {
        attempts++;
        throw apiError(503, 'ServiceUnavailable');
      },
      limits({ maxThrottleRetries: 2 }),
      pacing,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallFailed);
    expect((err as CallFailed).failure).toMatchObject({ kind: 'throttle', code: 'ServiceUnavailable', statusCode: 503 });
    expect(attempts).toBe(3);
  });

  it('retries other 5xx and timeouts a bounded number of times', async () => {
    const pool = new Pool();
    const pacing = fakePacing();
    let attempts = 0;
    const timeout = Object.assign(new Error('ReadTimeout(100). POST /?Signature=abc failed.'), { name: 'RequestTimeoutError' });
    const err = await runWithRetry(
      pool,
      'ecs',
      async () => {
        attempts++;
        throw attempts % 2 ? apiError(500, 'InternalError') : timeout;
      },
      limits({ maxRetries: 3 }),
      pacing,
    ).catch((e: unknown) => e);
    expect(attempts).toBe(4);
    expect((err as CallFailed).failure.kind).toBe('timeout');
    expect((err as CallFailed).failure.message).not.toContain('abc');
  });

  it('does not retry 4xx, denials or malformed bodies', async () => {
    for (const e of [apiError(400, 'InvalidParameter'), apiError(403, 'Forbidden.RAM'), new SyntaxError('Unexpected token <')]) {
      let attempts = 0;
      const pacing = fakePacing();
      await runWithRetry(
        new Pool(),
        'ecs',
        async () => {
          attempts++;
          throw e;
        },
        limits(),
        pacing,
      ).catch(() => undefined);
      expect(attempts).toBe(1);
      expect(pacing.slept).toEqual([]);
    }
  });

  it('releases its pool slot while sleeping between tries', async () => {
    const pool = new Pool({ global: 1, perService: 1, successesToGrow: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const pacing: Pacing = { random: () => 0, sleep: () => gate };
    let first = 0;
    const slow = runWithRetry(
      pool,
      'ecs',
      async () => {
        if (++first === 1) throw apiError(500, 'InternalError');
        return 'a';
      },
      limits(),
      pacing,
    );
    // While `slow` sleeps, another call gets the only slot.
    await new Promise((r) => setTimeout(r, 5));
    const other = await runWithRetry(pool, 'ecs', async () => 'b', limits(), pacing);
    expect(other).toBe('b');
    release();
    expect(await slow).toBe('a');
  });
});
