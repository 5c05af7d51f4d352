import { SEVERITIES, type Owner, type Severity } from '../core/i18n.js';

/** What the history keeps of a scan: the store reads these fields and nothing of the engine. */
export interface ScanRecordInput {
  accountName: string;
  scannedAt: string;
  collectedAt: string;
  source: string;
  incomplete: boolean;
  gaps: readonly unknown[];
  summary: { muted: number };
  findings: readonly {
    status: string;
    muted?: unknown;
    owner: Owner;
    severity: Severity;
    fingerprint: string;
    checkId: string;
    resource: { id: string; region?: string };
  }[];
}
import type { Db } from './db.js';

// Scan history: what each recorded scan counted (for trends) and, per account, every failing
// fingerprint with when it was first seen, last seen and resolved. A fingerprint is only marked
// resolved when the caller says its data was read (a gap keeps it open).

export interface ScanRow {
  id: number;
  account: string;
  scope: string;
  scannedAt: string;
  incomplete: boolean;
  gaps: number;
  open: Record<Severity, number>;
  muted: number;
}

export interface HistoryRow {
  fingerprint: string;
  checkId: string;
  severity: Severity;
  owner: string;
  resourceId: string;
  region?: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt?: string;
}

/** Was the data behind this (no longer failing) fingerprint read in the scan being recorded? */
export type WasRead = (row: HistoryRow) => boolean;

export class HistoryStore {
  constructor(private readonly db: Db) {}

  /** Record a scan and update the fingerprints; returns the scan's id. One transaction. */
  recordScan(scan: ScanRecordInput, scope: string, wasRead: WasRead): number {
    const account = scan.accountName;
    const at = scan.scannedAt;
    const fails = scan.findings.filter((f) => f.status === 'fail');
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of fails) if (!f.muted && f.owner !== 'alibaba-cloud') open[f.severity]++;
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO scans (account, scope, scanned_at, collected_at, source, incomplete, gaps, open_critical, open_high, open_medium, open_low, open_info, muted)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(account, scope, at, scan.collectedAt, scan.source, scan.incomplete ? 1 : 0, scan.gaps.length, open.critical, open.high, open.medium, open.low, open.info, scan.summary.muted)
          .lastInsertRowid,
      );
      const upsert = this.db.prepare(
        `INSERT INTO finding_history (account, fingerprint, check_id, severity, owner, resource_id, region, first_seen, last_seen, resolved_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (account, fingerprint) DO UPDATE SET severity = excluded.severity, owner = excluded.owner,
           -- a finding that was fixed and came back is open since now, not since the first time
           first_seen = CASE WHEN resolved_at IS NULL THEN first_seen ELSE excluded.first_seen END,
           last_seen = max(last_seen, excluded.last_seen), resolved_at = NULL`,
      );
      const failing = new Set<string>();
      for (const f of fails) {
        failing.add(f.fingerprint);
        upsert.run(account, f.fingerprint, f.checkId, f.severity, f.owner, f.resource.id, f.resource.region ?? null, at, at);
      }
      const resolve = this.db.prepare('UPDATE finding_history SET resolved_at = ? WHERE account = ? AND fingerprint = ?');
      for (const row of this.unresolved(account)) {
        if (!failing.has(row.fingerprint) && row.lastSeen <= at && wasRead(row)) resolve.run(at, account, row.fingerprint);
      }
      return id;
    })();
  }

  unresolved(account: string): HistoryRow[] {
    return (this.db.prepare('SELECT * FROM finding_history WHERE account = ? AND resolved_at IS NULL').all(account) as Row[]).map(fromRow);
  }

  get(account: string, fingerprint: string): HistoryRow | undefined {
    const r = this.db.prepare('SELECT * FROM finding_history WHERE account = ? AND fingerprint = ?').get(account, fingerprint) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** First-seen times for the fingerprints asked about (unknown ones are left out). */
  firstSeen(account: string, fingerprints: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    const q = this.db.prepare('SELECT first_seen FROM finding_history WHERE account = ? AND fingerprint = ?');
    for (const fp of fingerprints) {
      const r = q.get(account, fp) as { first_seen: string } | undefined;
      if (r) out[fp] = r.first_seen;
    }
    return out;
  }

  /** Scans of one account and scope between two instants, oldest first. */
  scans(account: string, scope: string, from: Date, to: Date): ScanRow[] {
    const rows = this.db
      .prepare('SELECT * FROM scans WHERE account = ? AND scope = ? AND scanned_at >= ? AND scanned_at <= ? ORDER BY scanned_at, id')
      .all(account, scope, from.toISOString(), to.toISOString()) as ScanDbRow[];
    return rows.map((r) => ({
      id: r.id,
      account: r.account,
      scope: r.scope,
      scannedAt: r.scanned_at,
      incomplete: r.incomplete === 1,
      gaps: r.gaps,
      open: { critical: r.open_critical, high: r.open_high, medium: r.open_medium, low: r.open_low, info: r.open_info },
      muted: r.muted,
    }));
  }

  /** Forget scans older than `before` (fingerprints are kept: they carry first-seen dates). */
  pruneScans(before: Date): number {
    return this.db.prepare('DELETE FROM scans WHERE scanned_at < ?').run(before.toISOString()).changes;
  }
}

interface Row {
  fingerprint: string;
  check_id: string;
  severity: Severity;
  owner: string;
  resource_id: string;
  region: string | null;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
}

interface ScanDbRow {
  id: number;
  account: string;
  scope: string;
  scanned_at: string;
  incomplete: number;
  gaps: number;
  open_critical: number;
  open_high: number;
  open_medium: number;
  open_low: number;
  open_info: number;
  muted: number;
}

function fromRow(r: Row): HistoryRow {
  const out: HistoryRow = {
    fingerprint: r.fingerprint,
    checkId: r.check_id,
    severity: r.severity,
    owner: r.owner,
    resourceId: r.resource_id,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
  if (r.region !== null) out.region = r.region;
  if (r.resolved_at !== null) out.resolvedAt = r.resolved_at;
  return out;
}
