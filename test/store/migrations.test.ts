import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, schemaVersion } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { MuteStore } from '../../src/store/mutes.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'whoowns-db-'));
  dirs.push(d);
  return join(d, 'whoowns.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

const DIGEST_TABLES = ['digest_deliveries', 'digest_leases', 'digest_runs', 'digest_schedules', 'digest_subscriptions', 'finding_history', 'scans'];

describe('migrations', () => {
  it('a fresh database gets every table and the latest version', () => {
    const db = openDb(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(['mutes', ...DIGEST_TABLES]));
    db.close();
  });

  it('upgrades a version-1 database in place, keeping its mutes', () => {
    const path = tmp();
    const v1 = new Database(path);
    v1.exec(MIGRATIONS[0]!);
    v1.pragma('user_version = 1');
    new MuteStore(v1).put({ fingerprint: '0123456789abcdef', reason: 'r', mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2025-07-01T00:00:00Z' });
    v1.close();

    const db = openDb(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(DIGEST_TABLES));
    expect(new MuteStore(db).active(new Date('2025-06-15T00:00:00Z')).map((m) => m.fingerprint)).toEqual(['0123456789abcdef']);
    db.close();
    // Opening again changes nothing.
    const again = openDb(path);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('every migration runs on its own, in order', () => {
    const db = new Database(':memory:');
    MIGRATIONS.forEach((sql, i) => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['mutes', ...DIGEST_TABLES]));
    db.close();
  });
});
