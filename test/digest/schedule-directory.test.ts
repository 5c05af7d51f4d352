// Schedules when accounts come from a Resource Directory: a discovered member's name is only known
// once the directory is listed, so it is checked when the digest runs, not refused at start.

import { describe, expect, it } from 'vitest';
import { parseSchedules } from '../../src/digest/schedule-config.js';
import { buildPostureSource } from '../builders/posture.js';
import { silentLogger } from '../../src/core/logger.js';
import { NOW } from '../builders/snapshot.js';

const base = { name: 'morning', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai' };

describe('schedules with resourceDirectory', () => {
  it('accept a member name that only discovery will know, and ask for an account when none is configured', () => {
    const [s] = parseSchedules([{ ...base, account: 'staging' }], { accounts: [], discovery: true, env: {} });
    expect(s!.account).toBe('staging');
    expect(() => parseSchedules([base], { accounts: [], discovery: true, env: {} })).toThrow(/name the account.*resourceDirectory/);
    expect(() => parseSchedules([{ ...base, account: 'staging' }], { accounts: ['prod'], env: {} })).toThrow(/no account named staging/);
  });

  it('a digest for a discovered member lists the directory first', async () => {
    const posture = buildPostureSource({ accounts: [] });
    (posture as unknown as { opts: { backend: { discover: () => Promise<unknown[]> } } }).opts.backend.discover = async () => [
      { name: 'staging', accountId: '3000000000000003', roleArn: 'acs:ram::3000000000000003:role/r', discovered: true },
    ];
    const scan = await posture.scoped({ account: 'staging', maxAgeMs: 0, now: NOW, log: silentLogger() });
    expect(scan.findings.length).toBeGreaterThan(0);
  });
});
