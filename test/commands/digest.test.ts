import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/message.js';
import { silentLogger } from '../../src/core/logger.js';
import { createDigestSystem } from '../../src/digest/index.js';
import type { Schedule } from '../../src/digest/schedule-config.js';
import { openDb } from '../../src/store/db.js';
import { scanWith } from '../builders/context.js';
import { buildSnapshot, NOW } from '../builders/snapshot.js';
import { FakeClock } from '../digest/helpers.js';
import { fakeContext, harness } from './helpers.js';

const schedule = (o: Partial<Schedule> = {}): Schedule => ({
  name: 'morning',
  cron: '0 9 * * 1-5',
  timezone: 'Asia/Shanghai',
  account: 'prod',
  lang: 'en',
  scope: {},
  destinations: [{ kind: 'slack', channel: 'C_CONFIG' }],
  maxSnapshotAgeMs: 0,
  graceMs: 3_600_000,
  ...o,
});

function setup(schedules: Schedule[] = [schedule()], o: { users?: string[]; channels?: string[] } = {}) {
  const h = harness({ users: o.users ?? ['U_ADMIN', 'dt-admin'], channels: o.channels ?? ['C_SEC', 'C_CONFIG', 'cidGroup'] });
  const posted: { channel: string; reply: Reply }[] = [];
  const dingtalk: { openConversationId: string; robotCode: string }[] = [];
  const system = createDigestSystem({
    schedules,
    db: openDb(':memory:'),
    scan: async (_s, now) => scanWith(buildSnapshot({ collectedAt: now.toISOString() }), { now }),
    senders: {
      slack: { postMessage: async (channel, reply) => void posted.push({ channel, reply }) },
      dingtalk: { sendGroupMessage: async (m) => void dingtalk.push({ openConversationId: m.openConversationId, robotCode: m.robotCode }) },
      env: {},
    },
    log: silentLogger(),
    clock: new FakeClock(NOW),
    dingtalkRobotCode: 'ding-app-key',
  });
  h.services.digests = system.service;
  const run = async (text: string, c: Parameters<typeof fakeContext>[0] = {}) => {
    const f = fakeContext({ place: 'C_SEC', kind: 'group', ...c });
    await h.dispatch({ command: 'digest', text }, f.ctx);
    return f.text();
  };
  return { h, run, posted, dingtalk, system };
}

describe('/digest', () => {
  it('status shows the schedule, the next run in its time zone, the last run and destinations', async () => {
    const { run } = setup();
    const text = await run('');
    expect(text).toContain('Scheduled digests');
    expect(text).toContain('morning');
    expect(text).toContain('Schedule: `0 9 * * 1-5` (Asia/Shanghai)');
    // NOW is Sunday 2025-06-15 00:00 UTC: next is Monday 09:00 in Shanghai.
    expect(text).toContain('Next run: 2025-06-16 09:00 (Asia/Shanghai)');
    expect(text).toContain('Last run: not yet');
    expect(text).toContain('Slack channel C_CONFIG');
  });

  it('now runs the digest, posts it to the destinations and reports back', async () => {
    const { run, posted } = setup();
    const text = await run('now');
    expect(text).toContain('Running digest morning now');
    expect(text).toContain('Digest morning was posted to 1 of 1 destination.');
    expect(posted.map((p) => p.channel)).toEqual(['C_CONFIG']);
    expect(posted[0]!.reply.summary).toContain('Security digest (prod)');
    expect(await run('status morning')).toMatch(/Last run: 2025-06-15 08:00 \(Asia\/Shanghai\): sent 1\/1, by hand/);
  });

  it('subscribe and unsubscribe this channel; the config’s own destinations stay', async () => {
    const { run, posted } = setup();
    expect(await run('subscribe')).toContain('Subscribed: Slack channel C_SEC will get digest morning. Next one: 2025-06-16 09:00 (Asia/Shanghai).');
    expect(await run('subscribe')).toContain('This place already gets digest morning.');
    expect(await run('status')).toContain('Slack channel C_SEC (subscribed in chat)');
    await run('now');
    expect(posted.map((p) => p.channel)).toEqual(['C_CONFIG', 'C_SEC']);
    expect(await run('unsubscribe')).toContain('Unsubscribed');
    expect(await run('unsubscribe')).toContain('was not subscribed');
    expect(await run('unsubscribe', { place: 'C_CONFIG' })).toContain('from the config file');
  });

  it('only allowed users, in allowed places, may subscribe', async () => {
    const { run, system } = setup();
    expect(await run('subscribe', { user: 'U_STRANGER' })).toContain('only for authorised people');
    expect(await run('subscribe', { place: 'C_RANDOM' })).toContain('not cleared for posture data');
    expect(await run('subscribe', { place: 'C_RANDOM', platform: 'dingtalk', user: 'dt-admin' })).toContain("can't be posted in this channel");
    expect(await system.service.destinationSpecs(schedule())).toHaveLength(1);
  });

  it('a DingTalk group subscribes with the robot’s code; a one-to-one chat cannot', async () => {
    const { run, dingtalk } = setup();
    expect(await run('订阅', { platform: 'dingtalk', user: 'dt-admin', place: 'cidGroup', locale: 'zh' })).toContain('已订阅:钉钉群 cidGroup 将收到摘要 morning');
    await run('now');
    expect(dingtalk).toEqual([{ openConversationId: 'cidGroup', robotCode: 'ding-app-key' }]);
    expect(await run('subscribe', { platform: 'dingtalk', user: 'dt-admin', place: 'cidDirect', kind: 'direct' })).toContain('can only go to groups');
  });

  it('asks which schedule when there are several, and says when there are none', async () => {
    const many = setup([schedule(), schedule({ name: 'weekly', cron: '0 10 * * 1' })]);
    expect(await many.run('now')).toContain('There are several digest schedules; name one: morning, weekly');
    expect(await many.run('status nightly')).toContain('No digest schedule named nightly');
    expect(await many.run('status weekly')).toContain('Next run: 2025-06-16 10:00');
    const none = setup([]);
    expect(await none.run('status')).toContain('No digest schedules are configured');
    expect(await none.run('bogus')).toContain('Unknown subcommand `bogus`.');
  });
});
