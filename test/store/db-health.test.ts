import pg from 'pg';
import { expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { watchDb } from '../../src/store/db-health.js';
import { openPostgres } from '../../src/store/postgres.js';
import { describePostgres } from '../builders/store.js';

// /readyz follows the database: a replica whose PostgreSQL stops answering is not ready.

describePostgres('database readiness', (url) => {
  it('ready while the database answers, not ready once it stops', async () => {
    const schema = `health_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const db = await openPostgres({ url, schema, max: 1 });
    const health = watchDb(db, { log: silentLogger(), intervalMs: 30, timeoutMs: 500 });
    await new Promise((r) => setTimeout(r, 100));
    expect(health.ok()).toBe(true);
    await db.close(); // every later query fails, as with a database that went away
    const end = Date.now() + 3_000;
    while (health.ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 30));
    expect(health.ok()).toBe(false);
    health.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });
});
