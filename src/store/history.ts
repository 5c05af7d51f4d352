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
  async recordScan(scan: ScanRecordInput, scope: string, wasRead: WasRead): Promise<number> {
    const account = scan.accountName;
    const at = scan.scannedAt;
    // Sorted: concurrent recorders (replicas on one PostgreSQL) lock rows in the same order.
    const fails = scan.findings.filter((f) => f.status === 'fail').sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of fails) if (!f.muted && f.owner !== 'alibaba-cloud') open[f.severity]++;
    return this.db.withTransaction(async (tx) => {
      // One recorder per account at a time: "unresolved" below must see the other's upserts.
      await tx.lock(`history:${account}`);
      const row = await tx.get<{ id: number }>(
        `INSERT INTO scans (account, scope, scanned_at, collected_at, source, incomplete, gaps, open_critical, open_high, open_medium, open_low, open_info, muted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        account, scope, at, scan.collectedAt, scan.source, scan.incomplete ? 1 : 0, scan.gaps.length, open.critical, open.high, open.medium, open.low, open.info, scan.summary.muted,
      );
      const id = Number(row!.id);
      const failing = new Set<string>();
      for (const f of fails) {
        failing.add(f.fingerprint);
        await tx.run(
          `INSERT INTO finding_history (account, fingerprint, check_id, severity, owner, resource_id, region, first_seen, last_seen, resolved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT (account, fingerprint) DO UPDATE SET severity = excluded.severity, owner = excluded.owner,
             -- a finding that was fixed and came back is open since now, not since the first time
             first_seen = CASE WHEN finding_history.resolved_at IS NULL THEN finding_history.first_seen ELSE excluded.first_seen END,
             last_seen = CASE WHEN excluded.last_seen > finding_history.last_seen THEN excluded.last_seen ELSE finding_history.last_seen END,
             resolved_at = NULL`,
          account, f.fingerprint, f.checkId, f.severity, f.owner, f.resource.id, f.resource.region ?? null, at, at,
        );
      }
      for (const r of await unresolvedOn(tx, account)) {
        if (!failing.has(r.fingerprint) && r.lastSeen <= at && wasRead(r)) {
          await tx.run('UPDATE finding_history SET resolved_at = ? WHERE account = ? AND fingerprint = ?', at, account, r.fingerprint);
        }
      }
      return id;
    });
  }

  unresolved(account: string): Promise<HistoryRow[]> {
    return unresolvedOn(this.db, account);
  }

  async get(account: string, fingerprint: string): Promise<HistoryRow | undefined> {
    const r = await this.db.get<Row>('SELECT * FROM finding_history WHERE account = ? AND fingerprint = ?', account, fingerprint);
    return r ? fromRow(r) : undefined;
  }

  /** First-seen times for the fingerprints asked about (unknown ones are left out). */
  async firstSeen(account: string, fingerprints: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const fp of fingerprints) {
      const r = await this.db.get<{ first_seen: string }>('SELECT first_seen FROM finding_history WHERE account = ? AND fingerprint = ?', account, fp);
      if (r) out[fp] = r.first_seen;
    }
    return out;
  }

  /** Scans of one account and scope between two instants, oldest first. */
  async scans(account: string, scope: string, from: Date, to: Date): Promise<ScanRow[]> {
    const rows = await this.db.all<ScanDbRow>(
      'SELECT * FROM scans WHERE account = ? AND scope = ? AND scanned_at >= ? AND scanned_at <= ? ORDER BY scanned_at, id',
      account, scope, from.toISOString(), to.toISOString(),
    );
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
  pruneScans(before: Date): Promise<number> {
    return this.db.run('DELETE FROM scans WHERE scanned_at < ?', before.toISOString());
  }
}

async function unresolvedOn(db: Db, account: string): Promise<HistoryRow[]> {
  return (await db.all<Row>('SELECT * FROM finding_history WHERE account = ? AND resolved_at IS NULL', account)).map(fromRow);
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
