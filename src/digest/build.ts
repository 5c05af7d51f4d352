import type { Bilingual } from '../core/errors.js';
import { gapSentence } from '../checks/gaps.js';
import { expiresAt } from '../posture/suppressions.js';
import { SEVERITIES, severityRank, type Finding, type ScanResult, type Severity } from '../posture/types.js';
import { coverageOf } from './coverage.js';
import { metaOf } from '../posture/meta.js';
import type { AccountLine, Count, DigestItem, DigestMessage, DigestState, ExpiringMute, OwnerTotals, TrendPoint } from './types.js';

// The digest builder: pure. (what the last digest said, this scan, the time) → what to say now.
// Posting, storage and the clock live elsewhere.

export interface BuildOptions {
  schedule: string;
  timezone: string;
  /** The to-do list leaves out findings below this; Alibaba Cloud's items are always shown. */
  minSeverity?: Severity;
  /** First-seen times from the account's finding history (earlier than any digest may know). */
  firstSeen?: Record<string, string>;
  trend?: TrendPoint[];
  /** A catch-up run after the bot was down: the slot it should have run at. */
  late?: { scheduledFor: string };
}

const DAY_MS = 86_400_000;
const EXPIRING_DAYS = 7;
const OLDEST = 5;
const TODO_OWNERS = ['customer', 'shared'] as const;

export function buildDigest(previous: DigestState | null, current: ScanResult, now: Date, opts: BuildOptions): DigestMessage {
  const at = now.toISOString();
  const inScope = (x: { owner: string; severity: Severity }) =>
    x.owner === 'alibaba-cloud' || !opts.minSeverity || severityRank(x.severity) <= severityRank(opts.minSeverity);
  // A digest that followed another account (the schedule was re-pointed) starts over.
  const prev = previous && previous.accountName === current.accountName ? previous : null;
  const prevOpen = new Map((prev?.open ?? []).filter(inScope).map((i) => [i.fingerprint, i]));
  const prevMuted = new Set(prev?.muted ?? []);

  const fails = current.findings.filter((f) => f.status === 'fail' && inScope(f));
  const openNow = new Map(fails.filter((f) => !f.muted).map((f) => [f.fingerprint, f]));
  const mutedNow = new Map(fails.filter((f) => f.muted).map((f) => [f.fingerprint, f]));
  const read = acrossCoverage(current, coverageOf(current));
  const across = current.accounts !== undefined;

  const toItem = (f: Finding): DigestItem => ({
    fingerprint: f.fingerprint,
    checkId: f.checkId,
    title: metaOf(current, f.checkId).title,
    severity: f.severity,
    owner: f.owner,
    resource: pickResource(f.resource, across),
    firstSeen: earliest(prevOpen.get(f.fingerprint)?.firstSeen, opts.firstSeen?.[f.fingerprint]) ?? current.scannedAt,
    lastSeen: current.scannedAt,
    ...(f.team ? { teams: f.team.teams } : {}),
  });

  const resolved: DigestItem[] = [];
  const unknown: DigestItem[] = [];
  const newlyMuted: DigestItem[] = [];
  for (const p of prevOpen.values()) {
    if (openNow.has(p.fingerprint)) continue;
    const muted = mutedNow.get(p.fingerprint);
    if (muted) newlyMuted.push({ ...toItem(muted), firstSeen: p.firstSeen });
    else if (read(p)) resolved.push(p);
    else unknown.push(p);
  }
  const newOnes: DigestItem[] = [];
  const open: DigestItem[] = [...unknown];
  for (const f of openNow.values()) {
    const item = toItem(f);
    open.push(item);
    if (!prevOpen.has(f.fingerprint)) newOnes.push(prevMuted.has(f.fingerprint) ? { ...item, muteEnded: true } : item);
  }
  open.sort(compareItems);

  const todo = (xs: DigestItem[]) => xs.filter((i) => i.owner !== 'alibaba-cloud').sort(compareItems);
  const platform = (xs: DigestItem[]) => xs.filter((i) => i.owner === 'alibaba-cloud').sort(compareItems);
  const prevTodo = todo([...prevOpen.values()]);
  const openTodo = todo(open);

  const changed = newOnes.length + resolved.length + newlyMuted.length > 0;
  const state: DigestState = { version: 1, at, accountName: current.accountName, open, muted: [...mutedNow.keys()].sort(), ...(current.teams ? { routed: true } : {}) };
  const message: DigestMessage = {
    version: 1,
    schedule: opts.schedule,
    timezone: opts.timezone,
    accountName: current.accountName,
    accountId: current.accountId,
    at,
    scannedAt: current.scannedAt,
    collectedAt: current.collectedAt,
    source: current.source,
    regions: current.regions,
    since: prev?.at ?? null,
    kind: !prev ? 'first' : changed ? 'changed' : 'unchanged',
    totals: TODO_OWNERS.map((o) => ownerTotals(o, openTodo, prevTodo)),
    openTotal: { now: openTodo.length, before: prevTodo.length },
    // On a first run everything is "new"; the renderer calls it "open now".
    newFindings: todo(newOnes),
    resolved: todo(resolved),
    unknown: todo(unknown),
    newlyMuted: todo(newlyMuted),
    oldest: openTodo
      .filter((i) => i.severity === 'critical' || i.severity === 'high')
      .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || compareItems(a, b))
      .slice(0, OLDEST)
      .map((i) => ({ ...i, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(i.firstSeen)) / DAY_MS)) })),
    muted: {
      count: [...mutedNow.values()].filter((f) => f.owner !== 'alibaba-cloud').length,
      expiring: expiring([...mutedNow.values()], current, now),
      expiredSuppressions: current.expiredSuppressions.length,
    },
    gaps: { count: current.gaps.length, sentences: gapSentences(current), undecided: current.summary.byStatus.error },
    incomplete: current.incomplete,
    platform: {
      open: platform(open),
      newCount: platform(newOnes).length,
      resolvedCount: platform(resolved).length,
    },
    trend: opts.trend ?? [],
    state,
  };
  if (current.accounts) message.accounts = accountLines(current.accounts, openTodo, todo(newOnes), todo(resolved));
  if (opts.minSeverity) message.minSeverity = opts.minSeverity;
  if (opts.late) {
    message.late = { scheduledFor: opts.late.scheduledFor, minutes: Math.max(0, Math.round((now.getTime() - Date.parse(opts.late.scheduledFor)) / 60_000)) };
  }
  return message;
}

function ownerTotals(owner: OwnerTotals['owner'], now: DigestItem[], before: DigestItem[]): OwnerTotals {
  const count = (xs: DigestItem[], s?: Severity) => xs.filter((i) => i.owner === owner && (!s || i.severity === s)).length;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { now: count(now, s), before: count(before, s) }])) as Record<Severity, Count>;
  return { owner, total: { now: count(now), before: count(before) }, bySeverity };
}

function expiring(muted: Finding[], scan: ScanResult, now: Date): ExpiringMute[] {
  const limit = now.getTime() + EXPIRING_DAYS * DAY_MS;
  return muted
    .filter((f) => f.muted && expiresAt(f.muted.until) <= limit)
    .map((f) => ({ fingerprint: f.fingerprint, title: metaOf(scan, f.checkId).title, resource: pickResource(f.resource), until: f.muted!.until, reason: f.muted!.reason, by: f.muted!.by }))
    .sort((a, b) => a.until.localeCompare(b.until) || a.fingerprint.localeCompare(b.fingerprint));
}

/** One sentence per failed call (not per resource: fifty denied security groups are one problem). */
function gapSentences(scan: ScanResult): Bilingual[] {
  const seen = new Map<string, Bilingual>();
  for (const g of scan.gaps) {
    const key = [g.service, g.action, g.region ?? '', g.code].join('|');
    if (!seen.has(key)) seen.set(key, gapSentence(g));
  }
  return [...seen.values()];
}

function pickResource(r: Finding['resource'], withAccount = false): DigestItem['resource'] {
  const out: DigestItem['resource'] = { type: r.type, id: r.id, name: r.name };
  if (r.region !== undefined) out.region = r.region;
  if (withAccount) out.account = r.account;
  return out;
}

/**
 * Across accounts, an item of an account that could not be read was not read, whatever its
 * check's calls did elsewhere: it stays open, never "resolved". An item that does not say its
 * account (a digest built before) counts as not read while any account failed.
 */
function acrossCoverage(scan: ScanResult, read: (i: DigestItem) => boolean): (i: DigestItem) => boolean {
  if (!scan.accounts) return read;
  const failed = scan.accounts.filter((a) => a.error);
  if (!failed.length) return read;
  const readIds = new Set(scan.accounts.filter((a) => !a.error && a.accountId).map((a) => a.accountId!));
  return (i) => i.resource.account !== undefined && readIds.has(i.resource.account) && read(i);
}

/** One line per account, worst first (critical, then high, ...), the unreadable ones last with their reason. */
function accountLines(parts: NonNullable<ScanResult['accounts']>, open: DigestItem[], added: DigestItem[], fixed: DigestItem[]): AccountLine[] {
  const ofAccount = (xs: DigestItem[], id: string | null) => xs.filter((i) => i.resource.account === (id ?? undefined));
  const lines = parts.map((p): AccountLine => {
    const mine = p.error ? [] : ofAccount(open, p.accountId);
    const line: AccountLine = {
      name: p.name,
      accountId: p.accountId,
      open: mine.length,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, mine.filter((i) => i.severity === s).length])) as Record<Severity, number>,
      byOwner: { customer: mine.filter((i) => i.owner === 'customer').length, shared: mine.filter((i) => i.owner === 'shared').length },
      newCount: p.error ? 0 : ofAccount(added, p.accountId).length,
      resolvedCount: p.error ? 0 : ofAccount(fixed, p.accountId).length,
    };
    if (p.incomplete) line.incomplete = true;
    if (p.error) line.error = p.error;
    return line;
  });
  const rank = (l: AccountLine) => (l.error ? [-1] : SEVERITIES.map((s) => l.bySeverity[s]));
  return lines.sort((a, b) => {
    const ka = rank(a);
    const kb = rank(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) if ((kb[i] ?? 0) !== (ka[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0);
    return a.name.localeCompare(b.name);
  });
}

function earliest(...xs: (string | undefined)[]): string | undefined {
  const present = xs.filter((x): x is string => typeof x === 'string');
  return present.length ? present.sort()[0] : undefined;
}

export function compareItems(a: DigestItem, b: DigestItem): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    (a.resource.region ?? '').localeCompare(b.resource.region ?? '') ||
    a.resource.id.localeCompare(b.resource.id) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}
