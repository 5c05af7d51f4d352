import { describe, expect, it } from 'vitest';
import { runDigest, type RunRequest } from '../../src/digest/runner.js';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';
import { buildSecurityGroup, buildWorldRule } from '../builders/snapshot.js';
import { buildSchedule, fakeDestination, FakeClock, harness } from './helpers.js';

const SLOT = new Date('2025-06-16T01:00:00Z'); // Monday 09:00 in Shanghai
const NEXT = new Date('2025-06-17T01:00:00Z');
const cron = (at: Date): RunRequest => ({ trigger: 'cron', scheduledFor: at });
const ssh = buildSecurityGroup({ rules: [buildWorldRule({ portRange: '22/22' })] });
const text = (x: unknown) => JSON.stringify(x);

class Crash extends Error {}

/** A store that dies once, right after the platform accepted the post for `key`. */
class CrashAfterSend extends DigestStore {
  crashed = false;
  constructor(db: ConstructorParameters<typeof DigestStore>[0], private readonly key: string) {
    super(db);
  }
  override async markSent(runId: string, destination: string, now: Date): Promise<void> {
    if (!this.crashed && destination === this.key) {
      this.crashed = true;
      throw new Crash('process killed between send and record');
    }
    await super.markSent(runId, destination, now);
  }
}

describe('runDigest', () => {
  it('posts to every destination once and records the run, the scan and the deliveries', async () => {
    const clock = new FakeClock(SLOT);
    const h = harness({ clock, dests: [fakeDestination('slack:C1'), fakeDestination('dingtalk:cid1', 'dingtalk')] });
    const out = await runDigest(buildSchedule(), cron(SLOT), h.deps);
    expect(out.status).toBe('sent');
    expect(out.runId).toBe('morning@2025-06-16T01:00:00.000Z');
    expect(h.dests.map((d) => d.received.length)).toEqual([1, 1]);
    expect(text(h.dests[0]!.received[0]!.slack)).toContain('First digest for prod');
    expect(h.dests[0]!.received[0]!.chart).toBeUndefined();
    expect(await h.store.run(out.runId)).toMatchObject({ status: 'sent', trigger: 'cron', scanId: 1 });
    expect((await h.store.deliveries(out.runId)).map((d) => [d.destination, d.status, d.attempts])).toEqual([
      ['slack:C1', 'sent', 1],
      ['dingtalk:cid1', 'sent', 1],
    ]);
    expect(await h.store.lease('morning')).toBeUndefined();

    // The same slot again (a second replica, a timer that fired twice): nothing happens.
    const again = await runDigest(buildSchedule(), cron(SLOT), h.deps);
    expect(again.status).toBe('done-before');
    expect(h.dests[0]!.received).toHaveLength(1);
    expect(h.world.scans).toBe(1);
  });

  it('compares with the last delivered digest', async () => {
    const clock = new FakeClock(SLOT);
    const h = harness({ clock });
    await runDigest(buildSchedule(), cron(SLOT), h.deps);
    h.world.snapshot = { region: { securityGroups: [ssh] } };
    await clock.advanceTo(NEXT);
    const out = await runDigest(buildSchedule(), cron(NEXT), h.deps);
    expect(out.message!.kind).toBe('changed');
    expect(out.message!.newFindings).toHaveLength(1);
    expect(out.message!.since).toBe(SLOT.toISOString());
    expect(out.message!.trend.map((p) => p.day)).toEqual(['2025-06-16', '2025-06-17']);
  });

  it('retries a destination that fails twice, with backoff, then succeeds', async () => {
    const clock = new FakeClock(SLOT);
    const flaky = fakeDestination('slack:C1');
    flaky.failNext(2);
    const h = harness({ clock, dests: [flaky] });
    const running = runDigest(buildSchedule(), cron(SLOT), h.deps);
    await clock.advance(10_000);
    const out = await running;
    expect(out.status).toBe('sent');
    expect(flaky.attempts).toBe(3);
    expect(flaky.received).toHaveLength(1);
    expect(clock.sleeps).toEqual([1000, 2000]);
    expect((await h.store.deliveries(out.runId))[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('gives up on a destination after the last attempt; the others still get it', async () => {
    const clock = new FakeClock(SLOT);
    const dead = fakeDestination('dingtalk:cid-dead', 'dingtalk');
    dead.failNext(100);
    const h = harness({ clock, dests: [dead, fakeDestination('slack:C1')] });
    const running = runDigest(buildSchedule(), cron(SLOT), h.deps);
    await clock.advance(60_000);
    const out = await running;
    expect(out.status).toBe('partial');
    expect(dead.attempts).toBe(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(h.dests[1]!.received).toHaveLength(1);
    expect((await h.store.deliveries(out.runId))[0]).toMatchObject({ status: 'failed', attempts: 4, lastError: 'HTTP 503 from the fake platform' });
    expect(out.error!.en).toContain('dingtalk:cid-dead');
    // A partial run still counts as "the last digest" for the next comparison.
    expect((await h.store.lastDeliveredState('morning'))!.runId).toBe(out.runId);
  });

  it('a crash between send and record: a restart resumes without skipping, re-posting only the uncertain destination', async () => {
    const db = openDb(':memory:');
    const clock = new FakeClock(SLOT);
    const a = fakeDestination('slack:A');
    const b = fakeDestination('slack:B');
    const c = fakeDestination('dingtalk:C', 'dingtalk');
    const first = harness({ clock, db, dests: [a, b, c], holder: 'process-1' });
    const crashing = new CrashAfterSend(db, 'slack:B');
    await expect(runDigest(buildSchedule(), cron(SLOT), { ...first.deps, store: crashing })).rejects.toThrow(Crash);

    const runId = 'morning@2025-06-16T01:00:00.000Z';
    expect((await first.store.run(runId))!.status).toBe('sending');
    expect((await first.store.deliveries(runId)).map((d) => [d.destination, d.status])).toEqual([
      ['slack:A', 'sent'],
      ['slack:B', 'sending'],
      ['dingtalk:C', 'pending'],
    ]);
    // A real crash does not release the lease: put it back as the dead process left it.
    expect(await first.store.acquireLease('morning', 'process-1', clock.now(), 2 * 60_000)).toBe(true);

    const restarted = harness({ clock, db, dests: [a, b, c], holder: 'process-2' });
    expect((await runDigest(buildSchedule(), cron(SLOT), restarted.deps)).status).toBe('busy');
    await clock.advance(2 * 60_000);
    const out = await runDigest(buildSchedule(), cron(SLOT), restarted.deps);
    expect(out.status).toBe('sent');
    expect(a.received).toHaveLength(1); // never posted twice
    expect(b.received).toHaveLength(2); // the documented at-least-once window
    expect(c.received).toHaveLength(1); // not skipped
    // The resumed run posted exactly what was built before the crash.
    expect(text(c.received[0]!.dingtalk)).toBe(text(b.received[0]!.dingtalk));
    expect(text(b.received[1])).toBe(text(b.received[0]));
    expect(first.world.scans + restarted.world.scans).toBe(1);
  });

  it('a crash before anything was stored: the restart builds again and posts once', async () => {
    const db = openDb(':memory:');
    const clock = new FakeClock(SLOT);
    class CrashOnBuild extends DigestStore {
      override async markBuilt(): Promise<void> {
        throw new Crash('killed while building');
      }
    }
    const h = harness({ clock, db });
    await expect(runDigest(buildSchedule(), cron(SLOT), { ...h.deps, store: new CrashOnBuild(db) })).rejects.toThrow(Crash);
    expect((await h.store.run('morning@2025-06-16T01:00:00.000Z'))!.status).toBe('building');
    const out = await runDigest(buildSchedule(), cron(SLOT), h.deps);
    expect(out.status).toBe('sent');
    expect(h.dests[0]!.received).toHaveLength(1);
  });

  it('a scan that fails tells the destinations and leaves the comparison point alone', async () => {
    const clock = new FakeClock(SLOT);
    const h = harness({ clock });
    await runDigest(buildSchedule(), cron(SLOT), h.deps);
    h.world.fail = new Error('socket hang up');
    await clock.advanceTo(NEXT);
    const out = await runDigest(buildSchedule(), cron(NEXT), h.deps);
    expect(out.status).toBe('failed');
    expect(text(h.dests[0]!.received[1]!.slack)).toContain('This digest could not be built');
    expect((await h.store.lastDeliveredState('morning'))!.runId).toBe('morning@2025-06-16T01:00:00.000Z');
  });

  it('never overlaps: a second run of the schedule while one holds the lease is refused', async () => {
    const clock = new FakeClock(SLOT);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = harness({ clock });
    const slowScan = h.deps.scan;
    h.deps.scan = async (...args) => {
      await gate;
      return slowScan(...args);
    };
    const first = runDigest(buildSchedule(), cron(SLOT), h.deps);
    const second = await runDigest(buildSchedule(), { trigger: 'manual', scheduledFor: SLOT }, h.deps);
    expect(second.status).toBe('busy');
    release();
    expect((await first).status).toBe('sent');
    expect(h.dests[0]!.received).toHaveLength(1);
  });

  it('with no destinations the run fails and says how to add one', async () => {
    const h = harness({ clock: new FakeClock(SLOT), dests: [] });
    const out = await runDigest(buildSchedule({ destinations: [] }), cron(SLOT), h.deps);
    expect(out.status).toBe('failed');
    expect(out.error!.en).toContain('/digest subscribe');
  });

  it('a catch-up run is marked late', async () => {
    const clock = new FakeClock('2025-06-16T01:25:00Z');
    const h = harness({ clock });
    const out = await runDigest(buildSchedule(), { trigger: 'catch-up', scheduledFor: SLOT }, h.deps);
    expect(out.message!.late).toEqual({ scheduledFor: SLOT.toISOString(), minutes: 25 });
    expect(text(h.dests[0]!.received[0]!.slack)).toContain('25 min late');
  });

  it('attaches the trend chart when a rasteriser is available', async () => {
    const clock = new FakeClock(SLOT);
    const svgs: string[] = [];
    const h = harness({ clock, deps: { rasterize: async (svg) => (svgs.push(svg), Buffer.from('PNG')) } });
    await runDigest(buildSchedule(), cron(SLOT), h.deps);
    expect(h.dests[0]!.received[0]!.chart).toMatchObject({ filename: 'whoowns-trend-2025-06-16.png', title: '30-day trend' });
    expect(svgs[0]).toContain('<svg');
  });

  it('draws the chart in the digest\'s language: a Chinese digest gets Chinese labels', async () => {
    const clock = new FakeClock(SLOT);
    const svgs: string[] = [];
    const h = harness({ clock, deps: { rasterize: async (svg) => (svgs.push(svg), Buffer.from('PNG')) } });
    await runDigest(buildSchedule({ lang: 'zh' }), cron(SLOT), h.deps);
    expect(h.dests[0]!.received[0]!.chart).toMatchObject({ title: '近 30 天趋势' });
    expect(svgs[0]).toContain('待处理问题');
    expect(svgs[0]).toContain('>高危<');
  });
});
