// The digest model: what a schedule remembers between runs (DigestState) and what one run has
// to say (DigestMessage). Both are plain JSON: the state and the message are stored with the run,
// so a run resumed after a restart posts exactly what was built before it.

import type { Bilingual } from '../core/errors.js';
import type { Mentions } from '../chat/message.js';
import type { Owner, ResourceRef, Severity } from '../posture/types.js';

/** One finding as a digest remembers it. */
export interface DigestItem {
  fingerprint: string;
  checkId: string;
  title: Bilingual;
  severity: Severity;
  owner: Owner;
  /** `account`: the account id, kept in a digest across accounts (per-account lines, coverage). */
  resource: Pick<ResourceRef, 'type' | 'id' | 'name' | 'region'> & { account?: string };
  /** First time any scan saw it failing (ISO). */
  firstSeen: string;
  /** Last scan that read it as failing (ISO); older than the digest when it could not be re-read. */
  lastSeen: string;
  /** New only because its mute or suppression ended. */
  muteEnded?: boolean;
  /** The teams that own its resource (owners: configured); [] = nobody. */
  teams?: string[];
}

export interface DigestState {
  version: 1;
  /** When this digest was built. */
  at: string;
  accountName: string;
  /** Open, unmuted findings (the customer's to-do and Alibaba Cloud's items), including ones not re-read. */
  open: DigestItem[];
  /** Fingerprints muted at the time (so a mute is not mistaken for a fix). */
  muted: string[];
  /** Items carry their teams: a team digest may compare with this state. */
  routed?: boolean;
}

export type Count = { now: number; before: number };

export interface OwnerTotals {
  owner: Exclude<Owner, 'alibaba-cloud'>;
  total: Count;
  bySeverity: Record<Severity, Count>;
}

export interface ExpiringMute {
  fingerprint: string;
  title: Bilingual;
  resource: DigestItem['resource'];
  /** YYYY-MM-DD, muted through the end of that day (UTC). */
  until: string;
  reason: string;
  by: string;
}

export interface TrendPoint {
  /** YYYY-MM-DD in the schedule's time zone. */
  day: string;
  counts: Record<Severity, number>;
}

export interface DigestMessage {
  version: 1;
  schedule: string;
  timezone: string;
  accountName: string;
  accountId: string | null;
  /** When the digest was built (ISO). */
  at: string;
  scannedAt: string;
  collectedAt: string;
  source: 'live' | 'demo' | 'emulator';
  regions: string[];
  minSeverity?: Severity;
  /** When the previous digest of this schedule was built; null on the first run. */
  since: string | null;
  kind: 'first' | 'changed' | 'unchanged';
  /** Set when the run is a catch-up after the bot was down. */
  late?: { scheduledFor: string; minutes: number };
  /** The customer's (and shared) to-do, by owner and severity, now and at the previous digest. */
  totals: OwnerTotals[];
  openTotal: Count;
  newFindings: DigestItem[];
  /** Was open, now read and no longer failing (fixed, or the resource is gone). */
  resolved: DigestItem[];
  /** Was open and could not be read this time: still counted as open. */
  unknown: DigestItem[];
  /** Was open, now muted. */
  newlyMuted: DigestItem[];
  /** Oldest still-open critical/high items with their age. */
  oldest: (DigestItem & { ageDays: number })[];
  muted: { count: number; expiring: ExpiringMute[]; expiredSuppressions: number };
  gaps: { count: number; sentences: Bilingual[]; undecided: number };
  incomplete: boolean;
  /** Alibaba Cloud–owned items (platform events): kept apart from the to-do list. */
  platform: { open: DigestItem[]; newCount: number; resolvedCount: number };
  trend: TrendPoint[];
  /** A digest across accounts: one line per account read, worst first, then those that could not be read. */
  accounts?: AccountLine[];
  /** What this run remembers for the next one (a team digest's is empty: the account's is kept). */
  state: DigestState;
  /** Set on a team's digest: only that team's findings, plus how many open ones nobody owns. */
  team?: { id: string; name: Bilingual; unowned: number; /** Open findings that now belong to another team (re-tagged). */ movedAway?: number; mention?: Mentions };
}

/** One account of a digest across accounts: its to-do (customer and shared), what changed, or why it was not read. */
export interface AccountLine {
  name: string;
  accountId: string | null;
  open: number;
  bySeverity: Record<Severity, number>;
  byOwner: Record<Exclude<Owner, 'alibaba-cloud'>, number>;
  newCount: number;
  resolvedCount: number;
  /** Read, but some calls failed. */
  incomplete?: boolean;
  /** Not read at all: the reason, in both languages. */
  error?: Bilingual;
}
