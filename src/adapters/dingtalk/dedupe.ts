// DingTalk redelivers a callback it thinks was not acked, and a reconnect can replay one.
// Remember recent msgIds (bounded by count and age) so each message is answered once.

export interface SeenSet {
  /** True the first time an id is offered within the window; false for repeats. */
  firstTime(id: string): boolean;
  readonly size: number;
}

export function createSeenSet(opts: { max?: number; ttlMs?: number; now?: () => number } = {}): SeenSet {
  const max = opts.max ?? 10_000;
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const now = opts.now ?? Date.now;
  // Map keeps insertion order, so the oldest entries are first.
  const seen = new Map<string, number>();
  const prune = (t: number) => {
    for (const [id, at] of seen) {
      if (t - at < ttlMs && seen.size <= max) break;
      seen.delete(id);
    }
  };
  return {
    firstTime(id) {
      const t = now();
      prune(t);
      const at = seen.get(id);
      if (at !== undefined && t - at < ttlMs) return false;
      seen.delete(id);
      seen.set(id, t);
      prune(t);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
