import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { holderGoneOnThisHost } from '../../src/digest/runner.js';
import { openDb } from '../../src/store/db.js';
import { DigestStore } from '../../src/store/digests.js';

describe('leases of killed processes', () => {
  const host = hostname();

  it('knows a holder on this host whose process is gone', () => {
    expect(holderGoneOnThisHost(`${host}:999999:ab`, host, () => false)).toBe(true);
    expect(holderGoneOnThisHost(`${host}:${process.pid}:ab`, host, () => false)).toBe(false); // ourselves
    expect(holderGoneOnThisHost(`${host}:4242:ab`, host, () => true)).toBe(false); // alive
    expect(holderGoneOnThisHost('other-host:4242:ab', host, () => false)).toBe(false); // cannot tell
    expect(holderGoneOnThisHost('garbage', host, () => false)).toBe(false);
  });

  it('takes over a live lease only from the named holder', async () => {
    const store = new DigestStore(openDb(':memory:'));
    const now = new Date('2026-11-28T01:00:00Z');
    expect(await store.acquireLease('morning', 'h:1:a', now, 120_000)).toBe(true);
    expect(await store.acquireLease('morning', 'h:2:b', now, 120_000)).toBe(false);
    expect(await store.takeOverLease('morning', 'h:9:z', 'h:2:b', now, 120_000)).toBe(false);
    expect(await store.takeOverLease('morning', 'h:1:a', 'h:2:b', now, 120_000)).toBe(true);
    expect((await store.lease('morning'))?.holder).toBe('h:2:b');
  });
});
