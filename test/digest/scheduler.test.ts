import { afterEach, describe, expect, it } from 'vitest';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { openDb } from '../../src/store/db.js';
import { buildSchedule, FakeClock, fakeDestination, harness, type Harness } from './helpers.js';

// 09:00 every day in Shanghai = 01:00 UTC.
const MON_0900 = '2025-06-16T01:00:00.000Z';
const TUE_0900 = '2025-06-17T01:00:00.000Z';
const text = (x: unknown) => JSON.stringify(x);

const started: DigestScheduler[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop(0);
});

function scheduler(h: Harness, o: Partial<ConstructorParameters<typeof DigestScheduler>[0]> = {}): DigestScheduler {
  const s = new DigestScheduler({ schedules: [buildSchedule()], deps: h.deps, ...o });
  started.push(s);
  return s;
}

describe('DigestScheduler', () => {
  it('fires at each slot in the schedule’s time zone, once per slot', async () => {
    const clock = new FakeClock('2025-06-15T12:00:00Z');
    const h = harness({ clock });
    const s = scheduler(h);
    s.start();
    await s.idle();
    expect(s.next('morning')!.toISOString()).toBe(MON_0900);
    await clock.advanceTo('2025-06-16T00:59:59Z');
    expect(h.dests[0]!.received).toHaveLength(0);
    await clock.advanceTo('2025-06-16T01:00:00Z');
    await s.idle();
    expect(h.dests[0]!.received).toHaveLength(1);
    expect((await h.store.runs('morning')).map((r) => [r.id, r.trigger, r.status])).toEqual([[`morning@${MON_0900}`, 'cron', 'sent']]);
    await clock.advanceTo('2025-06-17T01:00:00Z');
    await s.idle();
    expect(h.dests[0]!.received).toHaveLength(2);
    expect(s.next('morning')!.toISOString()).toBe('2025-06-18T01:00:00.000Z');
  });

  it('a slot missed while the bot was down runs once on start, within the grace period, and says it is late', async () => {
    const clock = new FakeClock('2025-06-16T01:40:00Z');
    const h = harness({ clock });
    await h.store.registerSchedule('morning', new Date('2025-06-10T00:00:00Z'));
    const s = scheduler(h);
    s.start();
    await s.idle();
    expect(h.dests[0]!.received).toHaveLength(1);
    expect(text(h.dests[0]!.received[0]!.slack)).toContain('this digest was due at 09:00 and is 40 min late because the bot was down');
    expect((await h.store.runs('morning'))[0]).toMatchObject({ id: `morning@${MON_0900}`, trigger: 'catch-up', status: 'sent' });

    // A restart a minute later does not run it again.
    await s.stop(0);
    const again = scheduler(h);
    again.start();
    await again.idle();
    expect(h.dests[0]!.received).toHaveLength(1);
    // And the next slot runs on time.
    await clock.advanceTo(TUE_0900);
    await again.idle();
    expect(h.dests[0]!.received).toHaveLength(2);
    expect(text(h.dests[0]!.received[1]!.slack)).not.toContain('late');
  });

  it('a slot missed beyond the grace period is recorded as missed, not posted', async () => {
    const clock = new FakeClock('2025-06-16T03:00:00Z');
    const h = harness({ clock });
    await h.store.registerSchedule('morning', new Date('2025-06-10T00:00:00Z'));
    const s = scheduler(h);
    s.start();
    await s.idle();
    expect(h.dests[0]!.received).toHaveLength(0);
    expect((await h.store.runs('morning'))[0]).toMatchObject({ status: 'missed', scheduledFor: MON_0900 });
    expect((await h.store.runs('morning'))[0]!.error).toContain('60-minute grace period');
  });

  it('a schedule seen for the first time does not catch up on slots before it existed', async () => {
    const clock = new FakeClock('2025-06-16T01:30:00Z');
    const h = harness({ clock });
    const s = scheduler(h);
    s.start();
    await s.idle();
    expect(h.dests[0]!.received).toHaveLength(0);
    expect(await h.store.runs('morning')).toEqual([]);
  });

  it('resumes a run a crash left half-sent', async () => {
    const db = openDb(':memory:');
    const clock = new FakeClock('2025-06-16T01:03:00Z');
    const a = fakeDestination('slack:A');
    const b = fakeDestination('slack:B');
    const h = harness({ clock, db, dests: [a, b] });
    await h.store.registerSchedule('morning', new Date('2025-06-10T00:00:00Z'));
    // What a crash after A's post leaves behind.
    const id = `morning@${MON_0900}`;
    await h.store.createRun({ id, schedule: 'morning', scheduledFor: MON_0900, trigger: 'cron', startedAt: MON_0900 });
    const message = { kind: 'failure', lang: 'en', schedule: 'morning', accountName: 'prod', at: MON_0900, error: { en: 'x', zh: 'x' } };
    await h.store.markBuilt(id, { message: JSON.stringify(message), destinations: ['slack:A', 'slack:B'], now: clock.now() });
    await h.store.markSending(id, 'slack:A', clock.now());
    await h.store.markSent(id, 'slack:A', clock.now());
    const s = scheduler(h);
    s.start();
    await s.idle();
    expect(a.received).toHaveLength(0);
    expect(b.received).toHaveLength(1);
    expect((await h.store.run(id))!.status).toBe('failed');
    expect(h.world.scans).toBe(0);
  });

  it('never overlaps: two schedulers on one database post a slot once', async () => {
    const db = openDb(':memory:');
    const clock = new FakeClock('2025-06-16T00:00:00Z');
    const dest = fakeDestination('slack:C1');
    let inFlight = 0;
    let most = 0;
    const one = harness({ clock, db, dests: [dest], holder: 'replica-1' });
    const two = harness({ clock, db, dests: [dest], holder: 'replica-2' });
    for (const h of [one, two]) {
      const scan = h.deps.scan;
      h.deps.scan = async (...args) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await clock.sleep(30_000); // a slow account
        inFlight--;
        return scan(...args);
      };
    }
    const s1 = scheduler(one, { busyRetryMs: 60_000 });
    const s2 = scheduler(two, { busyRetryMs: 60_000 });
    s1.start();
    s2.start();
    await clock.advanceTo('2025-06-16T01:05:00Z');
    await s1.idle();
    await s2.idle();
    expect(dest.received).toHaveLength(1);
    expect(most).toBe(1);
    expect(await one.store.runs('morning')).toHaveLength(1);
  });

  it('a slot that finds a manual run in progress waits for it, then runs', async () => {
    const clock = new FakeClock('2025-06-16T00:59:50Z');
    const h = harness({ clock });
    const scan = h.deps.scan;
    h.deps.scan = async (...args) => {
      await clock.sleep(40_000);
      return scan(...args);
    };
    const s = scheduler(h, { busyRetryMs: 60_000 });
    s.start();
    const manual = s.runNow('morning');
    await clock.advanceTo('2025-06-16T01:03:00Z');
    expect((await manual).status).toBe('sent');
    await s.idle();
    expect((await h.store.runs('morning')).map((r) => [r.trigger, r.status])).toEqual([
      ['cron', 'sent'],
      ['manual', 'sent'],
    ]);
    expect(h.dests[0]!.received).toHaveLength(2);
  });

  it('stop() disarms every timer', async () => {
    const clock = new FakeClock('2025-06-15T12:00:00Z');
    const h = harness({ clock });
    const s = scheduler(h);
    s.start();
    await s.idle();
    await s.stop(0);
    await clock.advanceTo('2025-06-20T00:00:00Z');
    expect(h.dests[0]!.received).toHaveLength(0);
  });
});
