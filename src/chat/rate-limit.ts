// Per-user token buckets: a burst of `burst` commands, refilled at `perMinute`. The clock is injected.
export interface RateLimiter {
  /** true when the user may run one more command now. */
  take(key: string): boolean;
}

export function createRateLimiter(opts: { perMinute: number; burst: number; now?: () => number; maxKeys?: number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = opts.perMinute / 60_000;
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: opts.burst, at: t };
      b.tokens = Math.min(opts.burst, b.tokens + (t - b.at) * rate);
      b.at = t;
      buckets.delete(key);
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
