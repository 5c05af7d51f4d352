import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WhoownsError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Open (or create) the state database and bring its schema up to date. WAL keeps it intact
 * across a kill -9; every migration runs in a transaction and is recorded in user_version.
 */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
  } catch (cause) {
    throw new WhoownsError(
      'CONFIG_INVALID',
      { zh: `无法打开数据库 ${path}:请检查目录是否存在且可写(WHOOWNS_DATA_DIR)。`, en: `Cannot open the database ${path}: check the directory exists and is writable (WHOOWNS_DATA_DIR).` },
      cause,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `数据库版本(${current})比本程序(${MIGRATIONS.length})新:请升级 whoowns,或换一个数据目录。`,
      en: `The database schema (${current}) is newer than this whoowns (${MIGRATIONS.length}): upgrade whoowns or use another data directory.`,
    });
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
