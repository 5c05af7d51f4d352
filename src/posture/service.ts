import { WhoownsError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Snapshot } from '../cloud/snapshot.js';
import type { RefreshTarget } from '../cloud/index.js';
import type { MuteStore } from '../store/mutes.js';
import type { Finding, ScanResult } from './types.js';

// The bot's view of the account for chat: one cached scan, refreshed on demand (rate-limited)
// or when older than the TTL; concurrent askers share one scan in flight.

export interface PostureServiceOptions {
  /** Read the account (live collector or the demo emulator). */
  collect: (log: Logger) => Promise<Snapshot>;
  /** Run the checks over a snapshot (thresholds, EOL table and file suppressions bound in). */
  evaluate: (snapshot: Snapshot, now: Date) => ScanResult;
  /** Re-read one resource into a snapshot (targeted refresh). */
  refreshOne?: (snapshot: Snapshot, target: RefreshTarget, log: Logger) => Promise<Snapshot>;
  mutes: MuteStore;
  now: () => Date;
  log: Logger;
  /** Answers older than this trigger a fresh scan. */
  ttlMs: number;
  /** `/posture refresh` at most this often. */
  refreshIntervalMs: number;
  demo: boolean;
}

export interface ScanView {
  scan: ScanResult;
  snapshot: Snapshot;
  ageMs: number;
  demo: boolean;
}

/** A scan, the snapshot it read, and when it was made (ms). */
interface Cached {
  scan: ScanResult;
  snapshot: Snapshot;
  at: number;
}

export class PostureService {
  private last?: Cached;
  private inFlight?: Promise<Cached>;
  private lastRefresh = -Infinity;

  constructor(private readonly opts: PostureServiceOptions) {}

  get demo(): boolean {
    return this.opts.demo;
  }

  /** True when a cached scan within the TTL exists, so answers come at once. */
  hasFreshScan(): boolean {
    return this.last !== undefined && this.opts.now().getTime() - this.last.at <= this.opts.ttlMs;
  }

  /** The cached scan, scanning first if there is none or it is older than the TTL. */
  async current(): Promise<ScanView> {
    return this.view(this.last && this.hasFreshScan() ? this.last : await this.scan());
  }

  /**
   * Rescan now, unless one ran less than refreshIntervalMs ago. `onStart` runs once the rescan
   * is allowed, before the slow part (so chat can say "Scanning…" only when it really is).
   */
  async refresh(onStart?: () => Promise<void>): Promise<ScanView> {
    const now = this.opts.now().getTime();
    const wait = this.lastRefresh + this.opts.refreshIntervalMs - now;
    if (wait > 0) {
      const s = Math.ceil(wait / 1000);
      throw new WhoownsError('RATE_LIMITED', {
        zh: `刚刚扫描过,请 ${s} 秒后再刷新;在此之前的结果来自缓存。`,
        en: `A scan ran moments ago; refresh again in ${s} s. Until then answers come from the cached scan.`,
      });
    }
    this.lastRefresh = now;
    await onStart?.();
    return this.view(await this.scan());
  }

  /**
   * Re-read one security group or RAM user and re-run the checks, without rescanning the
   * account. The rest of the answer keeps its age.
   */
  async refreshOne(target: RefreshTarget): Promise<ScanView> {
    const base = this.last ?? (await this.scan());
    if (!this.opts.refreshOne) return this.view(base);
    const log = this.opts.log.child({ job: 'refresh-one', target: target.type });
    const snapshot = await this.opts.refreshOne(base.snapshot, target, log);
    const scan = this.opts.evaluate(snapshot, this.opts.now());
    this.last = { scan, snapshot, at: base.at };
    return this.view(this.last);
  }

  /** Mute a finding from chat; returns the day it ends (YYYY-MM-DD). */
  async mute(fingerprint: string, days: number, reason: string, by: string): Promise<string> {
    const now = this.opts.now();
    const until = new Date(now.getTime() + days * 86_400_000).toISOString();
    this.opts.mutes.put({ fingerprint, reason, mutedBy: by, createdAt: now.toISOString(), until });
    this.opts.log.info({ fingerprint, days, by }, 'finding muted');
    return until.slice(0, 10);
  }

  unmute(fingerprint: string): boolean {
    return this.opts.mutes.remove(fingerprint);
  }

  /** Apply chat mutes to a scan's findings as of now (mutes can change between scans). */
  withMutes(scan: ScanResult): ScanResult {
    const now = this.opts.now();
    const active = new Map(this.opts.mutes.active(now).map((m) => [m.fingerprint, m]));
    if (!active.size) return scan;
    const findings: Finding[] = scan.findings.map((f) => {
      const m = active.get(f.fingerprint);
      return m && f.status === 'fail' && !f.muted ? { ...f, muted: { reason: m.reason, by: m.mutedBy, until: m.until.slice(0, 10) } } : f;
    });
    return { ...scan, findings, summary: recount(scan, findings) };
  }

  private view(c: Cached): ScanView {
    return { scan: this.withMutes(c.scan), snapshot: c.snapshot, ageMs: this.opts.now().getTime() - c.at, demo: this.opts.demo };
  }

  private scan(): Promise<Cached> {
    this.inFlight ??= (async () => {
      const log = this.opts.log.child({ job: 'scan' });
      try {
        const snapshot = await this.opts.collect(log);
        const now = this.opts.now();
        const scan = this.opts.evaluate(snapshot, now);
        this.last = { scan, snapshot, at: now.getTime() };
        log.info({ findings: scan.findings.length, gaps: scan.gaps.length }, 'scan done');
        return this.last;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}

function recount(scan: ScanResult, findings: Finding[]): ScanResult['summary'] {
  const summary = structuredClone(scan.summary);
  const mutedBefore = new Set(scan.findings.filter((f) => f.muted).map((f) => f.fingerprint));
  let muted = 0;
  for (const f of findings) {
    if (f.status !== 'fail' || !f.muted) continue;
    muted++;
    if (!mutedBefore.has(f.fingerprint)) summary.failByOwnerSeverity[f.owner][f.severity]--;
  }
  summary.muted = muted;
  return summary;
}
