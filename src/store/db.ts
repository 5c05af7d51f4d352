import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { WhoownsError, isWhoownsError } from '../core/errors.js';
import { migrationText, MIGRATIONS } from './migrations.js';
import type { Db } from './sql.js';
import { SqliteDb } from './sqlite.js';

export type { Db, Param } from './sql.js';

/** The raw better-sqlite3 handle (tests that build old schemas by hand). */
export type SqliteHandle = Database.Database;

// The database holds finding history and digest text: private to the user running the bot
// (0600, and SQLite gives -wal and -shm the main file's mode), in a 0700 directory when we make it.
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Open (or create) the state database and bring its schema up to date. WAL keeps it intact
 * across a kill -9; every migration runs in a transaction and is recorded in user_version.
 * A damaged file is refused here, before anything reads or writes it.
 */
export function openDb(path: string): Db {
  return new SqliteDb(openSqlite(path));
}

/** The SQLite file opened, checked and migrated, as better-sqlite3's handle. */
export function openSqlite(path: string): SqliteHandle {
  if (path === ':memory:') return migrated(configure(new Database(path)));
  prepareFiles(path);
  let db: SqliteHandle | undefined;
  try {
    db = configure(new Database(path));
    checkIntegrity(db);
    return migrated(db);
  } catch (cause) {
    db?.close();
    throw openError(cause, path);
  }
}

function configure(db: SqliteHandle): SqliteHandle {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

function migrated(db: SqliteHandle): SqliteHandle {
  migrate(db);
  return db;
}

/** Data directory 0700 when created; the database and its -wal/-shm 0600, also when they already exist. */
function prepareFiles(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: 'ENOTDIR' });
    // Created empty with the right mode before SQLite sees it (SQLite itself would make it 0644).
    closeSync(openSync(path, 'a', FILE_MODE));
  } catch (cause) {
    throw dirError(cause, dir);
  }
  for (const f of [path, `${path}-wal`, `${path}-shm`]) tighten(f);
}

function tighten(file: string): void {
  try {
    if ((statSync(file).mode & 0o777) !== FILE_MODE) chmodSync(file, FILE_MODE);
  } catch {
    // Not there (no -wal yet) or not ours to change: SQLite reports what matters when it opens.
  }
}

/** quick_check reads every page: garbage in the middle of the file shows up now, not mid-digest. */
function checkIntegrity(db: SqliteHandle): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok');
  if (problems.length) throw Object.assign(new Error(problems.join('; ')), { code: 'SQLITE_CORRUPT' });
}

const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);
const NOT_WRITABLE = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_PERM', 'SQLITE_AUTH']);

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function openError(cause: unknown, path: string): WhoownsError {
  if (isWhoownsError(cause)) return cause;
  const code = codeOf(cause);
  if (DAMAGED.has(code)) return damaged(path, cause);
  if (NOT_WRITABLE.has(code) || code.startsWith('SQLITE_IOERR')) return dirError(cause, dirname(path));
  return new WhoownsError(
    'DB_DAMAGED',
    {
      zh: `无法打开数据库 ${path}(${code || '未知错误'})。请检查该文件和 WHOOWNS_DATA_DIR 目录;若文件已损坏,请从备份恢复,或移到一边(mv ${path} ${path}.broken)后重新启动。`,
      en: `Cannot open the database ${path} (${code || 'unknown error'}). Check the file and the WHOOWNS_DATA_DIR directory; if the file is damaged, restore it from your backup or move it aside (mv ${path} ${path}.broken) and start again.`,
    },
    cause,
  );
}

function damaged(path: string, cause: unknown): WhoownsError {
  return new WhoownsError(
    'DB_DAMAGED',
    {
      zh: `数据库 ${path} 已损坏,whoowns 拒绝使用它。请停止 whoowns,然后从备份恢复该文件(连同 -wal 文件);或把它移到一边(mv ${path} ${path}.broken),重新启动时会新建一个空数据库(静默设置和发现历史将丢失)。`,
      en: `The database ${path} is damaged, so whoowns refuses to use it. Stop whoowns, then restore the file (with its -wal file) from your backup, or move it aside (mv ${path} ${path}.broken) to start with an empty one (mutes and finding history are lost).`,
    },
    cause,
  );
}

function dirError(cause: unknown, dir: string): WhoownsError {
  const code = codeOf(cause);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new WhoownsError(
      'DATA_DIR',
      {
        zh: `数据目录 ${dir}(或它的上级)是一个文件,不是目录。请把 WHOOWNS_DATA_DIR 设为一个目录,或把该文件移走。`,
        en: `The data directory ${dir} (or one of its parents) is a file, not a directory. Set WHOOWNS_DATA_DIR to a directory, or move the file away.`,
      },
      cause,
    );
  }
  return new WhoownsError(
    'DATA_DIR',
    {
      zh: `数据目录 ${dir} 不可写(${code || '未知错误'})。请让运行 whoowns 的用户拥有它(chown),或把 WHOOWNS_DATA_DIR 设为一个可写的目录。`,
      en: `The data directory ${dir} is not writable (${code || 'unknown error'}). Give it to the user running whoowns (chown), or set WHOOWNS_DATA_DIR to a writable directory.`,
    },
    cause,
  );
}

export function schemaVersion(db: SqliteHandle): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: SqliteHandle): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) throw tooNew(current);
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(migrationText(MIGRATIONS[v]!, 'sqlite'));
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** A database written by a newer whoowns (either engine): refused, never downgraded. */
export function tooNew(current: number): WhoownsError {
  return new WhoownsError('CONFIG_INVALID', {
    zh: `数据库版本(${current})比本程序(${MIGRATIONS.length})新:请升级 whoowns,或换一个数据目录(或 WHOOWNS_DATABASE_URL)。`,
    en: `The database schema (${current}) is newer than this whoowns (${MIGRATIONS.length}): upgrade whoowns or use another data directory (or WHOOWNS_DATABASE_URL).`,
  });
}
