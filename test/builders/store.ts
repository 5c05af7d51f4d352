// The state database on both engines, for tests that must hold on either: a fresh in-memory
// SQLite, or a fresh schema on the PostgreSQL named by WHOOWNS_TEST_DATABASE_URL (.ci/run starts
// one: scripts/pg-test-server.sh). Without that URL the PostgreSQL half is skipped with a printed
// reason, except under CI=true, where it fails: CI must never skip it silently.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openDb, type Db } from '../../src/store/db.js';
import { openPostgres } from '../../src/store/postgres.js';

export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty database. */
  fresh(): Promise<Db>;
  /** A fresh database that several handles can open at once (replicas): returns the opener. */
  shared(): Promise<() => Promise<Db>>;
}

const URL_VAR = 'WHOOWNS_TEST_DATABASE_URL';

/** Why the PostgreSQL half cannot run here, or undefined when it can. */
export function postgresUnavailable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[URL_VAR] ? undefined : `${URL_VAR} is not set (bash scripts/pg-test-server.sh starts a throw-away PostgreSQL and prints it)`;
}

function sqliteBackend(): StoreBackend {
  const dirs: string[] = [];
  afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  return {
    name: 'sqlite',
    fresh: async () => openDb(':memory:'),
    shared: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'whoowns-store-'));
      dirs.push(dir);
      return async () => openDb(join(dir, 'whoowns.db'));
    },
  };
}

let seq = 0;

function postgresBackend(url: string): StoreBackend {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  const handles: Db[] = [];
  afterAll(async () => {
    await Promise.allSettled(handles.splice(0).map((h) => h.close()));
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });
  const newSchema = async () => {
    const name = `t_${process.pid}_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.query(`CREATE SCHEMA ${name}`);
    schemas.push(name);
    return name;
  };
  const open = async (schema: string) => {
    const db = await openPostgres({ url, schema, max: 4 });
    handles.push(db);
    return db;
  };
  return {
    name: 'postgres',
    fresh: async () => open(await newSchema()),
    shared: async () => {
      const schema = await newSchema();
      return () => open(schema);
    },
  };
}

/**
 * `body` once per engine, inside a describe named after it. The backend is made when the
 * describe runs, so each test file gets its own (and its own schemas, dropped afterwards).
 */
export function describeStores(title: string, body: (b: StoreBackend) => void): void {
  describe.each(['sqlite', 'postgres'] as const)(`${title} (%s)`, (name) => {
    if (name === 'sqlite') return body(sqliteBackend());
    const why = postgresUnavailable();
    if (!why) return body(postgresBackend(process.env[URL_VAR]!));
    if (process.env.CI === 'true') {
      it('runs against PostgreSQL', () => {
        throw new Error(`CI=true but ${why}: .ci/run must start PostgreSQL for the store tests`);
      });
      return;
    }
    console.warn(`[store tests] PostgreSQL half skipped: ${why}`);
    it.skip(`PostgreSQL: ${why}`, () => undefined);
  });
}

/** A describe that needs PostgreSQL itself (no SQLite half): the same skip-or-fail rule. */
export function describePostgres(title: string, body: (url: string) => void): void {
  describe(`${title} (postgres)`, () => {
    const why = postgresUnavailable();
    if (!why) return body(process.env[URL_VAR]!);
    if (process.env.CI === 'true') {
      it('runs against PostgreSQL', () => {
        throw new Error(`CI=true but ${why}`);
      });
      return;
    }
    console.warn(`[postgres tests] skipped: ${why}`);
    it.skip(`PostgreSQL: ${why}`, () => undefined);
  });
}
