import { expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { startDirectoryRefresh } from '../../src/jobs/directory-refresh.js';

it('lists the directory at start and on every period; a failed listing is logged, the next still runs', async () => {
  let calls = 0;
  const r = startDirectoryRefresh({
    discover: async () => {
      calls++;
      if (calls === 2) throw new Error('throttled');
    },
    everyMs: 40,
    log: silentLogger(),
  });
  await new Promise((res) => setTimeout(res, 150));
  r.stop();
  const seen = calls;
  expect(seen).toBeGreaterThanOrEqual(3);
  await new Promise((res) => setTimeout(res, 100));
  expect(calls).toBe(seen);
});
