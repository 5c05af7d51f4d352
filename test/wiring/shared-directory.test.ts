import { expect, it } from 'vitest';
import type { AccountConfig } from '../../src/cloud/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { PostureSource } from '../../src/posture/service.js';
import { openPostgres } from '../../src/store/postgres.js';
import { MuteStore } from '../../src/store/mutes.js';
import { sharedDirectory } from '../../src/wiring/shared-directory.js';
import { fakeBackend } from '../builders/posture.js';
import { NOW } from '../builders/snapshot.js';
import { describePostgres } from '../builders/store.js';
import pg from 'pg';

// Replicas on PostgreSQL list the Resource Directory once, under an advisory lock, and the others
// take the stored listing: three replicas asking at once make one ListAccounts walk, not three.

const RD = { roleName: 'WhoownsReader', externalId: 'ext-1', refreshMinutes: 60 };
const member = (id: string, name: string): AccountConfig => ({ name, accountId: id, roleArn: `acs:ram::${id}:role/${RD.roleName}`, externalId: RD.externalId, discovered: true });

describePostgres('the directory listing shared by replicas', (url) => {
  const setup = async () => {
    const schema = `rd_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const leader = `directory-${schema}`;
    let t = NOW.getTime();
    let listings = 0;
    let members = [member('1000000000000001', 'prod'), member('1000000000000002', 'staging')];
    const dbs: Awaited<ReturnType<typeof openPostgres>>[] = [];
    const replica = async () => {
      const db = await openPostgres({ url, schema, max: 4 });
      dbs.push(db);
      const backend = {
        ...fakeBackend({ accounts: [] }),
        discover: async () => {
          listings++;
          await new Promise((r) => setTimeout(r, 300));
          return members;
        },
        discoverEveryMs: 60 * 60_000,
      };
      return new PostureSource({ backend, mutes: new MuteStore(db), now: () => new Date(t), log: silentLogger(), ttlMs: 15 * 60_000, refreshIntervalMs: 60_000, directory: sharedDirectory(db, url, RD, leader) });
    };
    const close = async () => {
      await Promise.all(dbs.map((d) => d.close()));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    };
    return { schema, replica, listings: () => listings, advance: (ms: number) => (t += ms), setMembers: (m: AccountConfig[]) => (members = m), close };
  };

  it('three replicas asking at once list the directory once; the followers get the accounts with the configured external id', async () => {
    const s = await setup();
    try {
      const replicas = await Promise.all([s.replica(), s.replica(), s.replica()]);
      await Promise.all(replicas.map((r) => r.discover()));
      expect(s.listings()).toBe(1);
      for (const r of replicas) expect(r.accounts).toEqual([member('1000000000000001', 'prod'), member('1000000000000002', 'staging')]);
    } finally {
      await s.close();
    }
  });

  it('a fresh stored listing is used as it is; once due, one replica lists again and the others see the new member', async () => {
    const s = await setup();
    try {
      const [a, b] = await Promise.all([s.replica(), s.replica()]);
      await a.discover();
      s.advance(10 * 60_000);
      await b.discover();
      expect(s.listings()).toBe(1);
      expect(b.accounts.map((x) => x.name)).toEqual(['prod', 'staging']);
      s.setMembers([...[member('1000000000000001', 'prod'), member('1000000000000002', 'staging')], member('1000000000000003', 'data')]);
      s.advance(60 * 60_000);
      await Promise.all([a.discover(), b.discover()]);
      expect(s.listings()).toBe(2);
      expect(a.accounts.map((x) => x.name)).toEqual(['prod', 'staging', 'data']);
      expect(b.accounts.map((x) => x.name)).toEqual(['prod', 'staging', 'data']);
    } finally {
      await s.close();
    }
  });

  it('/posture accounts refresh (force) lists again even when the stored listing is fresh', async () => {
    const s = await setup();
    try {
      const a = await s.replica();
      await a.discover();
      await a.discover({ force: true });
      expect(s.listings()).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('the database holds no external id', async () => {
    const s = await setup();
    try {
      const a = await s.replica();
      await a.discover();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const rows = await c.query<{ body: string }>(`SELECT body FROM ${s.schema}.directory_listing`);
      await c.end();
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]!.body).toContain('1000000000000001');
      expect(rows.rows[0]!.body).not.toContain(RD.externalId);
    } finally {
      await s.close();
    }
  });
});
