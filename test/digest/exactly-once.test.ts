import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { createLogger, silentLogger } from '../../src/core/logger.js';
import { createDestination, DIGEST_EVENT_TYPE, type Senders } from '../../src/digest/destinations.js';
import { runDigest } from '../../src/digest/runner.js';
import type { Db } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { describeStores } from '../builders/store.js';
import { buildSchedule, harness, instantClock } from './helpers.js';

// Exactly once on Slack: the post carries the run id in its metadata, a resumed run looks for it
// (conversations.history) before posting again, and the chart is a step of its own after the
// message, so neither a crash nor a chart retry repeats the text. Real adapter, fake Slack.

const SLOT = new Date('2025-06-16T01:00:00Z');
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});

class Crash extends Error {}

function slackSenders(retries = 0): Senders {
  const adapter = createSlackAdapter({
    botToken: 'xoxb-once-test',
    signingSecret: 'once-signing-secret',
    port: 0,
    apiUrl: slack.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    dispatch: async () => undefined,
    log: silentLogger(),
    retry: { retries, minTimeoutMs: 10, maxTimeoutMs: 10 },
  });
  return { slack: adapter, env: {} };
}

function wire(channel: string, o: { db?: Db; store?: DigestStore; holder?: string; logs?: string[] } = {}) {
  const s = buildSchedule({ destinations: [{ kind: 'slack', channel }] });
  const clock = instantClock(SLOT);
  const log = o.logs ? createLogger({ level: 'info', destination: { write: (l: string) => void o.logs!.push(l) } }) : silentLogger();
  const h = harness({
    clock,
    db: o.db,
    holder: o.holder,
    dests: s.destinations.map((d) => createDestination(d, slackSenders(), s.lang)),
    deps: { log, rasterize: async () => Buffer.from('png bytes') },
  });
  const deps = { ...h.deps, ...(o.store ? { store: o.store } : {}) };
  return { s, h, deps };
}

const posts = (ch: string) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === ch);
const charts = (ch: string) => slack.callsTo('files.completeUploadExternal').filter((c) => c.body.channel_id === ch);

/** Dies right after the platform accepted the post for `key`, before 'sent' is written. */
class CrashBeforeRecord extends DigestStore {
  override async markSent(runId: string, destination: string, now: Date, o?: { messageRef?: string; chart?: boolean }): Promise<void> {
    if (destination.startsWith('slack:')) throw new Crash('killed between the post and its record');
    await super.markSent(runId, destination, now, o);
  }
}

/** Dies right after 'sent' is written, before the chart is uploaded. */
class CrashBeforeChart extends DigestStore {
  override async markSent(runId: string, destination: string, now: Date, o?: { messageRef?: string; chart?: boolean }): Promise<void> {
    await super.markSent(runId, destination, now, o);
    throw new Crash('killed after the post was recorded, before the chart');
  }
}

/** Dies once right after Slack completed the chart upload, before 'done' is written. */
class CrashAfterChartUpload extends DigestStore {
  override async markChart(runId: string, destination: string, status: 'uploading' | 'done' | 'failed', now: Date, error?: string): Promise<void> {
    if (status === 'done') throw new Crash('killed after the chart upload, before its record');
    await super.markChart(runId, destination, status, now, error);
  }
}

// The runs' state on both engines: a restart on another replica reads what the killed one wrote.
describeStores('digest delivery to Slack, exactly once', (b) => {
  const C = (n: string) => `${n}-${b.name}`;
  it('the post carries the run id in its metadata; the chart follows as its own step', async () => {
    const { s, deps, h } = wire(C('C1'), { db: await b.fresh() });
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C1'))).toHaveLength(1);
    expect(posts(C('C1'))[0]!.body.metadata).toEqual({ event_type: DIGEST_EVENT_TYPE, event_payload: { run_id: out.runId } });
    expect(charts(C('C1'))).toHaveLength(1);
    const row = (await h.store.deliveries(out.runId))[0]!;
    expect(row).toMatchObject({ status: 'sent', chart: 'done', messageRef: slack.messagesIn(C('C1'))[0]!.ts });
  });

  it('killed between the post and its record: the restart finds the message by run id and does not post again', async () => {
    const db = await b.fresh();
    const first = wire(C('C2'), { db, store: new CrashBeforeRecord(db), holder: 'p1' });
    await expect(runDigest(first.s, { trigger: 'cron', scheduledFor: SLOT }, first.deps)).rejects.toThrow(Crash);
    expect(posts(C('C2'))).toHaveLength(1);
    expect((await first.h.store.deliveries(`morning@${SLOT.toISOString()}`))[0]!.status).toBe('sending');

    const logs: string[] = [];
    const second = wire(C('C2'), { db, holder: 'p2', logs });
    const out = await runDigest(second.s, { trigger: 'cron', scheduledFor: SLOT }, second.deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C2'))).toHaveLength(1);
    const lookups = slack.callsTo('conversations.history').filter((c) => c.body.channel === C('C2'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.body).toMatchObject({ include_all_metadata: 'true' });
    expect(Number(lookups[0]!.body.oldest)).toBeGreaterThan(0);
    expect(out.deliveries[0]).toMatchObject({ status: 'sent', attempts: 1, chart: 'done', messageRef: slack.messagesIn(C('C2'))[0]!.ts });
    expect(charts(C('C2'))).toHaveLength(1); // the chart had not been uploaded: now it is, once
    expect(logs.join('')).toContain('not posting it again');
  });

  it('killed after the post was recorded: the restart uploads the chart and never re-posts the text', async () => {
    const db = await b.fresh();
    const first = wire(C('C3'), { db, store: new CrashBeforeChart(db), holder: 'p1' });
    await expect(runDigest(first.s, { trigger: 'cron', scheduledFor: SLOT }, first.deps)).rejects.toThrow(Crash);
    expect((await first.h.store.deliveries(`morning@${SLOT.toISOString()}`))[0]).toMatchObject({ status: 'sent', chart: 'pending' });
    expect(charts(C('C3'))).toHaveLength(0);

    const second = wire(C('C3'), { db, holder: 'p2' });
    const out = await runDigest(second.s, { trigger: 'cron', scheduledFor: SLOT }, second.deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C3'))).toHaveLength(1);
    expect(charts(C('C3'))).toHaveLength(1);
    expect(slack.callsTo('conversations.history').filter((c) => c.body.channel === C('C3'))).toHaveLength(0);
    expect(out.deliveries[0]).toMatchObject({ status: 'sent', chart: 'done' });
  });

  it('killed after the chart was uploaded, before its record: the restart finds the file and does not upload it again', async () => {
    const db = await b.fresh();
    const first = wire(C('C8'), { db, store: new CrashAfterChartUpload(db), holder: 'p1' });
    await expect(runDigest(first.s, { trigger: 'cron', scheduledFor: SLOT }, first.deps)).rejects.toThrow(Crash);
    expect((await first.h.store.deliveries(`morning@${SLOT.toISOString()}`))[0]).toMatchObject({ status: 'sent', chart: 'uploading' });
    expect(charts(C('C8'))).toHaveLength(1);

    const second = wire(C('C8'), { db, holder: 'p2' });
    const out = await runDigest(second.s, { trigger: 'cron', scheduledFor: SLOT }, second.deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C8'))).toHaveLength(1);
    expect(charts(C('C8'))).toHaveLength(1);
    expect(out.deliveries[0]).toMatchObject({ status: 'sent', chart: 'done' });
  });

  it('a chart that cannot be uploaded leaves the message sent and posted once', async () => {
    const { s, deps } = wire(C('C4'), { db: await b.fresh() });
    slack.fail('files.getUploadURLExternal', 1, { kind: 'error', status: 500 });
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C4'))).toHaveLength(1);
    expect(out.deliveries[0]).toMatchObject({ status: 'sent', attempts: 1, chart: 'failed' });
    expect(out.deliveries[0]!.lastError).toContain('chart');
  });

  it('a look-up Slack refuses (missing scope): posts again, at-least-once, and the warning names the scope', async () => {
    const db = await b.fresh();
    const first = wire(C('C5'), { db, store: new CrashBeforeRecord(db), holder: 'p1' });
    await expect(runDigest(first.s, { trigger: 'cron', scheduledFor: SLOT }, first.deps)).rejects.toThrow(Crash);
    slack.fail('conversations.history', 1, { kind: 'slack-error', error: 'missing_scope', needed: 'channels:history' });

    const logs: string[] = [];
    const second = wire(C('C5'), { db, holder: 'p2', logs });
    const out = await runDigest(second.s, { trigger: 'cron', scheduledFor: SLOT }, second.deps);
    expect(out.status).toBe('sent');
    expect(posts(C('C5'))).toHaveLength(2);
    const warning = logs.find((l) => l.includes('posting again'))!;
    expect(warning).toContain('channels:history');
    expect(warning).toContain('at-least-once');
  });

  it('a failed post is retried only after looking for it (an answer lost in a 500 may hide a post)', async () => {
    const { s, deps } = wire(C('C6'), { db: await b.fresh() });
    slack.fail('chat.postMessage', 1, { kind: 'error', status: 500 });
    const before = slack.attempts('chat.postMessage');
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.status).toBe('sent');
    expect(slack.attempts('chat.postMessage') - before).toBe(2);
    expect(slack.callsTo('conversations.history').filter((c) => c.body.channel === C('C6'))).toHaveLength(1);
    expect(posts(C('C6'))).toHaveLength(1);
  });
});

describe('digest delivery to Slack: the adapter and the manifest', () => {
  it('the adapter never retries chat.postMessage by itself, whatever its retry policy', async () => {
    const senders = slackSenders(3);
    slack.fail('chat.postMessage', 1, { kind: 'error', status: 500 });
    const before = slack.attempts('chat.postMessage');
    await expect(senders.slack!.postMessage('C7', { summary: 'x', blocks: [{ type: 'text', text: 'x' }] })).rejects.toThrow(/C7/);
    expect(slack.attempts('chat.postMessage') - before).toBe(1);
  });

  it('the Slack app manifest grants the look-up its scopes (public and private channels)', () => {
    const manifest = readFileSync('deploy/slack-app-manifest.yaml', 'utf8');
    const scopes = [...manifest.matchAll(/^\s+- ([a-z_.:]+)\s/gm)].map((m) => m[1]);
    expect(scopes).toEqual(expect.arrayContaining(['channels:history', 'groups:history', 'chat:write', 'files:write']));
  });
});
