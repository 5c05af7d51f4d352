import { WhoownsError, isWhoownsError } from '../core/errors.js';
import { mergeScans, type AccountScan } from './merge.js';
import type { Logger } from '../core/logger.js';
import { accountIdOf, mergeAccounts, type AccountConfig, type CollectOptions, type RefreshTarget, type Snapshot, type WhoamiResult } from '../cloud/index.js';
import type { MuteRecord, MuteStore } from '../store/mutes.js';
import type { PostureBackend } from './backend.js';
import { summarize } from './run.js';
import type { Finding, ScanFilter, ScanResult } from './types.js';

// The one posture source: the bot, every CLI command and the digests read the cloud through it.
// It owns the cache (keyed by account and region scope; concurrent askers share one scan in
// flight) and applies chat mutes in one place (applyMutes). File suppressions are bound into the
// backend's evaluate, so every path gets them too.

export interface PostureSourceOptions {
  backend: Omit<PostureBackend, 'close'>;
  mutes: Pick<MuteStore, 'active' | 'put' | 'remove'>;
  now: () => Date;
  log: Logger;
  /** Chat answers older than this trigger a fresh scan. */
  ttlMs: number;
  /** `/posture refresh` at most this often. */
  refreshIntervalMs: number;
  /** Replicas on PostgreSQL: the latest scan per scope, shared (src/store/latest-scans.ts). */
  shared?: SharedScans;
  /** Replicas on PostgreSQL: one replica lists the Resource Directory, the others read its listing. */
  directory?: SharedDirectory;
}

/** The last directory listing any replica made, and the leadership that lets one replica list it. */
export interface SharedDirectory {
  load(): Promise<{ at: number; accounts: AccountConfig[] } | undefined>;
  save(accounts: AccountConfig[], at: number): Promise<void>;
  /** Runs fn only while this replica alone holds the listing leadership; false when another holds it. */
  lead(fn: () => Promise<void>): Promise<boolean>;
}

/** How long a replica waits for the leader's listing before it carries on with the one it has. */
const FOLLOWER_WAIT_MS = 30_000;
const FOLLOWER_POLL_MS = 500;
/** A backend that lists a directory but names no period (resourceDirectory.refreshMinutes defaults to 60). */
const DEFAULT_DISCOVERY_EVERY_MS = 60 * 60_000;

/** Where replicas leave their latest scans for each other (JSON of the ScanResult). */
export interface SharedScans {
  get(key: string): Promise<{ body: string; at: string } | undefined>;
  put(key: string, body: string, at: string): Promise<void>;
}

export interface ScanView {
  scan: ScanResult;
  ageMs: number;
  demo: boolean;
}

/** A scan and when it was made (ms); the snapshot it read while nothing is rescanning it. */
interface Entry {
  scan: ScanResult;
  snapshot?: Snapshot;
  at: number;
}

export interface ScopedScan {
  /** A configured account name; with no credentials every name reads the demo account. */
  account: string;
  regions?: string[];
  /** A scan of the same account and regions younger than this is reused. */
  maxAgeMs: number;
  now: Date;
  log: Logger;
}

export class PostureSource {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private lastRefresh = -Infinity;
  private discovered: AccountConfig[] = [];
  private discoveredAt = -Infinity;
  private discovering: Promise<void> | undefined;

  constructor(private readonly opts: PostureSourceOptions) {}

  get demo(): boolean {
    return this.opts.backend.demo;
  }

  /** Configured accounts, then those a Resource Directory lists (merged by id). */
  get accounts(): AccountConfig[] {
    return mergeAccounts(this.opts.backend.accounts, this.discovered);
  }

  /**
   * List the Resource Directory's members again when the last listing is older than `maxAgeMs`
   * (or `force`). Concurrent askers share one listing; a failed one keeps the previous list.
   */
  async discover(o: { force?: boolean; maxAgeMs?: number } = {}): Promise<void> {
    const list = this.opts.backend.discover;
    const everyMs = this.discoveryEveryMs;
    if (!list || everyMs === undefined) return;
    const due = (at: number) => o.force || this.opts.now().getTime() - at >= (o.maxAgeMs ?? everyMs);
    if (!o.force && !due(this.discoveredAt)) return;
    const log = this.opts.log.child({ job: 'discover' });
    const shared = this.opts.directory;
    this.discovering ??= (shared ? this.discoverShared(shared, () => list(log), due) : list(log).then((found) => this.adopt(found, this.opts.now().getTime()))).finally(() => {
      this.discovering = undefined;
    });
    await this.discovering;
  }

  private adopt(found: AccountConfig[], at: number): void {
    const changed = found.length !== this.discovered.length || at !== this.discoveredAt;
    this.discovered = found;
    this.discoveredAt = at;
    if (changed) this.opts.log.info({ accounts: found.length }, 'resource directory members listed');
  }

  /**
   * Replicas: a fresh stored listing is used as it is; a due one is listed again by whichever
   * replica takes the leadership, while the others wait (bounded) for its listing to land.
   */
  private async discoverShared(shared: SharedDirectory, list: () => Promise<AccountConfig[]>, due: (at: number) => boolean): Promise<void> {
    const stored = await shared.load();
    if (stored) this.adopt(stored.accounts, stored.at);
    if (stored && !due(stored.at)) return;
    const led = await shared.lead(async () => {
      const found = await list();
      const at = this.opts.now().getTime();
      await shared.save(found, at);
      this.adopt(found, at);
    });
    if (led) return;
    const before = stored?.at ?? -Infinity;
    for (let waited = 0; waited < FOLLOWER_WAIT_MS; waited += FOLLOWER_POLL_MS) {
      await new Promise((r) => setTimeout(r, FOLLOWER_POLL_MS));
      const now = await shared.load();
      if (now && now.at > before) return this.adopt(now.accounts, now.at);
    }
    this.opts.log.warn({ waitedMs: FOLLOWER_WAIT_MS }, 'another replica holds the directory listing and has not stored one yet; using the accounts already known');
  }

  /** How often the Resource Directory is listed again; undefined without one. */
  get discoveryEveryMs(): number | undefined {
    return this.opts.backend.discover ? (this.opts.backend.discoverEveryMs ?? DEFAULT_DISCOVERY_EVERY_MS) : undefined;
  }

  /** An account by name or id (the first without one); USAGE naming the known ones otherwise. */
  account(name?: string): AccountConfig {
    const accounts = this.accounts;
    const found = name ? accounts.find((a) => a.name === name || accountIdOf(a) === name) : accounts[0];
    if (found) return found;
    const names = accounts.map((a) => a.name).join(', ') || '-';
    if (!name) {
      throw new WhoownsError('CONFIG_INVALID', {
        zh: '没有可读取的账号:请在配置中列出 accounts,或检查 resourceDirectory 的发现是否成功(/posture accounts refresh)。',
        en: 'No account to read: list accounts in the configuration, or check that Resource Directory discovery worked (/posture accounts refresh).',
      });
    }
    throw new WhoownsError('USAGE', { zh: `没有名为 ${name} 的账号;可用:${names}。`, en: `No account named ${name}; known accounts: ${names}.` });
  }

  /** The last scan of an account held in the cache (whole account), without scanning. */
  async lastScan(account: string): Promise<ScanView | undefined> {
    const e = this.cache.get(keyOf(this.account(account).name, undefined));
    return e ? await this.view(e) : undefined;
  }

  /** How many snapshots the cache holds now (the bot keeps at most one per account). */
  heldSnapshots(): number {
    return [...this.cache.values()].filter((e) => e.snapshot).length;
  }

  // --- chat: one account (by name or id; the first when none is named) ---------------------

  /** True when a cached scan within the TTL exists, so answers come at once. */
  hasFreshScan(account?: string): boolean {
    const e = this.cache.get(this.chatKey(account));
    return e !== undefined && this.opts.now().getTime() - e.at <= this.opts.ttlMs;
  }

  /** The cached scan, scanning first if there is none or it is older than the TTL. */
  async current(account?: string): Promise<ScanView> {
    const e = this.cache.get(this.chatKey(account));
    if (e && this.hasFreshScan(account)) return this.view(e);
    const shared = await this.fromShared(this.chatKey(account));
    return this.view(shared ?? (await this.load(this.chatKey(account), this.account(account), undefined, this.opts.log)));
  }

  /** Scan the whole account now and share it (a scan job of the replicas' queue). */
  async scanNow(account: string): Promise<void> {
    await this.load(this.chatKey(account), this.account(account), undefined, this.opts.log);
  }

  /** Another replica's scan of this scope within the TTL, taken into the cache (without its snapshot). */
  private async fromShared(key: string): Promise<Entry | undefined> {
    if (!this.opts.shared || this.inFlight.has(key)) return undefined;
    const row = await this.opts.shared.get(key).catch((e: unknown) => {
      this.opts.log.warn({ code: (e as { code?: string }).code }, 'shared scan unreadable; scanning here');
      return undefined;
    });
    const at = row ? Date.parse(row.at) : NaN;
    if (!row || !(this.opts.now().getTime() - at <= this.opts.ttlMs)) return undefined;
    const local = this.cache.get(key);
    if (local && local.at >= at) return local;
    const entry: Entry = { scan: JSON.parse(row.body) as ScanResult, at };
    this.cache.set(key, entry);
    return entry;
  }

  /**
   * The cached scan with the snapshot it read (the duties report counts the estate from it):
   * scans first when there is none within the TTL, or when the snapshot was let go.
   */
  async currentWithSnapshot(account?: string): Promise<ScanView & { snapshot: Snapshot }> {
    const e = this.hasFreshScan(account) ? await this.withSnapshot(account) : await this.load(this.chatKey(account), this.account(account), undefined, this.opts.log);
    const full = e.snapshot ? (e as Entry & { snapshot: Snapshot }) : await this.withSnapshot(account);
    return { ...(await this.view(full)), snapshot: full.snapshot };
  }

  /**
   * Rescan now, unless one ran less than refreshIntervalMs ago. `onStart` runs once the rescan
   * is allowed, before the slow part (so chat can say "Scanning…" only when it really is).
   */
  async refresh(onStart?: () => Promise<void>, account?: string): Promise<ScanView> {
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
    return this.view(await this.load(this.chatKey(account), this.account(account), undefined, this.opts.log));
  }

  /** The region of a security group in the chat account's snapshot (waits for a rescan under way). */
  async groupRegion(securityGroupId: string, account?: string): Promise<string | undefined> {
    const { snapshot } = await this.withSnapshot(account);
    return Object.values(snapshot.regionData).find((r) => r.securityGroups?.some((g) => g.securityGroupId === securityGroupId))?.regionId;
  }

  /**
   * Re-read one security group or RAM user and re-run the checks, without rescanning the
   * account. The rest of the answer keeps its age.
   */
  async refreshOne(target: RefreshTarget, account?: string): Promise<ScanView> {
    const base = await this.withSnapshot(account);
    const log = this.opts.log.child({ job: 'refresh-one', target: target.type });
    const snapshot = await this.opts.backend.refresh(this.account(account), log, base.snapshot, target);
    const entry: Entry = { scan: this.opts.backend.evaluate(snapshot, this.opts.now()), snapshot, at: base.at };
    this.cache.set(this.chatKey(account), entry);
    return this.view(entry);
  }

  /** Mute a finding from chat; returns the day it ends (YYYY-MM-DD). */
  async mute(fingerprint: string, days: number, reason: string, by: string): Promise<string> {
    const now = this.opts.now();
    const until = new Date(now.getTime() + days * 86_400_000).toISOString();
    await this.opts.mutes.put({ fingerprint, reason, mutedBy: by, createdAt: now.toISOString(), until });
    this.opts.log.info({ fingerprint, days, by }, 'finding muted');
    return until.slice(0, 10);
  }

  unmute(fingerprint: string): Promise<boolean> {
    return this.opts.mutes.remove(fingerprint);
  }

  // --- digests: any account, a region scope, a reuse window --------------------------------

  /** A scan for a digest: reused when one of the same scope is younger than maxAgeMs; mutes as of `now`. */
  async scoped(o: ScopedScan): Promise<ScanResult> {
    // A schedule may name a directory member: list the directory first (when due).
    if (!this.accounts.some((a) => a.name === o.account)) await this.discover();
    const account = this.digestAccount(o.account);
    const key = keyOf(account.name, o.regions);
    const hit = this.cache.get(key);
    if (hit && o.now.getTime() - hit.at <= o.maxAgeMs) o.log.info({ ageMs: o.now.getTime() - hit.at }, 'digest reuses a recent scan');
    const entry = hit && o.now.getTime() - hit.at <= o.maxAgeMs ? hit : await this.load(key, account, o.regions, o.log, o.now);
    return this.withMutes(entry.scan, o.now);
  }

  /**
   * One scan over several accounts (a digest across accounts): each read as `scoped` reads one,
   * a few at a time; an account that cannot be read becomes a gap naming it.
   */
  async scopedAcross(o: Omit<ScopedScan, 'account'> & { label: string; accounts: 'all' | string[]; visible?: (a: AccountConfig) => boolean }): Promise<ScanResult> {
    await this.discover();
    const chosen = o.accounts === 'all' ? this.accounts : o.accounts.map((n) => this.digestAccount(n));
    // Accounts the digest's places may not see are left out (accountAccess), not shown as unreadable.
    const kept = o.visible ? chosen.filter(o.visible) : chosen;
    if (kept.length < chosen.length) o.log.warn({ leftOut: chosen.filter((a) => !kept.includes(a)).map((a) => a.name) }, 'accounts left out of the digest: a destination may not see them (accountAccess)');
    const names = kept.map((a) => a.name);
    const ids = new Map(kept.map((a) => [a.name, accountIdOf(a)]));
    const parts: AccountScan[] = [];
    for (let i = 0; i < names.length; i += ACROSS_AT_ONCE) {
      const batch = names.slice(i, i + ACROSS_AT_ONCE);
      parts.push(
        ...(await Promise.all(
          batch.map(async (account): Promise<AccountScan> => {
            try {
              return { account, scan: await this.scoped({ ...o, account, log: o.log.child({ account }) }) };
            } catch (e) {
              if (!isWhoownsError(e)) throw e;
              const id = ids.get(account);
              return { account, ...(id ? { accountId: id } : {}), error: e.messages };
            }
          }),
        )),
      );
    }
    return mergeScans(o.label, parts, o.now);
  }

  // --- one-off reads (the CLI) ----------------------------------------------------------

  /** Read an account now, uncached (whoowns scan, inventory). */
  read(account: AccountConfig, log: Logger, extra: Pick<CollectOptions, 'regions' | 'services' | 'onProgress'> = {}): Promise<Snapshot> {
    return this.opts.backend.collect(account, log, extra);
  }

  /** Run the checks over a snapshot, with chat mutes applied unless `mutes` is false. */
  async assess(snapshot: Snapshot, filter: ScanFilter = {}, o: { mutes?: boolean } = {}): Promise<ScanResult> {
    const now = this.opts.now();
    const scan = this.opts.backend.evaluate(snapshot, now, filter);
    return o.mutes === false ? scan : await this.withMutes(scan, now);
  }

  whoami(account: AccountConfig, log: Logger): Promise<WhoamiResult> {
    return this.opts.backend.whoami(account, log);
  }

  // ---------------------------------------------------------------------------------------

  private async withMutes(scan: ScanResult, now: Date): Promise<ScanResult> {
    return applyMutes(scan, await this.opts.mutes.active(now));
  }

  private async view(e: Entry): Promise<ScanView> {
    const now = this.opts.now();
    return { scan: await this.withMutes(e.scan, now), ageMs: now.getTime() - e.at, demo: this.demo };
  }

  private chatKey(account?: string): string {
    return keyOf(this.account(account).name, undefined);
  }

  private digestAccount(name: string): AccountConfig {
    const found = this.accounts.find((a) => a.name === name || accountIdOf(a) === name);
    // With no credentials the bot runs on the demo account, whatever the schedule names.
    if (found) return found;
    if (this.demo && this.accounts[0]) return this.accounts[0];
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `摘要使用的账号 ${name} 不在配置的 accounts 中。`,
      en: `A digest uses account ${name}, which is not among the configured accounts.`,
    });
  }

  /** The chat account's entry with its snapshot: waits for a rescan under way, or scans. */
  private async withSnapshot(account?: string): Promise<Entry & { snapshot: Snapshot }> {
    const key = this.chatKey(account);
    const pending = this.inFlight.get(key);
    let e = pending ? await pending : this.cache.get(key);
    if (!e?.snapshot) e = await this.load(key, this.account(account), undefined, this.opts.log);
    return e as Entry & { snapshot: Snapshot };
  }

  /**
   * Scan one scope, sharing a scan in flight. The previous snapshot of the scope is let go before
   * the new one is read, so the bot never holds two; its scan keeps answering meanwhile. Only an
   * unscoped (whole-account) scan keeps its snapshot, for targeted refreshes.
   */
  private load(key: string, account: AccountConfig, regions: string[] | undefined, parent: Logger, at?: Date): Promise<Entry> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const previous = this.cache.get(key);
    if (previous) delete previous.snapshot;
    const log = parent.child({ job: 'scan' });
    const run = (async () => {
      try {
        const snapshot = await this.opts.backend.collect(account, log, regions ? { regions } : {});
        const now = at ?? this.opts.now();
        const scan = this.opts.backend.evaluate(snapshot, now, regions ? { regions } : {});
        const entry: Entry = { scan, at: now.getTime(), ...(regions ? {} : { snapshot }) };
        this.cache.set(key, entry);
        log.info({ findings: scan.findings.length, gaps: scan.gaps.length }, 'scan done');
        // Mutes are applied when read, so the stored scan is the raw one, as in the cache.
        await this.opts.shared?.put(key, JSON.stringify(scan), now.toISOString()).catch((e: unknown) => log.warn({ code: (e as { code?: string }).code }, 'scan not shared with the other replicas'));
        return entry;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, run);
    return run;
  }
}

/** Accounts a digest across accounts reads at once. */
const ACROSS_AT_ONCE = 4;

function keyOf(account: string, regions: string[] | undefined): string {
  return `${account}|${regions?.slice().sort().join(',') ?? '*'}`;
}

/**
 * Chat mutes (/posture mute) over a scan, as of the moment asked: a muted failure counts as
 * muted, never as open. The one place mutes are applied; the summary is recounted from the findings.
 */
export function applyMutes(scan: ScanResult, active: MuteRecord[]): ScanResult {
  if (!active.length) return scan;
  const byFp = new Map(active.map((m) => [m.fingerprint, m]));
  let changed = false;
  const findings: Finding[] = scan.findings.map((f) => {
    const m = byFp.get(f.fingerprint);
    if (!m || f.status !== 'fail' || f.muted) return f;
    changed = true;
    return { ...f, muted: { reason: m.reason, by: m.mutedBy, until: m.until.slice(0, 10) } };
  });
  return changed ? { ...scan, findings, summary: summarize(findings, scan.passes) } : scan;
}
