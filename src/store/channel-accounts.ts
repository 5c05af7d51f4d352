import type { Db } from './db.js';

// The account a chat place answers about when a command names none (/posture use <account>).

export class ChannelAccountStore {
  constructor(private readonly db: Db) {}

  set(platform: string, place: string, account: string, by: string, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO channel_accounts (platform, place, account, set_by, set_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(platform, place) DO UPDATE SET account = excluded.account, set_by = excluded.set_by, set_at = excluded.set_at`,
      )
      .run(platform, place, account, by, at.toISOString());
  }

  get(platform: string, place: string): string | undefined {
    const row = this.db.prepare('SELECT account FROM channel_accounts WHERE platform = ? AND place = ?').get(platform, place) as { account: string } | undefined;
    return row?.account;
  }
}
