// Team digests through the real adapters' senders (Bolt's WebClient against the fake Slack,
// the DingTalk OpenAPI and custom robot against the fake DingTalk API): mentions rendered
// natively, and exactly once per (slot, team destination) across a crash.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApi, sendCustomRobot } from '../../src/adapters/dingtalk/openapi.js';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { createDestination, type Senders } from '../../src/digest/destinations.js';
import { runDigest } from '../../src/digest/runner.js';
import { parseSchedules, type Schedule } from '../../src/digest/schedule-config.js';
import type { ScanResult } from '../../src/posture/types.js';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { startFakeApi, type FakeApi } from '../adapters/dingtalk/fake-api.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { scanWith } from '../builders/context.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';
import { harness, instantClock } from './helpers.js';
import { OWNERS } from './team-owners.js';

const SLOT = new Date('2025-06-16T01:00:00Z');
let slack: FakeSlack;
let ding: FakeApi;

beforeAll(async () => {
  slack = await startFakeSlack();
  ding = await startFakeApi({ customRobotSecret: 'SECteam' });
});
afterAll(async () => {
  await slack.close();
  await ding.close();
});

function senders(): Senders {
  const adapter = createSlackAdapter({
    botToken: 'xoxb-team-digest',
    signingSecret: 'team-digest-secret',
    port: 0,
    apiUrl: slack.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    dispatch: async () => undefined,
    log: silentLogger(),
    retry: { retries: 0, minTimeoutMs: 10, maxTimeoutMs: 10 },
  });
  return {
    slack: adapter,
    dingtalk: createOpenApi({ clientId: 'ding-app-key', clientSecret: 'ding-app-secret', apiBaseUrl: ding.url }),
    dingtalkWebhook: (msg) => sendCustomRobot(msg),
    env: { DT_SECRET: 'SECteam' },
  };
}

const snapshot = buildSnapshot({
  region: {
    securityGroups: [
      buildSecurityGroup({ securityGroupId: 'sg-web', rules: [buildWorldRule({ ruleId: 'sgr-web', portRange: '22/22' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-data', rules: [buildWorldRule({ ruleId: 'sgr-data', portRange: '3389/3389' })] }),
    ],
    instances: [
      buildInstance({ instanceId: 'i-web', securityGroupIds: ['sg-web'], tags: { team: 'web' } }),
      buildInstance({ instanceId: 'i-data', securityGroupIds: ['sg-data'], tags: { team: 'data' } }),
    ],
  },
});

function schedule(raw: Record<string, unknown>): Schedule {
  const [s] = parseSchedules([{ name: 'morning', cron: '0 9 * * *', timezone: 'Asia/Shanghai', ...raw }], { accounts: ['prod'], env: { DT_SECRET: 'SECteam' }, owners: OWNERS, dingtalkRobotCode: 'ding-app' });
  return s!;
}

function wire(s: Schedule, o: { db?: ReturnType<typeof openDb>; store?: DigestStore; holder?: string } = {}) {
  const out = senders();
  const h = harness({
    clock: instantClock(SLOT),
    db: o.db,
    holder: o.holder,
    dests: s.destinations.map((d) => createDestination(d, out, s.lang)),
    deps: { scan: async (_s, now): Promise<ScanResult> => scanWith({ ...snapshot, collectedAt: now.toISOString() }, { now, owners: OWNERS }) },
  });
  return { ...h.deps, ...(o.store ? { store: o.store } : {}) };
}

const postsIn = (channel: string) => slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

describe('team digests through the real senders', () => {
  it('Slack: the team channel gets its own findings with <!subteam^…>; DingTalk: the group gets @ in the text', async () => {
    const s = schedule({ perTeam: true, mention: true, destinations: [{ slack: { channel: 'CACCOUNT1' } }] });
    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, wire(s));
    expect(out.deliveries.filter((d) => d.status !== 'sent')).toEqual([]);
    expect(out.status).toBe('sent');

    const [web] = postsIn('C0WEB');
    expect(web!.body.text).toMatch(/^<!subteam\^S0WEB> Security digest \(prod · Web\)/);
    const blocks = JSON.stringify(web!.body.blocks);
    expect(blocks).toContain('<!subteam^S0WEB>');
    expect(blocks).toContain('sg-web');
    expect(blocks).not.toContain('sg-data');
    expect(web!.body.metadata).toMatchObject({ event_payload: { run_id: `${out.runId}#team:web` } });
    // The team that said mention: false is not pinged even though the schedule allows it.
    expect(JSON.stringify(postsIn('C0QUIET')[0]!.body)).not.toContain('subteam');
    // The account's digest pings nobody.
    expect(JSON.stringify(postsIn('CACCOUNT1')[0]!.body)).not.toContain('subteam');

    const group = ding.on('/v1.0/robot/groupMessages/send').find((r) => r.body.openConversationId === 'cidDATA')!;
    const md = JSON.parse(group.body.msgParam) as { title: string; text: string };
    expect(md.text).toContain('sg-data');
    expect(md.text).not.toContain('sg-web');
    expect(md.text.trimEnd().endsWith('@manager1')).toBe(true);
  });

  it('a custom robot named for a team carries at.atUserIds only where mentions are allowed', async () => {
    const url = `${ding.url}/robot/send?access_token=team-robot`;
    const s = schedule({ mention: true, destinations: [{ dingtalkWebhook: { url, secretEnv: 'DT_SECRET' }, team: 'data' }] });
    await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, wire(s));
    const robot = ding.on('/robot/send').at(-1)!;
    expect(robot.body.at).toEqual({ atUserIds: ['manager1'], atMobiles: [], isAtAll: false });
    expect(robot.body.markdown.text).toContain('sg-data');

    const quiet = schedule({ destinations: [{ dingtalkWebhook: { url, secretEnv: 'DT_SECRET' }, team: 'data' }] });
    await runDigest(quiet, { trigger: 'cron', scheduledFor: new Date('2025-06-17T01:00:00Z') }, wire(quiet));
    const again = ding.on('/robot/send').at(-1)!;
    expect(again.body.at).toBeUndefined();
    expect(again.body.markdown.text).not.toContain('@manager1');
  });

  it('the account digest and a team digest in one channel survive a crash after the team post: each is in the channel exactly once', async () => {
    class Crash extends Error {}
    const db = openDb(':memory:');
    class CrashAfterTeamPost extends DigestStore {
      override async markSent(runId: string, destination: string, now: Date, o?: { messageRef?: string; chart?: boolean }): Promise<void> {
        if (destination === 'team:web:slack:CSHARED1') throw new Crash('killed after the team post');
        await super.markSent(runId, destination, now, o);
      }
    }
    const s = schedule({ destinations: [{ slack: { channel: 'CSHARED1' } }, { slack: { channel: 'CSHARED1' }, team: 'web' }] });
    await expect(runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, wire(s, { db, store: new CrashAfterTeamPost(db), holder: 'p1' }))).rejects.toThrow(Crash);
    expect(postsIn('CSHARED1')).toHaveLength(2);

    const out = await runDigest(s, { trigger: 'cron', scheduledFor: SLOT }, wire(s, { db, holder: 'p2' }));
    expect(out.status).toBe('sent');
    // The resume found the team's post by its own run id (not the account digest's) and did not post again.
    expect(postsIn('CSHARED1')).toHaveLength(2);
    expect(out.deliveries.map((d) => [d.destination, d.status, d.attempts])).toEqual([
      ['slack:CSHARED1', 'sent', 1],
      ['team:web:slack:CSHARED1', 'sent', 1],
    ]);
  });
});
