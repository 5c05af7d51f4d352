import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApi, sendCustomRobot } from '../../src/adapters/dingtalk/openapi.js';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { createDestination, type Senders } from '../../src/digest/destinations.js';
import { runDigest } from '../../src/digest/runner.js';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { startFakeApi, type FakeApi } from '../adapters/dingtalk/fake-api.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { buildSchedule, harness, instantClock } from './helpers.js';

// Delivery through the real adapters' proactive senders to local fake Slack and DingTalk servers.

const SLOT = new Date('2025-06-16T01:00:00Z');
let slack: FakeSlack;
let ding: FakeApi;

beforeAll(async () => {
  slack = await startFakeSlack();
  ding = await startFakeApi({ customRobotSecret: 'SECdigest-secret' });
});
afterAll(async () => {
  await slack.close();
  await ding.close();
});

function senders(): Senders {
  const adapter = createSlackAdapter({
    botToken: 'xoxb-digest-test',
    signingSecret: 'digest-signing-secret',
    port: 0,
    apiUrl: slack.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    dispatch: async () => undefined,
    log: silentLogger(),
    // Our own retry layer is under test: the WebClient's is turned off.
    retry: { retries: 0, minTimeoutMs: 10, maxTimeoutMs: 10 },
  });
  const openapi = createOpenApi({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret', apiBaseUrl: ding.url });
  return {
    slack: adapter,
    dingtalk: openapi,
    dingtalkWebhook: (msg) => sendCustomRobot(msg),
    env: { DT_SECRET: 'SECdigest-secret' },
  };
}

const schedule = (channel: string, cid: string) =>
  buildSchedule({
    destinations: [
      { kind: 'slack', channel },
      { kind: 'dingtalk', openConversationId: cid, robotCode: 'ding-robot' },
      { kind: 'dingtalk-webhook', url: `${ding.url}/robot/send?access_token=robot-token`, secretEnv: 'DT_SECRET' },
    ],
  });

function wire(s: ReturnType<typeof schedule>, o: { store?: DigestStore; db?: ReturnType<typeof openDb>; holder?: string } = {}) {
  const out = senders();
  const clock = instantClock(SLOT);
  const h = harness({ clock, db: o.db, holder: o.holder, dests: s.destinations.map((d) => createDestination(d, out, s.lang)) });
  const deps = { ...h.deps, ...(o.store ? { store: o.store } : {}) };
  return { h, deps, clock };
}

describe('digest delivery to fake Slack and DingTalk', () => {
  it('posts Block Kit to Slack, sampleMarkdown to the DingTalk group and a signed markdown to the custom robot', async () => {
    const s = schedule('C100', 'cid100');
    const { deps, h } = wire(s);
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.status).toBe('sent');
    const post = slack.callsTo('chat.postMessage').find((c) => c.body.channel === 'C100')!;
    expect(post.body.text).toContain('Security digest (prod)');
    expect(JSON.stringify(post.body.blocks)).toContain('Security digest: prod');
    const group = ding.on('/v1.0/robot/groupMessages/send').find((r) => r.body.openConversationId === 'cid100')!;
    expect(group.body).toMatchObject({ robotCode: 'ding-robot', msgKey: 'sampleMarkdown' });
    expect(JSON.parse(group.body.msgParam).text).toContain('### Security digest: prod');
    const robot = ding.on('/robot/send').at(-1)!;
    expect(robot.query.get('sign')).toBeTruthy();
    expect(robot.body.msgtype).toBe('markdown');
    expect((await h.store.deliveries(out.runId)).every((d) => d.status === 'sent')).toBe(true);
    // The delivery log names the custom robot by a hash, never by its token.
    expect(JSON.stringify(await h.store.deliveries(out.runId))).not.toContain('robot-token');
  });

  it('Slack fails twice (500), then the third attempt gets through', async () => {
    const s = schedule('C200', 'cid200');
    const { deps, clock } = wire(s);
    slack.fail('chat.postMessage', 2, { kind: 'error', status: 500 });
    const before = slack.attempts('chat.postMessage');
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.status).toBe('sent');
    expect(slack.attempts('chat.postMessage') - before).toBe(3);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C200')).toHaveLength(1);
    expect(out.deliveries.find((d) => d.destination === 'slack:C200')).toMatchObject({ status: 'sent', attempts: 3 });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('a DingTalk group refusal is retried and recorded', async () => {
    const s = schedule('C300', 'cid300');
    const { deps } = wire(s);
    ding.failNextGroupSend(503);
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, deps);
    expect(out.deliveries.find((d) => d.destination === 'dingtalk:cid300')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(ding.on('/v1.0/robot/groupMessages/send').filter((r) => r.body.openConversationId === 'cid300' && r.headers['x-acs-dingtalk-access-token'])).toHaveLength(2);
  });

  it('a crash between the Slack post and its record: the restart finds the Slack post (no copy), and DingTalk is not skipped', async () => {
    class Crash extends Error {}
    const db = openDb(':memory:');
    class CrashAfterSlack extends DigestStore {
      override async markSent(runId: string, destination: string, now: Date): Promise<void> {
        if (destination === 'slack:C400') throw new Crash('killed');
        await super.markSent(runId, destination, now);
      }
    }
    const s = schedule('C400', 'cid400');
    const first = wire(s, { db, store: new CrashAfterSlack(db), holder: 'p1' });
    await expect(runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, first.deps)).rejects.toThrow(Crash);
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C400')).toHaveLength(1);
    expect(ding.on('/v1.0/robot/groupMessages/send').filter((r) => r.body.openConversationId === 'cid400')).toHaveLength(0);

    const second = wire(s, { db, holder: 'p2' });
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, second.deps);
    expect(out.status).toBe('sent');
    // The resumed run looked for the run id in the channel's messages and found the first post.
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C400')).toHaveLength(1);
    expect(out.deliveries.find((d) => d.destination === 'slack:C400')).toMatchObject({ status: 'sent', attempts: 1, messageRef: slack.messagesIn('C400')[0]!.ts });
    expect(ding.on('/v1.0/robot/groupMessages/send').filter((r) => r.body.openConversationId === 'cid400')).toHaveLength(1);
  });

  it('a platform that is not configured fails at once, without retries', async () => {
    const s = buildSchedule({ destinations: [{ kind: 'dingtalk', openConversationId: 'cid500', robotCode: 'r' }] });
    const clock = instantClock(SLOT);
    const h = harness({ clock, dests: s.destinations.map((d) => createDestination(d, { env: {} }, 'en')) });
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, h.deps);
    expect(out.status).toBe('failed');
    expect(out.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(out.deliveries[0]!.lastError).toContain('DINGTALK_CLIENT_ID');
    expect(clock.sleeps).toEqual([]);
  });
});
