// The last question asked in each conversation, so a follow-up ("and for disks?") can be read
// in its sense. In memory only and never persisted: a thread forgets after `ttlMs` without a
// question, and only the `maxThreads` most recently active threads are kept. The text is user
// input: never log it (keys hold only platform ids).

export interface ThreadMemory {
  /** The question remembered for the thread, if it is still fresh. */
  recall(key: string): string | undefined;
  /** Remember `question` as the thread's subject (replaces the previous one). */
  remember(key: string, question: string): void;
  /** Threads currently remembered (after dropping the expired ones). */
  size(): number;
}

export interface ThreadMemoryOptions {
  maxThreads?: number;
  ttlMs?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

export const THREAD_MEMORY_DEFAULTS = { maxThreads: 1000, ttlMs: 10 * 60_000 } as const;

/** Where a follow-up continues: one Slack thread (or DM), one DingTalk conversation, one console. */
export interface ThreadPlace {
  platform: string;
  /** Slack team id, DingTalk robot or corp id; "" when the platform has only one. */
  workspace: string;
  channel: string;
  /** Slack thread_ts (or the ts of the message that starts the thread); "" for a whole conversation. */
  thread: string;
}

export function threadKey(p: ThreadPlace): string {
  return [p.platform, p.workspace, p.channel, p.thread].map((s) => s.replace(/[\s/]/g, '_')).join('/');
}

export function createThreadMemory(o: ThreadMemoryOptions = {}): ThreadMemory {
  const max = Math.max(1, o.maxThreads ?? THREAD_MEMORY_DEFAULTS.maxThreads);
  const ttl = o.ttlMs ?? THREAD_MEMORY_DEFAULTS.ttlMs;
  const now = o.now ?? Date.now;
  // Map order is last-use order, which is also expiry order: the oldest entries sit in front.
  const threads = new Map<string, { question: string; at: number }>();

  const sweep = (t: number) => {
    for (const [key, v] of threads) {
      if (t - v.at < ttl) break;
      threads.delete(key);
    }
  };

  return {
    recall(key) {
      const t = now();
      sweep(t);
      const hit = threads.get(key);
      if (!hit) return undefined;
      threads.delete(key);
      threads.set(key, { ...hit, at: t });
      return hit.question;
    },
    remember(key, question) {
      const t = now();
      sweep(t);
      threads.delete(key);
      threads.set(key, { question, at: t });
      while (threads.size > max) threads.delete(threads.keys().next().value!);
    },
    size() {
      sweep(now());
      return threads.size;
    },
  };
}
