import type { Db } from './db.js';

// Which chat messages a replica has already taken (the replicas share this table on PostgreSQL):
// the first INSERT of a (platform, msgId) wins, every later one finds the row and backs off.

/** Rows older than this are deleted; DingTalk redelivers an unacked message for about a minute. */
export const SEEN_KEEP_MS = 24 * 3_600_000;

export class SeenMessageStore {
  private lastPrune = 0;

  constructor(private readonly db: Db) {}

  /** True for the one caller (in any replica) that sees this message first. */
  async claim(platform: string, msgId: string, now: Date): Promise<boolean> {
    const won = (await this.db.run('INSERT INTO chat_messages_seen (platform, msg_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', platform, msgId, now.toISOString())) === 1;
    // Keep the table small: prune at most once an hour per process.
    if (now.getTime() - this.lastPrune > 3_600_000) {
      this.lastPrune = now.getTime();
      await this.db.run('DELETE FROM chat_messages_seen WHERE seen_at < ?', new Date(now.getTime() - SEEN_KEEP_MS).toISOString());
    }
    return won;
  }
}
