import { expect, it } from 'vitest';
import { SEEN_KEEP_MS, SeenMessageStore } from '../../src/store/seen-messages.js';
import { describeStores } from '../builders/store.js';

// DingTalk Stream with several replicas: a message delivered (or redelivered) to more than one
// connection is handled by the one replica whose INSERT lands first.

describeStores('chat message dedupe', (b) => {
  it('three replicas offered the same 50 msgIds: each id is claimed exactly once', async () => {
    const open = await b.shared();
    const replicas = await Promise.all([open(), open(), open()].map(async (db) => new SeenMessageStore(await db)));
    const now = new Date('2026-01-01T00:00:00Z');
    const ids = Array.from({ length: 50 }, (_, i) => `msg-${i}`);
    const wins = await Promise.all(ids.flatMap((id) => replicas.map((r) => r.claim('dingtalk', id, now).then((ok) => (ok ? id : undefined)))));
    const won = wins.filter((x): x is string => x !== undefined);
    expect(won.sort()).toEqual([...ids].sort());
  });

  it('forgets ids after a day, and keeps platforms apart', async () => {
    const s = new SeenMessageStore(await b.fresh());
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(await s.claim('dingtalk', 'm1', t0)).toBe(true);
    expect(await s.claim('slack', 'm1', t0)).toBe(true);
    expect(await s.claim('dingtalk', 'm1', t0)).toBe(false);
    const later = new Date(t0.getTime() + SEEN_KEEP_MS + 3_600_001);
    expect(await s.claim('dingtalk', 'other', later)).toBe(true); // prunes
    expect(await s.claim('dingtalk', 'm1', later)).toBe(true);
  });
});
