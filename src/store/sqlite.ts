import type Database from 'better-sqlite3';
import type { Db, Param } from './sql.js';

// The SQLite engine behind the async Db interface. better-sqlite3 is synchronous, so every call
// finishes before its promise resolves; the one thing to guard is a transaction whose function
// awaits: one connection is shared, so while it is open every other caller waits for it to end
// (otherwise their statements would run inside it, or roll back with it).

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** Resolves when the open transaction ends; undefined when none is open. */
  private busy: Promise<void> | undefined;
  private readonly tx: Db;

  constructor(private readonly raw: Database.Database) {
    // The handle given to a transaction's function: it runs inside the transaction, never waits for it.
    this.tx = {
      dialect: 'sqlite',
      run: async (sql, ...p) => this.runNow(sql, p),
      get: async (sql, ...p) => this.getNow(sql, p),
      all: async (sql, ...p) => this.allNow(sql, p),
      withTransaction: (fn) => fn(this.tx),
      lock: async () => undefined,
      schemaVersion: async () => this.versionNow(),
      close: async () => undefined,
    };
  }

  async run(sql: string, ...params: Param[]): Promise<number> {
    await this.idle();
    return this.runNow(sql, params);
  }

  async get<T>(sql: string, ...params: Param[]): Promise<T | undefined> {
    await this.idle();
    return this.getNow<T>(sql, params);
  }

  async all<T>(sql: string, ...params: Param[]): Promise<T[]> {
    await this.idle();
    return this.allNow<T>(sql, params);
  }

  async withTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    await this.idle();
    let done!: () => void;
    this.busy = new Promise((r) => (done = r));
    try {
      this.raw.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this.tx);
        this.raw.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.busy = undefined;
      done();
    }
  }

  /** BEGIN IMMEDIATE already makes a transaction the only writer. */
  async lock(): Promise<void> {}

  async schemaVersion(): Promise<number> {
    await this.idle();
    return this.versionNow();
  }

  async close(): Promise<void> {
    await this.idle();
    this.raw.close();
  }

  private async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private prepare(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.raw.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private runNow(sql: string, params: Param[]): number {
    return this.prepare(sql).run(...params).changes;
  }

  private getNow<T>(sql: string, params: Param[]): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined;
  }

  private allNow<T>(sql: string, params: Param[]): T[] {
    return this.prepare(sql).all(...params) as T[];
  }

  private versionNow(): number {
    return this.raw.pragma('user_version', { simple: true }) as number;
  }
}
