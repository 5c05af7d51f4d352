// Snapshot cache keyed by account name, with a TTL, so chat commands about one group or
// user answer from the last scan; refreshResource re-reads only the resource asked about.

import type { Snapshot } from './snapshot.js';
import type { AccountConfig } from './credentials.js';
import { collectSnapshot, type CollectOptions } from './collect.js';
import { refreshResource, type RefreshOutcome, type RefreshTarget } from './refresh.js';
import type { SessionOptions } from './session.js';

export interface SnapshotCacheOptions {
  ttlMs: number;
  /** Clock for the TTL (tests pass a fake one). */
  now?: () => Date;
  /** Everything collectSnapshot needs for an account besides the account itself. */
  options: (account: AccountConfig) => Omit<CollectOptions, 'account'>;
}

interface Entry {
  snapshot: Snapshot;
  storedAtMs: number;
}

export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Snapshot>>();
  private readonly now: () => Date;

  constructor(private readonly opts: SnapshotCacheOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** The cached snapshot if younger than the TTL, without scanning. */
  peek(accountName: string): Snapshot | undefined {
    const e = this.entries.get(accountName);
    if (!e) return undefined;
    return this.now().getTime() - e.storedAtMs < this.opts.ttlMs ? e.snapshot : undefined;
  }

  /** Cached snapshot, or a fresh scan when missing, expired or forced. Concurrent callers share one scan. */
  async get(account: AccountConfig, opts: { force?: boolean } = {}): Promise<Snapshot> {
    if (!opts.force) {
      const hit = this.peek(account.name);
      if (hit) return hit;
    }
    const running = this.inflight.get(account.name);
    if (running) return running;
    const scan = collectSnapshot({ ...this.opts.options(account), account })
      .then((snapshot) => {
        this.entries.set(account.name, { snapshot, storedAtMs: this.now().getTime() });
        return snapshot;
      })
      .finally(() => this.inflight.delete(account.name));
    this.inflight.set(account.name, scan);
    return scan;
  }

  invalidate(accountName: string): void {
    this.entries.delete(accountName);
  }

  /**
   * Re-read one security group or RAM user and patch the cached snapshot (the TTL restarts
   * only for a full scan). Without a fresh cached snapshot this does a full scan instead.
   */
  async refreshResource(account: AccountConfig, target: RefreshTarget): Promise<RefreshOutcome> {
    const cached = this.peek(account.name);
    if (!cached) {
      const snapshot = await this.get(account, { force: true });
      return { snapshot, result: 'rescanned' };
    }
    const sessionOpts: SessionOptions = { ...this.opts.options(account), account };
    const outcome = await refreshResource(sessionOpts, cached, target);
    const entry = this.entries.get(account.name);
    if (entry && entry.snapshot === cached) this.entries.set(account.name, { ...entry, snapshot: outcome.snapshot });
    return outcome;
  }
}
