// Schedules when accounts come from a Resource Directory: a discovered member's name is only known
// once the directory is listed, so it is checked when the digest runs, not refused at start.

import { describe, expect, it } from 'vitest';
import { parseSchedules } from '../../src/digest/schedule-config.js';
import { gapSentence } from '../../src/checks/gaps.js';
import { buildPostureSource } from '../builders/posture.js';
import { silentLogger } from '../../src/core/logger.js';
import { NOW, buildSnapshot } from '../builders/snapshot.js';
import { createScanSource } from '../../src/digest/scan-source.js';
import { WhoownsError } from '../../src/core/errors.js';

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

describe('a schedule across accounts', () => {
  it('accounts: all | [..] is one digest over every named account; an unreadable one is a gap naming it', async () => {
    const [s] = parseSchedules([{ ...base, accounts: 'all' }], { accounts: ['prod', 'staging'], env: {} });
    expect(s!.accounts).toBe('all');
    expect(() => parseSchedules([{ ...base, accounts: ['prod', 'nope'] }], { accounts: ['prod'], env: {} })).toThrow(/accounts: no account named nope/);
    expect(() => parseSchedules([{ ...base, account: 'prod', accounts: ['prod'] }], { accounts: ['prod'], env: {} })).toThrow(/either account or accounts/);

    const posture = buildPostureSource({
      accounts: [{ name: 'prod' }, { name: 'sandbox' }],
      collect: async (a) => {
        if (a.name === 'sandbox') throw new WhoownsError('CLOUD_CALL', { zh: '无法扮演角色', en: 'Account sandbox: cannot assume role (EntityNotExist.Role).' });
        return buildSnapshot();
      },
    });
    const scan = await createScanSource(posture)(s!, NOW, silentLogger());
    expect(scan.accountName).toBe('all accounts');
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.findings.every((f) => f.resource.account === buildSnapshot().identity!.accountId)).toBe(true);
    expect(scan.incomplete).toBe(true);
    expect(scan.gaps).toContainEqual(expect.objectContaining({ service: 'sts', action: 'AssumeRole', resource: 'sandbox', message: 'Account sandbox: cannot assume role (EntityNotExist.Role).' }));
  });
});

describe('an unreadable account in a digest', () => {
  it('is named in the gap sentence, in both languages', () => {
    const g = { service: 'sts' as const, action: 'AssumeRole', resource: 'sandbox', code: 'AccountUnreadable', message: 'Account sandbox: cannot assume role (EntityNotExist.Role).' };
    expect(gapSentence(g).en).toBe('Account sandbox could not be read: Account sandbox: cannot assume role (EntityNotExist.Role).');
    expect(gapSentence(g).zh).toMatch(/^账号 sandbox 无法读取/);
  });
});
