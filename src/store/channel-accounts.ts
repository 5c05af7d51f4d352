import type { Db } from './db.js';

// The account a chat place answers about when a command names none (/posture use <account>).

export class ChannelAccountStore {
  constructor(private readonly db: Db) {}

  async set(platform: string, place: string, account: string, by: string, at: Date): Promise<void> {
    await this.db.run(
      `INSERT INTO channel_accounts (platform, place, account, set_by, set_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(platform, place) DO UPDATE SET account = excluded.account, set_by = excluded.set_by, set_at = excluded.set_at`,
      platform,
      place,
      account,
      by,
      at.toISOString(),
    );
  }

  async get(platform: string, place: string): Promise<string | undefined> {
    const row = await this.db.get<{ account: string }>('SELECT account FROM channel_accounts WHERE platform = ? AND place = ?', platform, place);
    return row?.account;
  }
}
