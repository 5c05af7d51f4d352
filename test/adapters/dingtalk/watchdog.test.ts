import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWatchdog } from '../../../src/adapters/dingtalk/watchdog.js';

afterEach(() => vi.useRealTimers());

describe('createWatchdog', () => {
  it('fires after a silence, once per window, and not while touched', () => {
    vi.useFakeTimers();
    const silences: number[] = [];
    const dog = createWatchdog({ timeoutMs: 1000, onSilent: (ms) => silences.push(ms) });
    dog.start();
    for (let i = 0; i < 8; i++) {
      vi.advanceTimersByTime(500);
      dog.touch();
    }
    expect(silences).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(silences).toHaveLength(1);
    expect(silences[0]).toBeGreaterThanOrEqual(1000);
    vi.advanceTimersByTime(1000);
    expect(silences).toHaveLength(2);
    dog.stop();
    vi.advanceTimersByTime(5000);
    expect(silences).toHaveLength(2);
  });
});
