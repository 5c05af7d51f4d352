import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { dueDigest, type DueDigest } from './helpers.js';

// kill -9 of the real bot (node dist/src/main.js) in the middle of a digest run, then a restart
// on the same data directory. Proves: the SQLite file (WAL) passes integrity_check after the
// kill, and the restart finishes the interrupted run — no destination loses the digest or gets a
// second copy, even when the bot died after Slack posted and before it recorded the post (the
// resume finds the post by the run id in its metadata; digest-exactly-once.test.ts measures this
// at many more points).
//
// How the run is made due at once: the schedule fires daily at a minute two minutes ago, and the
// test registers the schedule in the database an hour earlier (digest_schedules.first_seen), so
// on start the scheduler sees a slot missed while "down" within graceMinutes and runs it once.
// A daily cron (not `* * * * *`) keeps a minute boundary during the test from starting a second,
// legitimate run that would muddle the per-channel counts.
//
// The crashed process's lease (2-minute TTL) outlives it; the restarted bot takes it over at once
// because its holder (host:pid) names a process on this host that no longer exists.

const MAIN = resolve('dist/src/main.js');
const built = existsSync(MAIN);
if (!built) console.warn(`test/crash skipped: ${MAIN} is missing — run \`npm run build\` first.`);

const SCHEDULE = 'crash';
const CH1 = 'CCRASH001';
const CH2 = 'CCRASH002';
const WAIT_MS = 12_000;

// ---------- a fake Slack Web API that can hold one chat.postMessage ----------

interface Post {
  channel: string;
  at: number;
  ts: string;
  metadata?: string;
}

/**
 * 'before-body': the request is held as soon as its headers arrive, body unread and nothing
 * recorded — the bot dies before Slack processed the post.
 * 'after-body': the post is read and recorded (Slack has posted it) and only the answer is held —
 * the bot dies between Slack's post and our 'sent' record.
 */
type HoldMode = 'before-body' | 'after-body';

interface FakeSlack {
  apiUrl: string;
  posts: Post[];
  /** Chart uploads completed. */
  readonly charts: number;
  /** Hold the n-th (1-based) chat.postMessage request in this mode; resolves `held` when it arrives. */
  holdPost(n: number, mode: HoldMode): void;
  held: Promise<void>;
  close(): Promise<void>;
}

async function startFakeSlack(): Promise<FakeSlack> {
  const posts: Post[] = [];
  let seen = 0;
  let hold: { n: number; mode: HoldMode } | undefined;
  let arrived!: () => void;
  const fake = {} as FakeSlack;
  fake.held = new Promise<void>((r) => (arrived = r));
  let ts = 1_700_000_000;
  let files = 0;
  let charts = 0;
  const server: Server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.split('/')[2] ?? '';
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (name === 'chat.postMessage') {
      seen++;
      if (hold && hold.n === seen && hold.mode === 'before-body') {
        arrived();
        return; // never read, never answered: the socket dies with the bot
      }
    }
    void readBody(req).then((raw) => {
      const body = parseBody(req, raw);
      if (name === 'chat.postMessage') {
        const post: Post = { channel: String(body.channel), at: Date.now(), ts: `${Math.floor(Date.now() / 1000)}.${String(ts++).slice(-6)}` };
        if (typeof body.metadata === 'string') post.metadata = body.metadata;
        posts.push(post);
        if (hold && hold.n === seen && hold.mode === 'after-body') {
          arrived();
          return;
        }
        return json(res, { ok: true, channel: body.channel, ts: post.ts });
      }
      // What a resumed run reads back: the channel's posts, newest first, with their metadata.
      if (name === 'conversations.history') {
        const mine = posts.filter((p) => p.channel === body.channel && Number(p.ts) >= Number(body.oldest ?? 0)).reverse();
        return json(res, { ok: true, has_more: false, messages: mine.map((p) => ({ ts: p.ts, ...(p.metadata ? { metadata: JSON.parse(p.metadata) as unknown } : {}) })) });
      }
      if (name === 'auth.test') return json(res, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'whoowns' });
      // The trend chart (files.uploadV2): an upload URL, the bytes, then completion.
      if (name === 'files.getUploadURLExternal') {
        const id = `F${++files}`;
        return json(res, { ok: true, file_id: id, upload_url: `${base}/upload/${id}` });
      }
      if (name === 'files.completeUploadExternal') {
        charts++;
        const list = typeof body.files === 'string' ? (JSON.parse(body.files) as { id: string }[]) : [];
        return json(res, { ok: true, files: list.map((f) => ({ id: f.id })) });
      }
      if (req.url?.startsWith('/upload/')) {
        res.writeHead(200).end('OK');
        return;
      }
      return json(res, { ok: true });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.apiUrl = `${base}/api/`;
  Object.defineProperty(fake, 'charts', { get: () => charts });
  fake.posts = posts;
  fake.holdPost = (n, mode) => {
    hold = { n, mode };
  };
  fake.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((r) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => r(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => r(''));
  });
}

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// ---------- the bot as a child process ----------

type Setup = DueDigest;

function setup(fake: FakeSlack, extraEnv: NodeJS.ProcessEnv): Setup {
  return dueDigest({ schedule: SCHEDULE, channels: [CH1, CH2], slackApiUrl: fake.apiUrl, tag: 'crash', logLevel: 'info', extraEnv });
}

interface Bot {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void> | void)[] = [];

function startBot(s: Setup): Bot {
  const child = spawn(process.execPath, [MAIN], { env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const log: string[] = [];
  child.stdout!.on('data', (c: Buffer) => log.push(c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString('utf8')));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  void exited.then(() => children.delete(child));
  return { child, log, exited };
}

async function kill9(bot: Bot): Promise<void> {
  bot.child.kill('SIGKILL');
  await bounded(bot.exited, 5_000, 'the killed bot to exit');
}

/** Graceful stop (SIGTERM), SIGKILL if it hangs. */
async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  bot.child.kill('SIGTERM');
  const done = await Promise.race([bot.exited.then(() => true), sleep(5_000).then(() => false)]);
  if (!done) await kill9(bot);
}

afterEach(async () => {
  for (const c of children) c.kill('SIGKILL');
  for (const f of cleanups.splice(0).reverse()) await f();
});

// ---------- bounded waits and database reads ----------

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function bounded<T>(p: Promise<T>, ms: number, what: string, bot?: Bot): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${tail(bot)}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function tail(bot?: Bot): string {
  return bot ? `\n--- bot log ---\n${bot.log.join('').slice(-4000)}` : '';
}

async function until<T>(pick: () => T | undefined | false, ms: number, what: string, bot?: Bot): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = pick();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${tail(bot)}`);
    await sleep(50);
  }
}

function withDb<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return fn(db);
  } finally {
    db.close();
  }
}

function integrity(path: string): string {
  return withDb(path, (db) => db.pragma('integrity_check', { simple: true }) as string);
}

interface RunRow {
  status: string;
}
interface DeliveryRow {
  destination: string;
  status: string;
  attempts: number;
}

function runRow(path: string, id: string): RunRow | undefined {
  return withDb(path, (db) => db.prepare('SELECT status FROM digest_runs WHERE id = ?').get(id) as RunRow | undefined);
}

function deliveryRows(path: string, id: string): DeliveryRow[] {
  return withDb(path, (db) => db.prepare('SELECT destination, status, attempts FROM digest_deliveries WHERE run_id = ? ORDER BY rowid').all(id) as DeliveryRow[]);
}

function runCount(path: string): number {
  return withDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM digest_runs').get() as { n: number }).n);
}

function scanCount(path: string): number {
  return withDb(path, (db) => (db.prepare('SELECT count(*) AS n FROM scans').get() as { n: number }).n);
}

/** The killed bot's lease is still live in the file: the restart must take it over, not wait. */
function expectLiveLease(path: string): void {
  const row = withDb(path, (db) => db.prepare('SELECT expires_at FROM digest_leases WHERE schedule = ?').get(SCHEDULE) as { expires_at: string } | undefined);
  if (row) expect(Date.parse(row.expires_at)).toBeGreaterThan(Date.now());
}

const postsTo = (fake: FakeSlack, ch: string) => fake.posts.filter((p) => p.channel === ch).length;

/** Restart on the same data directory and wait until the run is finished; then stop gracefully. */
async function restartAndFinish(s: Setup): Promise<Bot> {
  const bot = startBot(s);
  await until(() => ['sent', 'partial', 'failed'].includes(runRow(s.dbPath, s.runId)?.status ?? ''), WAIT_MS, 'the resumed run to finish', bot);
  await stopBot(bot);
  return bot;
}

// ---------- the cases ----------

describe.skipIf(!built)('kill -9 of the bot during a digest run', () => {
  for (const mode of ['before-body', 'after-body'] as const) {
    it(`during delivery (killed ${mode === 'before-body' ? 'before Slack read the second post' : 'after Slack posted, before the answer'}): WAL intact, resumed, exactly once`, async () => {
      const fake = await startFakeSlack();
      cleanups.push(() => fake.close());
      const s = setup(fake, {});
      cleanups.push(() => rmSync(s.dir, { recursive: true, force: true }));
      fake.holdPost(2, mode);

      const first = startBot(s);
      await bounded(fake.held, WAIT_MS, 'the second chat.postMessage', first);
      await kill9(first);

      // After the kill: the file is sound and says exactly where the run stopped.
      expect(integrity(s.dbPath)).toBe('ok');
      expect(runRow(s.dbPath, s.runId)?.status).toBe('sending');
      expect(deliveryRows(s.dbPath, s.runId).map((d) => [d.destination, d.status])).toEqual([
        [`slack:${CH1}`, 'sent'],
        [`slack:${CH2}`, 'sending'],
      ]);
      expect(postsTo(fake, CH1)).toBe(1);
      expectLiveLease(s.dbPath);

      const second = await restartAndFinish(s);

      expect(integrity(s.dbPath)).toBe('ok');
      expect(runRow(s.dbPath, s.runId)?.status).toBe('sent');
      const rows = deliveryRows(s.dbPath, s.runId);
      expect(rows.map((d) => [d.destination, d.status])).toEqual([
        [`slack:${CH1}`, 'sent'],
        [`slack:${CH2}`, 'sent'],
      ]);
      // before-body: Slack never processed the held post; the look-up finds nothing and the resume posts.
      // after-body: Slack had posted it; the look-up finds it by run id and the resume does not post.
      expect(rows[1]!.attempts).toBe(mode === 'before-body' ? 2 : 1);
      expect(postsTo(fake, CH1)).toBe(1); // already sent: never posted again
      expect(postsTo(fake, CH2)).toBe(1);
      expect(fake.charts).toBe(2); // the trend chart reached each channel once
      expect(runCount(s.dbPath)).toBe(1); // the restart resumed this run; it did not start another
      expect(second.log.join('')).toContain('resuming a digest run interrupted by a restart');
    }, 30_000);
  }

  it('during the scan: WAL intact, the restart rebuilds and posts once per destination', async () => {
    const fake = await startFakeSlack();
    cleanups.push(() => fake.close());
    // The cloud is an emulator here, slow enough that the scan is surely in progress when killed.
    const emulator: RunningEmulator = await startEmulator({ scenario: loadScenario('demo'), faults: [{ kind: 'latency', ms: 400 }] });
    cleanups.push(() => emulator.stop());
    const url = `http://${emulator.endpoint}`;
    const s = setup(fake, {
      WHOOWNS_DEMO: 'false',
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
      ...endpointEnv(url),
    });
    cleanups.push(() => rmSync(s.dir, { recursive: true, force: true }));

    const first = startBot(s);
    // The run row exists (the digest has started) and the scan has reached the cloud.
    await until(() => runRow(s.dbPath, s.runId)?.status === 'building' && emulator.calls.length >= 3, WAIT_MS, 'the digest scan to be under way', first);
    await kill9(first);

    expect(integrity(s.dbPath)).toBe('ok');
    expect(runRow(s.dbPath, s.runId)?.status).toBe('building');
    expect(scanCount(s.dbPath)).toBe(0); // killed mid-scan: nothing recorded yet
    expect(deliveryRows(s.dbPath, s.runId)).toEqual([]);
    expect(fake.posts).toEqual([]);
    expectLiveLease(s.dbPath);

    emulator.setFaults([]);
    await restartAndFinish(s);

    expect(integrity(s.dbPath)).toBe('ok');
    expect(runRow(s.dbPath, s.runId)?.status).toBe('sent');
    expect(deliveryRows(s.dbPath, s.runId).map((d) => [d.destination, d.status, d.attempts])).toEqual([
      [`slack:${CH1}`, 'sent', 1],
      [`slack:${CH2}`, 'sent', 1],
    ]);
    expect(postsTo(fake, CH1)).toBe(1);
    expect(postsTo(fake, CH2)).toBe(1);
    expect(fake.charts).toBe(2);
    expect(runCount(s.dbPath)).toBe(1);
    expect(scanCount(s.dbPath)).toBe(1);
  }, 30_000);
});
