import { expect, it } from 'vitest';
import { DigestStore } from '../../src/store/digests.js';
import { describeStores } from '../builders/store.js';

const T0 = new Date('2025-06-16T01:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describeStores('DigestStore', (b) => {
  it('a lease is exclusive (even to its holder) until it expires or is released', async () => {
    const db = await b.fresh();
    const s = new DigestStore(db);
    expect(await s.acquireLease('morning', 'a', T0, 60_000)).toBe(true);
    expect(await s.acquireLease('morning', 'b', later(59_000), 60_000)).toBe(false);
    expect(await s.acquireLease('morning', 'a', later(10_000), 60_000)).toBe(false);
    expect(await s.renewLease('morning', 'a', later(30_000), 60_000)).toBe(true);
    expect(await s.acquireLease('morning', 'b', later(80_000), 60_000)).toBe(false);
    expect(await s.acquireLease('morning', 'b', later(90_000), 60_000)).toBe(true);
    expect(await s.renewLease('morning', 'a', later(91_000), 60_000)).toBe(false);
    await s.releaseLease('morning', 'a');
    expect((await s.lease('morning'))!.holder).toBe('b');
    await s.releaseLease('morning', 'b');
    expect(await s.lease('morning')).toBeUndefined();
    // Another schedule has its own lease.
    expect(await s.acquireLease('weekly', 'a', T0, 60_000)).toBe(true);
  });

  it('a run id is taken once; building → sending with its deliveries in one step', async () => {
    const s = new DigestStore(await b.fresh());
    const run = { id: 'morning@2025-06-16T01:00:00.000Z', schedule: 'morning', scheduledFor: T0.toISOString(), trigger: 'cron' as const, startedAt: T0.toISOString() };
    expect(await s.createRun(run)).toBe(true);
    expect(await s.createRun(run)).toBe(false);
    expect((await s.unfinished('morning')).map((r) => r.status)).toEqual(['building']);
    await s.markBuilt(run.id, { message: '{"m":1}', state: '{"s":1}', destinations: ['slack:C1', 'dingtalk:cid1'], now: T0 });
    expect(await s.run(run.id)).toMatchObject({ status: 'sending', message: '{"m":1}', state: '{"s":1}' });
    expect((await s.deliveries(run.id)).map((d) => [d.destination, d.status, d.attempts])).toEqual([
      ['slack:C1', 'pending', 0],
      ['dingtalk:cid1', 'pending', 0],
    ]);
    await s.markSending(run.id, 'slack:C1', T0);
    await s.markFailed(run.id, 'slack:C1', T0, 'http 500', false);
    await s.markSending(run.id, 'slack:C1', T0);
    await s.markSent(run.id, 'slack:C1', later(1000));
    await s.markSending(run.id, 'dingtalk:cid1', T0);
    await s.markFailed(run.id, 'dingtalk:cid1', T0, 'refused', true);
    expect((await s.deliveries(run.id)).map((d) => [d.destination, d.status, d.attempts, d.lastError ?? null])).toEqual([
      ['slack:C1', 'sent', 2, null],
      ['dingtalk:cid1', 'failed', 1, 'refused'],
    ]);
    await s.finishRun(run.id, 'partial', later(2000));
    expect(await s.unfinished('morning')).toEqual([]);
    expect(await s.lastDeliveredState('morning')).toEqual({ runId: run.id, state: '{"s":1}' });
  });

  it('the previous state is the last one that reached somebody', async () => {
    const s = new DigestStore(await b.fresh());
    const mk = async (id: string, at: Date, status: 'sent' | 'failed') => {
      await s.createRun({ id, schedule: 'm', scheduledFor: at.toISOString(), trigger: 'cron', startedAt: at.toISOString() });
      await s.markBuilt(id, { message: '{}', state: JSON.stringify({ id }), destinations: [], now: at });
      await s.finishRun(id, status, at);
    };
    await mk('a', T0, 'sent');
    await mk('b', later(1000), 'failed');
    expect((await s.lastDeliveredState('m'))!.runId).toBe('a');
    await s.pruneRuns('m', 1);
    expect((await s.run('a'))!.state).toBeUndefined();
    expect((await s.run('b'))!.state).toBeDefined();
  });

  it('schedules remember when they were first known; subscriptions are unique per place', async () => {
    const s = new DigestStore(await b.fresh());
    expect(await s.registerSchedule('m', T0)).toBe(T0.toISOString());
    expect(await s.registerSchedule('m', later(5000))).toBe(T0.toISOString());
    const sub = { schedule: 'm', destination: 'slack:C9', spec: '{"kind":"slack","channel":"C9"}', addedBy: 'slack:U1', addedAt: T0.toISOString() };
    expect(await s.subscribe(sub)).toBe(true);
    expect(await s.subscribe(sub)).toBe(false);
    expect(await s.subscriptions('m')).toEqual([sub]);
    expect(await s.unsubscribe('m', 'slack:C9')).toBe(true);
    expect(await s.unsubscribe('m', 'slack:C9')).toBe(false);
  });
});
