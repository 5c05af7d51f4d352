import type { Db } from './db.js';

// The Resource Directory's members as one replica last listed them, for the others (replicas on
// PostgreSQL list the directory once, under leadership, instead of once each). Only names, ids
// and role ARNs are stored: nothing here is a credential, and the external id stays in the config.

export interface ListedAccount {
  name: string;
  accountId: string;
  roleArn: string;
}

export interface StoredListing {
  /** When the directory was listed (ms since the epoch). */
  at: number;
  accounts: ListedAccount[];
}

export class DirectoryListingStore {
  constructor(private readonly db: Db) {}

  async get(): Promise<StoredListing | undefined> {
    const row = await this.db.get<{ listed_at: string; body: string }>('SELECT listed_at, body FROM directory_listing WHERE id = 1');
    if (!row) return undefined;
    const accounts = JSON.parse(row.body) as ListedAccount[];
    return { at: Date.parse(row.listed_at), accounts };
  }

  /** Keeps the newer listing when two replicas store out of order. */
  async put(listing: StoredListing): Promise<void> {
    await this.db.run(
      `INSERT INTO directory_listing (id, listed_at, body) VALUES (1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET listed_at = excluded.listed_at, body = excluded.body WHERE directory_listing.listed_at <= excluded.listed_at`,
      new Date(listing.at).toISOString(),
      JSON.stringify(listing.accounts),
    );
  }
}
