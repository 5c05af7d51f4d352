import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/chat/message.js';
import { silentLogger } from '../../src/core/logger.js';
import { checkPlatforms, createDigestSystem } from '../../src/digest/index.js';
import { openDb } from '../../src/store/db.js';
import { scanWith } from '../builders/context.js';
import { buildSnapshot, NOW } from '../builders/snapshot.js';
import { buildSchedule, FakeClock } from './helpers.js';

describe('createDigestSystem', () => {
  it('passes every posted reply through the redactor it is given', async () => {
    const posted: Reply[] = [];
    const system = createDigestSystem({
      schedules: [buildSchedule()],
      db: openDb(':memory:'),
      scan: async (_s, now) => scanWith(buildSnapshot({ accountName: 'acct-with-secret-SEC123456', collectedAt: now.toISOString() }), { now }),
      senders: { slack: { postMessage: async (_c, r) => void posted.push(r) }, env: {} },
      log: silentLogger(),
      clock: new FakeClock(NOW),
      redact: (r) => JSON.parse(JSON.stringify(r).replaceAll('SEC123456', '[redacted]')) as Reply,
    });
    const out = await system.service.runNow();
    expect(out.status).toBe('sent');
    expect(JSON.stringify(posted)).not.toContain('SEC123456');
    expect(JSON.stringify(posted)).toContain('[redacted]');
  });

  it('refuses destinations on platforms the bot is not connected to', () => {
    const s = buildSchedule({ destinations: [{ kind: 'slack', channel: 'C1' }] });
    expect(() => checkPlatforms([s], { slack: false, dingtalk: true })).toThrow(/schedules\[0\] \(morning\)\.destinations\.0: a Slack channel, but Slack is not configured/);
    expect(() => checkPlatforms([s], { slack: true, dingtalk: false })).not.toThrow();
  });
});
