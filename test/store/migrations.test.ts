import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, schemaVersion, type Db } from '../../src/store/db.js';
import { MIGRATIONS, migrationText } from '../../src/store/migrations.js';
import { MuteStore } from '../../src/store/mutes.js';
import { SqliteDb } from '../../src/store/sqlite.js';
import { describeStores } from '../builders/store.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'whoowns-db-'));
  dirs.push(d);
  return join(d, 'whoowns.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sqliteTables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** The tables of the database behind a handle, whichever engine. */
async function tables(db: Db): Promise<string[]> {
  const sql =
    db.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
      : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name';
  return (await db.all<{ name: string }>(sql)).map((r) => r.name);
}

const DIGEST_TABLES = ['digest_deliveries', 'digest_leases', 'digest_runs', 'digest_schedules', 'digest_subscriptions', 'finding_history', 'scans'];

describeStores('migrations', (b) => {
  it('a fresh database gets every table and the latest version', async () => {
    const db = await b.fresh();
    expect(await db.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await tables(db)).toEqual(expect.arrayContaining(['mutes', 'channel_accounts', ...DIGEST_TABLES]));
    await db.close();
  });

  it('opening again (another replica, a restart) changes nothing and keeps the rows', async () => {
    const open = await b.shared();
    const [one, two] = await Promise.all([open(), open()]);
    await new MuteStore(one).put({ fingerprint: '0123456789abcdef', reason: 'r', mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2025-07-01T00:00:00Z' });
    await one.close();
    const again = await open();
    expect(await again.schemaVersion()).toBe(MIGRATIONS.length);
    expect((await new MuteStore(two).active(new Date('2025-06-15T00:00:00Z'))).map((m) => m.fingerprint)).toEqual(['0123456789abcdef']);
    await Promise.all([two.close(), again.close()]);
  });

  it('timestamps compare byte by byte, as ISO text, whatever the server locale', async () => {
    const db = await b.fresh();
    const put = (fp: string, until: string) => new MuteStore(db).put({ fingerprint: fp, reason: 'r', mutedBy: 'x', createdAt: until, until });
    await put('aaaaaaaaaaaaaaaa', '2025-06-01T00:00:00.000Z');
    await put('bbbbbbbbbbbbbbbb', '2025-06-01T00:00:00Z');
    // 'Z' (0x5a) sorts after '.' (0x2e) in bytes; a linguistic collation may say otherwise.
    expect((await new MuteStore(db).active(new Date('2025-05-01T00:00:00Z'))).map((m) => m.fingerprint)).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    await db.close();
  });
});

describe('migrations (SQLite file)', () => {
  it('upgrades a version-1 database in place, keeping its mutes', async () => {
    const path = tmp();
    const v1 = new Database(path);
    v1.exec(migrationText(MIGRATIONS[0]!, 'sqlite'));
    v1.pragma('user_version = 1');
    await new MuteStore(new SqliteDb(v1)).put({ fingerprint: '0123456789abcdef', reason: 'r', mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2025-07-01T00:00:00Z' });
    v1.close();

    const db = openDb(path);
    expect(await db.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await tables(db)).toEqual(expect.arrayContaining(DIGEST_TABLES));
    expect((await new MuteStore(db).active(new Date('2025-06-15T00:00:00Z'))).map((m) => m.fingerprint)).toEqual(['0123456789abcdef']);
    await db.close();
    // Opening again changes nothing.
    const again = openDb(path);
    expect(await again.schemaVersion()).toBe(MIGRATIONS.length);
    await again.close();
  });

  it('every migration runs on its own, in order', () => {
    const db = new Database(':memory:');
    MIGRATIONS.forEach((m, i) => {
      db.exec(migrationText(m, 'sqlite'));
      db.pragma(`user_version = ${i + 1}`);
    });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(sqliteTables(db)).toEqual(expect.arrayContaining(['mutes', ...DIGEST_TABLES]));
    db.close();
  });

  it('refuses a database from a newer whoowns', () => {
    const path = tmp();
    const future = new Database(path);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    expect(() => openDb(path)).toThrow(/newer than this whoowns/);
  });
});
