/** A value bound to a `?` placeholder. Booleans are stored as 0/1 by the callers (INTEGER on both backends). */
export type Param = string | number | null;

/**
 * The state database, whichever engine holds it: SQLite (one file, the default) or PostgreSQL
 * (WHOOWNS_DATABASE_URL, shared by replicas). SQL is written once with `?` placeholders in the
 * dialect both accept (ON CONFLICT, RETURNING, a `rowid` column on the tables ordered by it).
 */
export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  /** INSERT/UPDATE/DELETE; resolves to the number of rows changed. */
  run(sql: string, ...params: Param[]): Promise<number>;
  get<T>(sql: string, ...params: Param[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: Param[]): Promise<T[]>;
  /** fn's statements (on the handle it is given) commit together or not at all. */
  withTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * On a transaction's handle: an exclusive lock on `key` until the transaction ends, so writers
   * of the same thing take turns (PostgreSQL: an advisory lock; SQLite: its one writer already does).
   */
  lock(key: string): Promise<void>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
