import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { packageRoot } from '../src/core/paths.js';
import { createLogger } from '../src/core/logger.js';

// Chat load benchmark (issue 7): the whole bot in this process — config from the environment,
// the real Bolt HTTP receiver, commands, Q&A and the demo posture — driven over loopback by
// signed slash commands at a fixed rate (open loop: requests leave on schedule whether or not
// earlier ones have been answered, so a slow bot cannot slow the load down and hide its latency).
// Latencies are measured from each request's scheduled time, not from when it actually left.
// Replies come back through response_url to a small fake Slack in this process.
// Usage: node --max-old-space-size=512 dist/bench/load.js [--rps 200] [--seconds 60] [--users N]
// (the heap cap is the deployed setting; see the memory note printed with the results)

const { values: args } = parseArgs({
  options: {
    rps: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    users: { type: 'string' },
  },
});
const RPS = positive('rps', args.rps);
const SECONDS = positive('seconds', args.seconds);
// The bot allows each user 30 commands a minute (burst 10). Spread the load over enough users
// that each sends at most one command every 4 s (15 a minute), half the allowance.
const USERS = args.users ? positive('users', args.users) : Math.max(1, Math.ceil(RPS * 4));
const TOTAL = Math.round(RPS * SECONDS);
const SECRET = 'bench-signing-secret';
const CHANNEL = 'C_LOAD';
const ACK_LIMIT_MS = 3000;
const DRAIN_MS = 20_000;
/** Memory is "flat" when the last window's average is within this much of the first's. */
const MEMORY_TOLERANCE = 1.1;
const MEMORY_WINDOW_S = Math.min(10, Math.floor(SECONDS / 2));

function positive(name: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} must be a positive number (got ${v})\n`);
    process.exit(2);
  }
  return n;
}

// ---------- what to send ----------

const root = packageRoot();
const questions = ['qa-blind.json', 'qa-extra.json'].flatMap((f) =>
  (JSON.parse(readFileSync(join(root, 'test', 'fixtures', f), 'utf8')) as { q: string }[]).map((x) => x.q),
);
const POSTURE_TEXTS = ['', 'sg', 'ram'];

interface Planned {
  command: '/whoowns' | '/posture';
  text: string;
  user: string;
}

/** Request i: three Q&A then two posture queries out of every five; users round-robin. */
function plan(i: number): Planned {
  const user = `U_LOAD${String(i % USERS).padStart(5, '0')}`;
  const slot = i % 5;
  if (slot < 3) return { command: '/whoowns', text: questions[(Math.floor(i / 5) * 3 + slot) % questions.length]!, user };
  return { command: '/posture', text: POSTURE_TEXTS[(Math.floor(i / 5) * 2 + slot - 3) % POSTURE_TEXTS.length]!, user };
}

// ---------- a small fake Slack: Web API stubs and response_url targets ----------

interface FakeSlack {
  base: string;
  onReply?: (id: number, ok: boolean, at: number) => void;
  close(): Promise<void>;
}

async function startFakeSlack(): Promise<FakeSlack> {
  const fake: FakeSlack = { base: '', close: async () => {} };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const [, area, name] = new URL(req.url ?? '/', 'http://localhost').pathname.split('/');
      if (area === 'respond' && name) {
        // A reply is good when it is posted to the channel: refusals, rate limits and errors are ephemeral.
        const body = safeJson(raw) as { response_type?: string; text?: string } | undefined;
        fake.onReply?.(Number(name), body?.response_type === 'in_channel' && Boolean(body.text), performance.now());
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(name === 'auth.test' ? '{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1"}' : '{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

// ---------- the bot ----------

const fake = await startFakeSlack();
const dataDir = mkdtempSync(join(tmpdir(), 'whoowns-load-'));
const users = Array.from({ length: USERS }, (_, i) => `U_LOAD${String(i).padStart(5, '0')}`);
const config = loadConfig({
  HOME: dataDir,
  SLACK_BOT_TOKEN: 'xoxb-bench-token',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${fake.base}/api/`,
  PORT: '0',
  WHOOWNS_HOST: '127.0.0.1',
  WHOOWNS_DEMO: 'true',
  WHOOWNS_DATA_DIR: dataDir,
  WHOOWNS_POSTURE_USERS: users.join(','),
  WHOOWNS_POSTURE_CHANNELS: CHANNEL,
});
// Warnings and errors are counted (a rate-limited or failed command logs one); the rest is dropped.
let warnings = 0;
const firstWarnings: string[] = [];
const log = createLogger({
  level: 'warn',
  destination: {
    write(line: string) {
      warnings++;
      if (firstWarnings.length < 3) firstWarnings.push(line.trim().slice(0, 300));
    },
  },
});
const app = await startApp(config, log);
const events = { host: '127.0.0.1', port: app.slack!.port()!, path: '/slack/events' };
// Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them: a
// request sent on a socket the server is closing at that moment would fail with ECONNRESET, a
// race of this client, not of the bot (a proxy in front of the bot must mind the same race).
const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });

interface Sent {
  /** The HTTP status, or the client error code (ECONNRESET …) when there was no response. */
  status: number | string;
  ackAt: number;
}

function send(id: number, p: Planned): Promise<Sent> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: CHANNEL,
    channel_name: 'load',
    user_id: p.user,
    user_name: p.user.toLowerCase(),
    command: p.command,
    text: p.text,
    api_app_id: 'A1',
    trigger_id: `${id}.1`,
    response_url: `${fake.base}/respond/${id}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return new Promise((resolve) => {
    const req = request(
      {
        ...events,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ackAt: performance.now() }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? 'error', ackAt: performance.now() }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: e.code ?? 'error', ackAt: performance.now() }));
    req.end(body);
  });
}

// ---------- warm-up: one /posture fills the posture cache (the demo scan) ----------

const WARM_ID = TOTAL; // ids 0..TOTAL-1 are the measured requests
const warmed = new Promise<boolean>((resolve) => {
  fake.onReply = (id, ok) => {
    if (id === WARM_ID) resolve(ok);
  };
});
const warmStart = performance.now();
const warmAck = await send(WARM_ID, { command: '/posture', text: '', user: users[0]! });
const warmOk = warmAck.status === 200 && (await warmed);
process.stdout.write(`warm-up /posture: ${warmOk ? 'ok' : 'FAILED'} in ${(performance.now() - warmStart).toFixed(0)} ms (demo scan, then cached)\n`);

// ---------- the run ----------

const scheduled = new Float64Array(TOTAL);
const ackMs = new Float64Array(TOTAL).fill(NaN);
const replyMs = new Float64Array(TOTAL).fill(NaN);
let badStatus = 0;
const badStatusKinds = new Map<number | string, number>();
let badReplies = 0;
let acked = 0;
let replied = 0;
fake.onReply = (id, ok, at) => {
  if (id >= TOTAL || !Number.isNaN(replyMs[id]!)) return;
  replyMs[id] = at - scheduled[id]!;
  if (!ok) badReplies++;
  replied++;
};

const memory: { rss: number; heap: number }[] = [];
const sampleMemory = () => {
  const m = process.memoryUsage();
  memory.push({ rss: m.rss, heap: m.heapUsed });
};
// Sampled heapUsed is a sawtooth (V8 lets garbage pile up between full collections), so the live
// heap is also measured after a forced full GC, once at the end of each window.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
let liveFirst = NaN;
let liveLast = NaN;

process.stdout.write(
  `load: ${RPS} requests/s for ${SECONDS} s (${TOTAL} requests), 3 of 5 /whoowns questions (${questions.length} from qa-blind + qa-extra), ` +
    `2 of 5 /posture ("", sg, ram), round-robin over ${USERS} users (one command per user every ${(USERS / RPS).toFixed(1)} s), all in WHOOWNS_POSTURE_USERS\n`,
);

const start = performance.now();
const cpuStart = process.cpuUsage();
let next = 0;
await new Promise<void>((resolve) => {
  const memTimer = setInterval(() => {
    sampleMemory();
    if (memory.length === MEMORY_WINDOW_S) liveFirst = liveHeap();
  }, 1000);
  const tick = () => {
    const due = Math.min(TOTAL, Math.floor(((performance.now() - start) * RPS) / 1000) + 1);
    for (; next < due; next++) {
      const id = next;
      scheduled[id] = start + (id * 1000) / RPS;
      void send(id, plan(id)).then((r) => {
        ackMs[id] = r.ackAt - scheduled[id]!;
        if (r.status !== 200) {
          badStatus++;
          badStatusKinds.set(r.status, (badStatusKinds.get(r.status) ?? 0) + 1);
        }
        acked++;
      });
    }
    if (next < TOTAL) setTimeout(tick, 1);
    else {
      // One last sample closes the final window at the end of the run.
      setTimeout(() => {
        clearInterval(memTimer);
        sampleMemory();
        liveLast = liveHeap();
        resolve();
      }, Math.max(0, start + SECONDS * 1000 - performance.now()));
    }
  };
  tick();
});
const sendEnd = performance.now();

// Drain: wait (bounded) for every ack and every reply.
const drainDeadline = performance.now() + DRAIN_MS;
while ((acked < TOTAL || replied < TOTAL) && performance.now() < drainDeadline) await sleep(50);
const cpu = process.cpuUsage(cpuStart);

await app.stop();
await fake.close();
agent.destroy();
rmSync(dataDir, { recursive: true, force: true });

// ---------- report ----------

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function quantiles(a: Float64Array): { p50: number; p99: number; max: number; n: number } {
  const v = Array.from(a).filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
  const at = (p: number) => v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: v[v.length - 1] ?? NaN, n: v.length };
}

const ack = quantiles(ackMs);
const reply = quantiles(replyMs);
const slowAcks = Array.from(ackMs).filter((x) => x > ACK_LIMIT_MS).length;
const missingAcks = TOTAL - acked;
const missingReplies = TOTAL - replied;
const errors = badStatus + missingAcks + badReplies + missingReplies;
const avg = (rows: { rss: number; heap: number }[], k: 'rss' | 'heap') => rows.reduce((s, r) => s + r[k], 0) / Math.max(1, rows.length);
const firstWin = memory.slice(0, MEMORY_WINDOW_S);
const lastWin = memory.slice(-MEMORY_WINDOW_S);
const mb = (b: number) => (b / 1048576).toFixed(1);
const rssRatio = avg(lastWin, 'rss') / avg(firstWin, 'rss');
const heapRatio = avg(lastWin, 'heap') / avg(firstWin, 'heap');
const liveRatio = liveLast / liveFirst;
const ms = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(1));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

const rows: string[][] = [
  ['measure', 'value', 'target', ''],
  ['requests sent / achieved rate', `${TOTAL} / ${((TOTAL * 1000) / (sendEnd - start)).toFixed(1)} per s`, `${RPS} per s`, ''],
  ['CPU per request (bot + load generator)', `${((cpu.user + cpu.system) / 1000 / TOTAL).toFixed(2)} ms`, '', ''],
  ['ack latency p50 / p99 / max', `${ms(ack.p50)} / ${ms(ack.p99)} / ${ms(ack.max)} ms`, '', ''],
  ['acks over 3 s', String(slowAcks), '0', verdict(slowAcks === 0 && missingAcks === 0)],
  ['reply at response_url p50 / p99 / max', `${ms(reply.p50)} / ${ms(reply.p99)} / ${ms(reply.max)} ms`, '', ''],
  [
    'errors (non-200, no ack, bad reply, no reply)',
    `${errors} (${badStatus}, ${missingAcks}, ${badReplies}, ${missingReplies})`,
    '0',
    verdict(errors === 0 && warmOk),
  ],
  ['warn/error log lines', String(warnings), '', ''],
  [`RSS first ${MEMORY_WINDOW_S} s → last ${MEMORY_WINDOW_S} s`, `${mb(avg(firstWin, 'rss'))} → ${mb(avg(lastWin, 'rss'))} MB (×${rssRatio.toFixed(3)})`, `×≤${MEMORY_TOLERANCE}`, verdict(rssRatio <= MEMORY_TOLERANCE)],
  [`heapUsed first ${MEMORY_WINDOW_S} s → last ${MEMORY_WINDOW_S} s`, `${mb(avg(firstWin, 'heap'))} → ${mb(avg(lastWin, 'heap'))} MB (×${heapRatio.toFixed(3)})`, `×≤${MEMORY_TOLERANCE}`, verdict(heapRatio <= MEMORY_TOLERANCE)],
  [`live heap after full GC, at ${MEMORY_WINDOW_S} s → at end`, `${mb(liveFirst)} → ${mb(liveLast)} MB (×${liveRatio.toFixed(3)})`, `×≤${MEMORY_TOLERANCE}`, verdict(liveRatio <= MEMORY_TOLERANCE)],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.slice(1).map(line).join('\n')}\n`);
// The bot, the load generator and the fake Slack share one event loop: on a busy machine the
// latencies say as much about the neighbours as about the bot, so say how busy it was.
process.stdout.write(`machine: ${cpus().length} CPUs, load average over the last minute ${loadavg()[0]!.toFixed(2)}\n`);
// With V8's default limit (a quarter of RAM, up to 4 GB) full collections wait until the old space
// is hundreds of MB, so the sampled RSS and heapUsed climb for a minute without any leak. The
// deployments cap the heap at 512 MB (Dockerfile, whoowns.service, k8s.yaml): measure that.
const heapLimitMb = getHeapStatistics().heap_size_limit / 1048576;
process.stdout.write(
  `V8 heap limit: ${heapLimitMb.toFixed(0)} MB${heapLimitMb > 1024 ? ' (the machine default; deployments run with NODE_OPTIONS=--max-old-space-size=512, pass it here to measure that)' : ''}\n`,
);
process.stdout.write(`memory samples (1 per s, MB rss/heap): ${memory.map((m) => `${mb(m.rss)}/${mb(m.heap)}`).join(' ')}\n`);
const perSecond = Array.from({ length: Math.ceil(SECONDS) }, (_, sec) => {
  const from = Math.floor(sec * RPS);
  const q = quantiles(ackMs.subarray(from, Math.min(TOTAL, Math.floor((sec + 1) * RPS))));
  return `${ms(q.p50)}/${ms(q.max)}`;
});
process.stdout.write(`ack latency per second of the run (ms p50/max): ${perSecond.join(' ')}\n`);
if (badStatusKinds.size) process.stdout.write(`non-200 answers: ${[...badStatusKinds].map(([k, n]) => `${k} ×${n}`).join(', ')}\n`);
if (firstWarnings.length) process.stdout.write(`first log lines:\n  ${firstWarnings.join('\n  ')}\n`);
const pass = slowAcks === 0 && missingAcks === 0 && errors === 0 && warmOk && rssRatio <= MEMORY_TOLERANCE && heapRatio <= MEMORY_TOLERANCE && liveRatio <= MEMORY_TOLERANCE;
process.stdout.write(`${pass ? 'PASS' : 'MISS'}: ${pass ? 'every target met' : 'some targets missed (above)'}\n`);
process.exitCode = pass ? 0 : 1;
