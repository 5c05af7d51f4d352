// Team digests (issue #15): each team gets its own findings in its own place, plus the count
// nobody owns; exactly once per (slot, team destination); mentions only where the config allows.

import { describe, expect, it } from 'vitest';
import { ownersSchema, type OwnersConfig } from '../../src/config/file.js';
import { OWNERS } from './team-owners.js';
import { runDigest, type RunRequest } from '../../src/digest/runner.js';
import type { Clock } from '../../src/digest/clock.js';
import { parseSchedules } from '../../src/digest/schedule-config.js';
import type { ScanResult } from '../../src/posture/types.js';
import { scanWith } from '../builders/context.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule, type SnapshotOverrides } from '../builders/snapshot.js';
import { fakeDestination, FakeClock, harness, instantClock, type FakeDestination } from './helpers.js';

const SLOT = new Date('2025-06-16T01:00:00Z');
const NEXT = new Date('2025-06-17T01:00:00Z');
const cron = (at: Date): RunRequest => ({ trigger: 'cron', scheduledFor: at });
const text = (x: unknown) => JSON.stringify(x);


const base = { name: 'morning', cron: '0 9 * * *', timezone: 'Asia/Shanghai', destinations: [{ slack: { channel: 'CSEC' } }] };
const parse = (raw: Record<string, unknown>, owners: OwnersConfig | null = OWNERS) =>
  parseSchedules([{ ...base, ...raw }], { accounts: ['prod'], env: {}, ...(owners ? { owners } : {}), dingtalkRobotCode: 'ding-app' });

describe('team digests in the schedule', () => {
  it('perTeam adds each team chat place from owners: as a team destination, after the schedule\'s own', () => {
    const [s] = parse({ perTeam: true });
    expect(s!.destinations).toEqual([
      { kind: 'slack', channel: 'CSEC' },
      { kind: 'slack', channel: 'C0WEB', team: 'web' },
      { kind: 'dingtalk', openConversationId: 'cidDATA', robotCode: 'ding-app', team: 'data' },
      { kind: 'slack', channel: 'C0QUIET', team: 'quiet' },
    ]);
    // search has no place: no digest of its own (its findings are in the account's digest).
    expect(Object.keys(s!.teams!)).toEqual(['web', 'data', 'quiet']);
  });

  it('mentions only where allowed: the team says so, or the schedule does and the team does not refuse', () => {
    const [off] = parse({ perTeam: true });
    expect(off!.teams!.web!.mention).toEqual({ slackUsergroups: ['S0WEB'] });
    expect(off!.teams!.data!.mention).toBeUndefined();
    const [on] = parse({ perTeam: true, mention: true });
    expect(on!.teams!.data!.mention).toEqual({ atUserIds: ['manager1'] });
    expect(on!.teams!.quiet!.mention).toBeUndefined();
  });

  it('a destination with team: gets that team\'s digest; keys keep it apart from the account\'s digest in the same place', async () => {
    const [s] = parse({ destinations: [{ slack: { channel: 'CSEC' } }, { slack: { channel: 'CSEC' }, team: 'search' }] });
    expect(s!.destinations[1]).toEqual({ kind: 'slack', channel: 'CSEC', team: 'search' });
    const { destinationKey } = await import('../../src/digest/schedule-config.js');
    expect(s!.destinations.map(destinationKey)).toEqual(['slack:CSEC', 'team:search:slack:CSEC']);
  });

  it('refuses what cannot work, naming the schedule and the field', () => {
    expect(() => parse({ perTeam: true }, null)).toThrow(/schedules\[0\] \(morning\): perTeam and team: destinations need an owners: block/);
    expect(() => parse({ destinations: [{ slack: { channel: 'CSEC' }, team: 'nobody' }] })).toThrow(/destinations\.0\.team: team "nobody" is not declared/);
    const bad = ownersSchema.parse({ teams: { web: { name: { zh: '网', en: 'Web' }, slack: { channel: '#web' } } } });
    expect(() => parse({ perTeam: true }, bad)).toThrow(/owners\.teams\.web\.slack\.channel "#web" must be a Slack channel id/);
    const none = ownersSchema.parse({ teams: { web: { name: { zh: '网', en: 'Web' } } } });
    expect(() => parse({ perTeam: true }, none)).toThrow(/no team under owners\.teams has a chat place/);
  });
});

// sg-web is used by a web instance, sg-data by a data one, sg-orphan by nobody's.
const world = (o: { dataTeam?: string; webFixed?: boolean } = {}): SnapshotOverrides => ({
  region: {
    securityGroups: [
      buildSecurityGroup({ securityGroupId: 'sg-web', rules: o.webFixed ? [] : [buildWorldRule({ ruleId: 'sgr-web', portRange: '22/22' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-data', rules: [buildWorldRule({ ruleId: 'sgr-data', portRange: '3389/3389' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-orphan', rules: [buildWorldRule({ ruleId: 'sgr-orphan', portRange: '22/22' })] }),
    ],
    instances: [
      buildInstance({ instanceId: 'i-web', securityGroupIds: ['sg-web'], tags: { team: 'web' } }),
      buildInstance({ instanceId: 'i-data', securityGroupIds: ['sg-data'], tags: { team: o.dataTeam ?? 'data' } }),
    ],
  },
});

function teamHarness(dests: FakeDestination[], clock: Clock = new FakeClock(SLOT)) {
  const state = { snapshot: world() };
  // Deliveries are recorded for what deps.destinations returns: here, exactly these fakes.
  const h = harness({
    clock,
    dests,
    deps: { scan: async (_s, now): Promise<ScanResult> => scanWith(buildSnapshot({ collectedAt: now.toISOString(), ...state.snapshot }), { now, owners: OWNERS }) },
  });
  return { h, clock, state };
}

function teamDest(key: string, team?: string, platform: 'slack' | 'dingtalk' = 'slack'): FakeDestination {
  const d = fakeDestination(key, platform);
  if (team) d.team = team;
  return d;
}

const ids = (items: { resource: { id: string } }[]) => items.map((i) => i.resource.id);

describe('team digest runs', () => {
  it('each team sees only its own findings plus the count nobody owns; the account digest sees all', async () => {
    const [s] = parse({ perTeam: true, mention: true });
    const [account, web, data] = [teamDest('slack:CSEC'), teamDest('team:web:slack:C0WEB', 'web'), teamDest('team:data:dingtalk:cidDATA', 'data', 'dingtalk')];
    const { h } = teamHarness([account, web, data]);
    const out = await runDigest(s!, cron(SLOT), h.deps);
    expect(out.status).toBe('sent');

    const webSlack = web.received[0]!.slack;
    expect(text(webSlack)).toContain('Security digest: prod · Web');
    expect(text(webSlack)).toContain('First digest for Web (prod)');
    expect(text(webSlack)).toContain('sg-web');
    expect(text(webSlack)).not.toContain('sg-data');
    expect(text(webSlack)).not.toContain('sg-orphan');
    expect(text(webSlack)).toContain('1 open finding on resources no team owns');
    expect(text(webSlack)).toContain('posture team web');
    expect(webSlack.mentions).toEqual({ slackUsergroups: ['S0WEB'] });
    expect(web.received[0]!.chart).toBeUndefined();

    expect(text(data.received[0]!.dingtalk)).toContain('sg-data');
    expect(text(data.received[0]!.dingtalk)).not.toContain('sg-web');
    expect(data.received[0]!.dingtalk.mentions).toEqual({ atUserIds: ['manager1'] });

    const all = text(account.received[0]!.slack);
    for (const sg of ['sg-web', 'sg-data', 'sg-orphan']) expect(all).toContain(sg);
    expect(account.received[0]!.slack.mentions).toBeUndefined();

    // Exactly once per (slot, destination): the same slot again posts nothing anywhere.
    expect((await h.store.deliveries(out.runId)).map((d) => [d.destination, d.status])).toEqual([
      ['slack:CSEC', 'sent'],
      ['team:web:slack:C0WEB', 'sent'],
      ['team:data:dingtalk:cidDATA', 'sent'],
    ]);
    expect((await runDigest(s!, cron(SLOT), h.deps)).status).toBe('done-before');
    expect([account, web, data].map((d) => d.received.length)).toEqual([1, 1, 1]);
  });

  it('next day: a fix is resolved for its team; a re-tagged resource is new for the team that got it and not "resolved" for the one that lost it', async () => {
    const [s] = parse({ perTeam: true });
    const [web, data] = [teamDest('team:web:slack:C0WEB', 'web'), teamDest('team:data:dingtalk:cidDATA', 'data', 'dingtalk')];
    const clock = new FakeClock(SLOT);
    const { h, state } = teamHarness([web, data], clock);
    await runDigest(s!, cron(SLOT), h.deps);
    state.snapshot = world({ dataTeam: 'web', webFixed: true });
    await clock.advanceTo(NEXT);
    await runDigest(s!, cron(NEXT), h.deps);
    const webMsg = (await lastMessage(h, 'web'))!;
    expect(ids(webMsg.resolved)).toEqual(['sg-web']);
    expect(ids(webMsg.newFindings)).toContain('sg-data');
    expect(ids(webMsg.newFindings)).not.toContain('sg-web');
    const dataMsg = (await lastMessage(h, 'data'))!;
    expect(dataMsg.resolved).toEqual([]);
    expect(dataMsg.openTotal.now).toBe(0);
    expect(dataMsg.team!.movedAway).toBe(dataMsg.openTotal.before);
    const { renderSlackDigest } = await import('../../src/digest/render.js');
    expect(text(renderSlackDigest(dataMsg, 'en'))).toContain('2 findings moved to another team (the resource was re-tagged): not resolved.');
  });

  it('a team digest stored with the run is what a resume posts (no rebuild), and it is kept out of the account state', async () => {
    const [s] = parse({ perTeam: true });
    const web = teamDest('team:web:slack:C0WEB', 'web');
    web.failNext(1);
    const { h } = teamHarness([web], instantClock(SLOT));
    const out = await runDigest(s!, cron(SLOT), { ...h.deps, policy: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 } });
    const stored = JSON.parse((await h.store.run(out.runId))!.message!) as { teams: Record<string, { state: { open: unknown[] } }> };
    expect(Object.keys(stored.teams)).toEqual(['web', 'data', 'quiet']);
    expect(stored.teams.web!.state.open).toEqual([]);
    expect(web.attempts).toBe(2);
    expect(web.received).toHaveLength(1);
  });
});

async function lastMessage(h: ReturnType<typeof teamHarness>['h'], team: string) {
  const run = (await h.store.runs('morning', 1))[0]!;
  const payload = JSON.parse(run.message!) as { teams?: Record<string, import('../../src/digest/types.js').DigestMessage> };
  return payload.teams?.[team];
}
