import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type CallEvent, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { dueDigest, type DueDigest } from './helpers.js';

// The measurement, bounded: the real bot (node dist/src/main.js) posts a digest to six
// Slack channels of a fake Slack that answers every call 100 ms after recording it, and is
// killed with SIGKILL at many points of each delivery — while Slack holds the answer to a post,
// right after the answer was written, during the chart upload, during the resume's look-up —
// then restarted on the same data directory until the run finishes. Counted in the fake Slack:
// every channel must hold exactly one digest message (0 lost, 0 duplicated).
//
// Each round is a fresh data directory with one due run (see kill9.test.ts for how the run is
// made due at start); kill points are a queue in delivery order, each one waiting for its event.
// A point whose event never comes (the resume skipped that step) is dropped, not counted.
// Cost: a kill costs a bot start (~1 s of CPU idle, ~2.5 s on a loaded 2-core box), so ~24 kills
// take 30–100 s. Charts are counted too (this fake shares a file at once; real Slack may share
// it a moment later, so there a chart may still repeat — see deliver.ts).

const MAIN = resolve('dist/src/main.js');
const built = existsSync(MAIN);
if (!built) console.warn(`test/crash skipped: ${MAIN} is missing — run \`npx tsc -p tsconfig.build.json\` first.`);

const SCHEDULE = 'once';
const CHANNELS = ['CONCE001', 'CONCE002', 'CONCE003', 'CONCE004', 'CONCE005', 'CONCE006'];
const ANSWER_DELAY_MS = 100;

interface KillPoint {
  method: 'chat.postMessage' | 'files.getUploadURLExternal' | 'files.completeUploadExternal' | 'conversations.history';
  phase: CallEvent['phase'];
  /** ms after the event */
  after: number;
  label: string;
}

const POINTS: KillPoint[] = [
  { method: 'chat.postMessage', phase: 'recorded', after: 0, label: 'post in Slack, answer held' },
  { method: 'chat.postMessage', phase: 'recorded', after: ANSWER_DELAY_MS / 2, label: 'post in Slack, answer half way' },
  { method: 'chat.postMessage', phase: 'answered', after: 0, label: 'answer just written' },
  { method: 'chat.postMessage', phase: 'answered', after: 3, label: 'answer 3 ms ago' },
  { method: 'chat.postMessage', phase: 'answered', after: 15, label: 'answer 15 ms ago' },
  { method: 'files.getUploadURLExternal', phase: 'recorded', after: 0, label: 'chart upload starting' },
  { method: 'files.completeUploadExternal', phase: 'recorded', after: 0, label: 'chart upload completing' },
];
/** A kill during the look-up itself, queued right after a kill that leaves the post unrecorded. */
const LOOKUP: KillPoint = { method: 'conversations.history', phase: 'recorded', after: 0, label: 'resume looking up' };
const ROUNDS = 4;

interface Tally {
  tried: number;
  lost: number;
  duplicated: number;
  chartsMissing: number;
  chartsDuplicated: number;
  byPoint: Record<string, number>;
}
const tally: Tally = { tried: 0, lost: 0, duplicated: 0, chartsMissing: 0, chartsDuplicated: 0, byPoint: {} };
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  console.log(`digest kill test: kills tried ${tally.tried} / lost ${tally.lost} / duplicated ${tally.duplicated} (charts: missing ${tally.chartsMissing}, duplicated ${tally.chartsDuplicated}) ${JSON.stringify(tally.byPoint)}`);
});

function setup(fake: FakeSlack): DueDigest {
  return dueDigest({ schedule: SCHEDULE, channels: CHANNELS, slackApiUrl: fake.apiUrl, tag: 'once', logLevel: 'warn' });
}

function runStatus(path: string, id: string): string | undefined {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return (db.prepare('SELECT status FROM digest_runs WHERE id = ?').get(id) as { status: string } | undefined)?.status;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The channel an event is about (uploads name it channel_id; getUploadURLExternal names none, so the last post's). */
function channelOf(e: CallEvent, lastPost: string | undefined): string | undefined {
  return (e.body.channel as string | undefined) ?? (e.body.channel_id as string | undefined) ?? lastPost;
}

/**
 * One round: kill the bot at each queued point (in delivery order), restart it each time, and let
 * the last start finish the run.
 */
async function round(fake: FakeSlack, queue: { channel: string; point: KillPoint }[]): Promise<void> {
  const s = setup(fake);
  let child: ChildProcess | undefined;
  let log = '';
  let lastPost: string | undefined;
  let killing = false;
  fake.onCall = (e) => {
    if (e.method === 'chat.postMessage' && e.phase === 'recorded') lastPost = String(e.body.channel);
    const ch = channelOf(e, lastPost);
    // Points for channels already passed will never come: drop them.
    while (queue.length && ch && CHANNELS.indexOf(queue[0]!.channel) < CHANNELS.indexOf(ch)) queue.shift();
    const head = queue[0];
    if (killing || !head || head.channel !== ch || head.point.method !== e.method || head.point.phase !== e.phase) return;
    queue.shift();
    killing = true;
    const victim = child!;
    const kill = () => {
      victim.kill('SIGKILL');
      tally.tried++;
      tally.byPoint[head.point.label] = (tally.byPoint[head.point.label] ?? 0) + 1;
    };
    if (head.point.after === 0) kill();
    else setTimeout(kill, head.point.after);
  };
  try {
    for (let lives = 0; lives < 20; lives++) {
      killing = false;
      child = spawn(process.execPath, [MAIN], { env: s.env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      child.stdout!.on('data', (c: Buffer) => (log += c.toString('utf8')));
      child.stderr!.on('data', (c: Buffer) => (log += c.toString('utf8')));
      const exited = new Promise<void>((r) => child!.once('exit', () => r()));
      const finished = (async () => {
        for (;;) {
          if (['sent', 'partial', 'failed'].includes((existsSync(s.dbPath) && runStatus(s.dbPath, s.runId)) || '')) return true;
          if (child!.exitCode !== null || child!.signalCode !== null) return false;
          await sleep(50);
        }
      })();
      const done = await Promise.race([finished, exited.then(() => false), sleep(60_000).then(() => 'timeout' as const)]);
      if (done === 'timeout') throw new Error(`round stuck\n--- bot log ---\n${log.slice(-3000)}`);
      if (done) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(3000)]);
        child.kill('SIGKILL');
        return;
      }
      await exited;
      children.delete(child);
    }
    throw new Error(`run never finished\n${log.slice(-3000)}`);
  } finally {
    fake.onCall = undefined;
    rmSync(s.dir, { recursive: true, force: true });
  }
}

describe.skipIf(!built)('digest exactly once under kill -9 (real bot, slow fake Slack, six channels)', () => {
  it(`${ROUNDS} rounds of kills after each post: 0 lost, 0 duplicated`, async () => {
    // Rounds run side by side: a bot start costs ~2 s of CPU, and a kill costs a start.
    await Promise.all(Array.from({ length: ROUNDS }, (_, r) => oneRound(r)));
    expect(tally.tried).toBeGreaterThanOrEqual(20);
    expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect({ missing: tally.chartsMissing, duplicated: tally.chartsDuplicated }).toEqual({ missing: 0, duplicated: 0 });
  }, 300_000);
});

/** A round with its own fake Slack; counts what each channel got into the tally. */
async function oneRound(r: number): Promise<void> {
  const fake = await startFakeSlack();
  fake.answerDelayMs = ANSWER_DELAY_MS;
  try {
    // Each channel gets its own point, rotated per round so every point lands on several channels.
    const queue = CHANNELS.flatMap((channel, i) => {
      const point = POINTS[(i + r) % POINTS.length]!;
      const unrecorded = point.method === 'chat.postMessage' && point.phase === 'recorded';
      return unrecorded && i % 2 === 0 ? [{ channel, point }, { channel, point: LOOKUP }] : [{ channel, point }];
    });
    await round(fake, queue);
    for (const ch of CHANNELS) {
      const n = fake.messagesIn(ch).filter((m) => !m.files).length;
      if (n === 0) tally.lost++;
      if (n > 1) tally.duplicated += n - 1;
      const charts = fake.messagesIn(ch).filter((m) => m.files).length;
      if (charts === 0) tally.chartsMissing++;
      if (charts > 1) tally.chartsDuplicated += charts - 1;
    }
  } finally {
    await fake.close();
  }
}
