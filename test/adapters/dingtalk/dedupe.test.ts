import { describe, expect, it } from 'vitest';
import { createSeenSet } from '../../../src/adapters/dingtalk/dedupe.js';

describe('createSeenSet', () => {
  it('answers each id once within the window, bounded in size', () => {
    let t = 0;
    const seen = createSeenSet({ max: 3, ttlMs: 1000, now: () => t });
    expect(seen.firstTime('a')).toBe(true);
    expect(seen.firstTime('a')).toBe(false);
    for (const id of ['b', 'c', 'd']) seen.firstTime(id);
    expect(seen.size).toBe(3);
    expect(seen.firstTime('a')).toBe(true); // evicted by size
    t = 5000;
    expect(seen.firstTime('d')).toBe(true); // expired by age
    expect(seen.size).toBe(1);
  });
});
