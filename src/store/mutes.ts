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

  async put(m: MuteRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO mutes (fingerprint, reason, muted_by, created_at, until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(fingerprint) DO UPDATE SET reason = excluded.reason, muted_by = excluded.muted_by,
         created_at = excluded.created_at, until = excluded.until`,
      m.fingerprint,
      m.reason,
      m.mutedBy,
      m.createdAt,
      m.until,
    );
  }

  async remove(fingerprint: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM mutes WHERE fingerprint = ?', fingerprint)) > 0;
  }

  /** Mutes still in force at `now`. */
  async active(now: Date): Promise<MuteRecord[]> {
    return (await this.db.all<Row>('SELECT * FROM mutes WHERE until > ? ORDER BY until', now.toISOString())).map(fromRow);
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
