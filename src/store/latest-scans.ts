import type { Db } from './db.js';

// The latest scan of each account scope, as JSON, for replicas sharing one database: the chat
// front end of any replica answers from it while it is within the TTL (src/posture/service.ts).

export interface StoredScan {
  body: string;
  /** When the scan was made (ISO). */
  at: string;
}

export class LatestScanStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<StoredScan | undefined> {
    const row = await this.db.get<{ body: string; scanned_at: string }>('SELECT body, scanned_at FROM latest_scans WHERE scope_key = ?', key);
    return row ? { body: row.body, at: row.scanned_at } : undefined;
  }

  /** Keeps the newer of the stored and the given scan (two replicas may finish out of order). */
  async put(key: string, body: string, at: string): Promise<void> {
    await this.db.run(
      `INSERT INTO latest_scans (scope_key, scanned_at, body) VALUES (?, ?, ?)
       ON CONFLICT(scope_key) DO UPDATE SET scanned_at = excluded.scanned_at, body = excluded.body WHERE latest_scans.scanned_at <= excluded.scanned_at`,
      key,
      at,
      body,
    );
  }
}
