import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';

const T0 = new Date('2025-06-16T01:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('DigestStore', () => {
  it('a lease is exclusive (even to its holder) until it expires or is released', () => {
    const db = openDb(':memory:');
    const s = new DigestStore(db);
    expect(s.acquireLease('morning', 'a', T0, 60_000)).toBe(true);
    expect(s.acquireLease('morning', 'b', later(59_000), 60_000)).toBe(false);
    expect(s.acquireLease('morning', 'a', later(10_000), 60_000)).toBe(false);
    expect(s.renewLease('morning', 'a', later(30_000), 60_000)).toBe(true);
    expect(s.acquireLease('morning', 'b', later(80_000), 60_000)).toBe(false);
    expect(s.acquireLease('morning', 'b', later(90_000), 60_000)).toBe(true);
    expect(s.renewLease('morning', 'a', later(91_000), 60_000)).toBe(false);
    s.releaseLease('morning', 'a');
    expect(s.lease('morning')!.holder).toBe('b');
    s.releaseLease('morning', 'b');
    expect(s.lease('morning')).toBeUndefined();
    // Another schedule has its own lease.
    expect(s.acquireLease('weekly', 'a', T0, 60_000)).toBe(true);
  });

  it('a run id is taken once; building → sending with its deliveries in one step', () => {
    const s = new DigestStore(openDb(':memory:'));
    const run = { id: 'morning@2025-06-16T01:00:00.000Z', schedule: 'morning', scheduledFor: T0.toISOString(), trigger: 'cron' as const, startedAt: T0.toISOString() };
    expect(s.createRun(run)).toBe(true);
    expect(s.createRun(run)).toBe(false);
    expect(s.unfinished('morning').map((r) => r.status)).toEqual(['building']);
    s.markBuilt(run.id, { message: '{"m":1}', state: '{"s":1}', destinations: ['slack:C1', 'dingtalk:cid1'], now: T0 });
    expect(s.run(run.id)).toMatchObject({ status: 'sending', message: '{"m":1}', state: '{"s":1}' });
    expect(s.deliveries(run.id).map((d) => [d.destination, d.status, d.attempts])).toEqual([
      ['slack:C1', 'pending', 0],
      ['dingtalk:cid1', 'pending', 0],
    ]);
    s.markSending(run.id, 'slack:C1', T0);
    s.markFailed(run.id, 'slack:C1', T0, 'http 500', false);
    s.markSending(run.id, 'slack:C1', T0);
    s.markSent(run.id, 'slack:C1', later(1000));
    s.markSending(run.id, 'dingtalk:cid1', T0);
    s.markFailed(run.id, 'dingtalk:cid1', T0, 'refused', true);
    expect(s.deliveries(run.id).map((d) => [d.destination, d.status, d.attempts, d.lastError ?? null])).toEqual([
      ['slack:C1', 'sent', 2, null],
      ['dingtalk:cid1', 'failed', 1, 'refused'],
    ]);
    s.finishRun(run.id, 'partial', later(2000));
    expect(s.unfinished('morning')).toEqual([]);
    expect(s.lastDeliveredState('morning')).toEqual({ runId: run.id, state: '{"s":1}' });
  });

  it('the previous state is the last one that reached somebody', () => {
    const s = new DigestStore(openDb(':memory:'));
    const mk = (id: string, at: Date, status: 'sent' | 'failed') => {
      s.createRun({ id, schedule: 'm', scheduledFor: at.toISOString(), trigger: 'cron', startedAt: at.toISOString() });
      s.markBuilt(id, { message: '{}', state: JSON.stringify({ id }), destinations: [], now: at });
      s.finishRun(id, status, at);
    };
    mk('a', T0, 'sent');
    mk('b', later(1000), 'failed');
    expect(s.lastDeliveredState('m')!.runId).toBe('a');
    s.pruneRuns('m', 1);
    expect(s.run('a')!.state).toBeUndefined();
    expect(s.run('b')!.state).toBeDefined();
  });

  it('schedules remember when they were first known; subscriptions are unique per place', () => {
    const s = new DigestStore(openDb(':memory:'));
    expect(s.registerSchedule('m', T0)).toBe(T0.toISOString());
    expect(s.registerSchedule('m', later(5000))).toBe(T0.toISOString());
    const sub = { schedule: 'm', destination: 'slack:C9', spec: '{"kind":"slack","channel":"C9"}', addedBy: 'slack:U1', addedAt: T0.toISOString() };
    expect(s.subscribe(sub)).toBe(true);
    expect(s.subscribe(sub)).toBe(false);
    expect(s.subscriptions('m')).toEqual([sub]);
    expect(s.unsubscribe('m', 'slack:C9')).toBe(true);
    expect(s.unsubscribe('m', 'slack:C9')).toBe(false);
  });
});
