import { closeSync, chmodSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WhoownsError } from '../../src/core/errors.js';
import { openDb, openSqlite } from '../../src/store/db.js';
import { MuteStore } from '../../src/store/mutes.js';

// The state database with real files: damaged files are refused at open with what to do, and the
// files (finding history, digest text) are private to the user running the bot.

const dirs: string[] = [];
const tmpDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'whoowns-dbsafe-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real database with enough rows to span many pages, closed cleanly. */
async function realDb(): Promise<string> {
  const path = join(tmpDir(), 'whoowns.db');
  const db = openDb(path);
  const mutes = new MuteStore(db);
  for (let i = 0; i < 2000; i++) {
    await mutes.put({ fingerprint: i.toString(16).padStart(16, '0'), reason: 'r'.repeat(80), mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2030-07-01T00:00:00Z' });
  }
  await db.close();
  return path;
}

function overwrite(path: string, offset: number, bytes: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(bytes, 0x5a), 0, bytes, offset);
  closeSync(fd);
}

function refusal(path: string): WhoownsError {
  try {
    openSqlite(path).close();
  } catch (e) {
    expect(e).toBeInstanceOf(WhoownsError);
    return e as WhoownsError;
  }
  throw new Error(`openDb accepted ${path}`);
}

function expectDamaged(err: WhoownsError, path: string): void {
  expect(err.code).toBe('DB_DAMAGED');
  for (const text of [err.messages.en, err.messages.zh]) {
    expect(text).toContain(path);
    expect(text).toContain(`${path}.broken`); // how to move it aside
  }
  expect(err.messages.en).toMatch(/restore .*backup/);
}

describe('openDb refuses a damaged database', () => {
  it('garbage over a few pages in the middle', async () => {
    const path = await realDb();
    overwrite(path, 4096 * 5, 4096 * 3);
    expectDamaged(refusal(path), path);
  });

  it('a truncated file', async () => {
    const path = await realDb();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expectDamaged(refusal(path), path);
  });

  it('a garbage header', async () => {
    const path = await realDb();
    overwrite(path, 0, 100);
    expectDamaged(refusal(path), path);
  });

  it('still opens a healthy one, keeping its rows', async () => {
    const path = await realDb();
    const db = openDb(path);
    expect((await new MuteStore(db).active(new Date('2026-01-01T00:00:00Z'))).length).toBe(2000);
    await db.close();
  });
});

describe('openDb names WHOOWNS_DATA_DIR for directory problems', () => {
  it('the data directory is a file', async () => {
    const file = join(tmpDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const err = refusal(join(file, 'whoowns.db'));
    expect(err.code).toBe('DATA_DIR');
    for (const text of [err.messages.en, err.messages.zh]) {
      expect(text).toContain(file);
      expect(text).toContain('WHOOWNS_DATA_DIR');
    }
    expect(err.messages.en).toMatch(/is a file/);
  });

  it('a parent of the data directory is a file', async () => {
    const file = join(tmpDir(), 'file');
    writeFileSync(file, 'x');
    const err = refusal(join(file, 'deeper', 'whoowns.db'));
    expect(err.code).toBe('DATA_DIR');
    expect(err.messages.en).toContain('WHOOWNS_DATA_DIR');
  });
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe('file modes', () => {
  it('creates the data directory 0700 and the database, -wal and -shm 0600', async () => {
    const dir = join(tmpDir(), 'data', 'nested');
    const path = join(dir, 'whoowns.db');
    const db = openDb(path);
    await new MuteStore(db).put({ fingerprint: '0123456789abcdef', reason: 'r', mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2030-07-01T00:00:00Z' });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, '..'))).toBe(0o700);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    await db.close();
  });

  it('tightens an existing world-readable database and its -wal/-shm to 0600', async () => {
    const path = await realDb();
    // Leave -wal and -shm behind the way a running bot has them, then loosen everything.
    const live = openDb(path);
    await new MuteStore(live).put({ fingerprint: 'fedcba9876543210', reason: 'r', mutedBy: 'slack:U1', createdAt: '2025-06-01T00:00:00Z', until: '2030-07-01T00:00:00Z' });
    for (const f of [path, `${path}-wal`, `${path}-shm`]) chmodSync(f, 0o644);
    const db = openDb(path);
    for (const f of [path, `${path}-wal`, `${path}-shm`]) expect([f, mode(f)]).toEqual([f, 0o600]);
    await db.close();
    await live.close();
  });

  it('leaves an existing data directory it did not create as it is (it may be shared, e.g. /tmp)', async () => {
    const dir = tmpDir();
    mkdirSync(join(dir, 'shared'), { mode: 0o755 });
    chmodSync(join(dir, 'shared'), 0o755);
    const db = openDb(join(dir, 'shared', 'whoowns.db'));
    expect(mode(join(dir, 'shared'))).toBe(0o755);
    expect(mode(join(dir, 'shared', 'whoowns.db'))).toBe(0o600);
    await db.close();
  });
});
