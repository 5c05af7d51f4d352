import pg from 'pg';
import { WhoownsError, isWhoownsError } from '../core/errors.js';
import { tooNew } from './db.js';
import type { Db, Param } from './sql.js';
import { MIGRATIONS, migrationText } from './migrations.js';

// The PostgreSQL engine behind the Db interface (WHOOWNS_DATABASE_URL): one pool shared by the
// process, a client of its own for each transaction. The schema version lives in a one-row
// schema_version table (SQLite keeps it in user_version); replicas starting together migrate one
// at a time under an advisory lock, each migration in its own transaction.

export interface PostgresOptions {
  url: string;
  /** A schema to work in instead of public (tests: one fresh schema per test file). */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
  /** Errors of idle pooled connections (the server restarted): the next query reports its own. */
  onIdleError?: (e: Error) => void;
}

/** Any fixed number: the key of the advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK = 0x77686f6f; // "whoo"
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(o: PostgresOptions): Promise<Db> {
  if (o.schema !== undefined && !SCHEMA_NAME.test(o.schema)) throw new Error(`invalid schema name ${o.schema}`);
  const pool = new pg.Pool({
    connectionString: o.url,
    max: o.max ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'whoowns',
    ...(o.schema ? { options: `-c search_path=${o.schema}` } : {}),
  });
  pool.on('error', (e) => o.onIdleError?.(e));
  const db = new PostgresDb(pool);
  try {
    await migrate(db);
    return db;
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw isWhoownsError(e) ? e : unavailable(o.url, e);
  }
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  run = (sql: string, ...params: Param[]) => runOn(this.pool, sql, params);
  get = <T>(sql: string, ...params: Param[]) => getOn<T>(this.pool, sql, params);
  all = <T>(sql: string, ...params: Param[]) => allOn<T>(this.pool, sql, params);
  lock = async (key: string) => {
    throw new Error(`lock(${key}) outside a transaction holds nothing: call it on withTransaction's handle`);
  };
  schemaVersion = () => versionOn(this.pool);

  async withTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const out = await fn(txHandle(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function txHandle(client: pg.PoolClient): Db {
  const tx: Db = {
    dialect: 'postgres',
    run: (sql, ...p) => runOn(client, sql, p),
    get: (sql, ...p) => getOn(client, sql, p),
    all: (sql, ...p) => allOn(client, sql, p),
    withTransaction: (fn) => fn(tx),
    lock: async (key) => void (await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key])),
    schemaVersion: () => versionOn(client),
    close: async () => undefined,
  };
  return tx;
}

// Statements are written with SQLite's `?`; PostgreSQL numbers its placeholders. None of our SQL
// has a `?` inside a string literal, so a plain replacement is exact.
const translated = new Map<string, string>();
function numbered(sql: string): string {
  let out = translated.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    translated.set(sql, out);
  }
  return out;
}

async function runOn(q: Queryable, sql: string, params: Param[]): Promise<number> {
  return (await q.query(numbered(sql), params)).rowCount ?? 0;
}

async function getOn<T>(q: Queryable, sql: string, params: Param[]): Promise<T | undefined> {
  return (await q.query(numbered(sql), params)).rows[0] as T | undefined;
}

async function allOn<T>(q: Queryable, sql: string, params: Param[]): Promise<T[]> {
  return (await q.query(numbered(sql), params)).rows as T[];
}

async function versionOn(q: Queryable): Promise<number> {
  const r = await q.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
  return r.rows[0]?.version ?? 0;
}

async function migrate(db: PostgresDb): Promise<void> {
  for (;;) {
    const more = await db.withTransaction(async (tx) => {
      await tx.get('SELECT pg_advisory_xact_lock(?)', MIGRATION_LOCK);
      await tx.run('CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
      await tx.run('INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
      const v = await tx.schemaVersion();
      if (v > MIGRATIONS.length) throw tooNew(v);
      if (v === MIGRATIONS.length) return false;
      // Several statements in one text: sent without parameters (the simple protocol) they all run.
      await tx.run(migrationText(MIGRATIONS[v]!, 'postgres'));
      await tx.run('UPDATE schema_version SET version = ? WHERE id = 1', v + 1);
      return true;
    });
    if (!more) return;
  }
}

/** Where the database is, for messages: never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'WHOOWNS_DATABASE_URL';
  }
}

function unavailable(url: string, cause: unknown): WhoownsError {
  const code = (cause as { code?: unknown } | null)?.code;
  const why = typeof code === 'string' ? code : cause instanceof Error ? cause.message.replace(/postgres(?:ql)?:\/\/\S+/g, '…') : 'unknown error';
  const where = describeUrl(url);
  return new WhoownsError(
    'DB_UNAVAILABLE',
    {
      zh: `无法连接或初始化 PostgreSQL 数据库 ${where}(${why})。请检查 WHOOWNS_DATABASE_URL(主机、端口、用户、密码、数据库名)、数据库是否在运行、该用户能否在其中建表;不设置 WHOOWNS_DATABASE_URL 则使用本地 SQLite 文件。`,
      en: `Cannot connect to or set up the PostgreSQL database ${where} (${why}). Check WHOOWNS_DATABASE_URL (host, port, user, password, database name), that the server is running, and that the user may create tables in it; without WHOOWNS_DATABASE_URL the local SQLite file is used.`,
    },
    cause,
  );
}
