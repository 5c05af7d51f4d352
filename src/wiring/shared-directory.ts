import { accountIdOf, type AccountConfig, type DirectoryConfig } from '../cloud/index.js';
import type { SharedDirectory } from '../posture/service.js';
import type { Db } from '../store/db.js';
import { DirectoryListingStore } from '../store/directory-listing.js';

/**
 * Replicas list the Resource Directory under a PostgreSQL advisory lock (src/jobs/leader.ts: the
 * server drops it when the holder dies) and leave the listing in the database for the others.
 */
export function sharedDirectory(db: Db, url: string, rd: DirectoryConfig, leaderName = 'resource-directory'): SharedDirectory {
  const store = new DirectoryListingStore(db);
  return {
    async load() {
      const listing = await store.get();
      if (!listing) return undefined;
      const accounts: AccountConfig[] = listing.accounts.map((a) => ({ ...a, ...(rd.externalId ? { externalId: rd.externalId } : {}), discovered: true }));
      return { at: listing.at, accounts };
    },
    async save(accounts, at) {
      const listed = accounts.flatMap((a) => {
        const accountId = accountIdOf(a);
        return accountId && a.roleArn ? [{ name: a.name, accountId, roleArn: a.roleArn }] : [];
      });
      await store.put({ at, accounts: listed });
    },
    async lead(fn) {
      // Loaded only when used: a single machine never loads pg.
      const { tryLeadership } = await import('../jobs/leader.js');
      const held = await tryLeadership(url, leaderName);
      if (!held) return false;
      try {
        await fn();
      } finally {
        await held.release();
      }
      return true;
    },
  };
}
