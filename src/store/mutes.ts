import type { Db } from './db.js';

export interface MuteRecord {
  fingerprint: string;
  reason: string;
  mutedBy: string;
  createdAt: string;
  /** ISO timestamp; the mute stops at this moment. */
  until: string;
}

export class MuteStore {
  constructor(private readonly db: Db) {}

  put(m: MuteRecord): void {
    this.db
      .prepare(
        `INSERT INTO mutes (fingerprint, reason, muted_by, created_at, until) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(fingerprint) DO UPDATE SET reason = excluded.reason, muted_by = excluded.muted_by,
           created_at = excluded.created_at, until = excluded.until`,
      )
      .run(m.fingerprint, m.reason, m.mutedBy, m.createdAt, m.until);
  }

  remove(fingerprint: string): boolean {
    return this.db.prepare('DELETE FROM mutes WHERE fingerprint = ?').run(fingerprint).changes > 0;
  }

  /** Mutes still in force at `now`. */
  active(now: Date): MuteRecord[] {
    return (this.db.prepare('SELECT * FROM mutes WHERE until > ? ORDER BY until').all(now.toISOString()) as Row[]).map(fromRow);
  }
}

interface Row {
  fingerprint: string;
  reason: string;
  muted_by: string;
  created_at: string;
  until: string;
}

function fromRow(r: Row): MuteRecord {
  return { fingerprint: r.fingerprint, reason: r.reason, mutedBy: r.muted_by, createdAt: r.created_at, until: r.until };
}
