import { describe, expect, it } from 'vitest';
import { accessKeyOld } from '../../../src/checks/ram/access-key-old.js';
import { accessKeyUnused } from '../../../src/checks/ram/access-key-unused.js';
import { consoleIdle } from '../../../src/checks/ram/console-idle.js';
import { consoleNoMfa } from '../../../src/checks/ram/console-no-mfa.js';
import { directPolicy } from '../../../src/checks/ram/direct-policy.js';
import { multipleActiveKeys } from '../../../src/checks/ram/multiple-active-keys.js';
import type { RamUser } from '../../../src/cloud/snapshot.js';
import { run, statuses } from '../../builders/context.js';
import { buildAccessKey, buildGap, buildSnapshot, buildUser, daysAgo } from '../../builders/snapshot.js';

const withUser = (o: Partial<RamUser>) => buildSnapshot({ ramData: { users: [buildUser(o)] } });
const ramGap = (action: string, o = {}) => buildGap({ service: 'ram', region: undefined, action, missingAction: `ram:${action}`, ...o });

describe('every RAM check turns a failed ListUsers or a missing RAM snapshot into one error', () => {
  it.each([consoleNoMfa, consoleIdle, accessKeyOld, accessKeyUnused, multipleActiveKeys, directPolicy])('$meta.id', (check) => {
    const listFailed = run(check, buildSnapshot({ ramData: { users: null }, gaps: [ramGap('ListUsers')] }));
    expect(statuses(listFailed)).toEqual(['error']);
    expect(listFailed[0]!.resource.type).toBe('account');
    expect(listFailed[0]!.reason.en).toContain('grant ram:ListUsers');
    const notCollected = run(check, buildSnapshot({ ram: null, gaps: [ramGap('ListUsers', { code: 'Unreachable', missingAction: undefined })] }));
    expect(statuses(notCollected)).toEqual(['error']);
    expect(notCollected[0]!.reason.en).toContain('ListUsers failed (Unreachable)');
  });
});

describe('ram.user.console-no-mfa', () => {
  it.each([
    [{}, 'pass'],
    [{ mfaEnabled: false }, 'fail'],
    [{ hasConsoleLogin: false, mfaEnabled: false }, 'skip'],
    [{ hasConsoleLogin: null }, 'error'],
    [{ mfaEnabled: null }, 'error'],
  ] as const)('%j → %s', (o, status) => {
    expect(statuses(run(consoleNoMfa, withUser(o)))).toEqual([status]);
  });
  it('names the user and fills the CLI', () => {
    const f = run(consoleNoMfa, withUser({ mfaEnabled: false }))[0]!;
    expect(f.reason.en).toBe('RAM user Alice (alice) can sign in to the console with a password alone (no MFA device).');
    expect(f.remediation.cli).toBe('aliyun ram UpdateLoginProfile --UserName alice --MFABindRequired true');
  });
  it('names the failed per-user call', () => {
    const snap = buildSnapshot({ ramData: { users: [buildUser({ mfaEnabled: null })] }, gaps: [ramGap('GetUserMFAInfo', { resource: 'alice' })] });
    expect(run(consoleNoMfa, snap)[0]!.reason.en).toContain('grant ram:GetUserMFAInfo');
  });
});

describe('ram.user.console-idle', () => {
  it.each([
    [{}, 'pass'],
    [{ lastLoginDate: daysAgo(120) }, 'fail'],
    [{ lastLoginDate: null, createDate: daysAgo(200) }, 'fail'],
    [{ lastLoginDate: null, createDate: daysAgo(10) }, 'pass'],
    [{ hasConsoleLogin: false, lastLoginDate: daysAgo(500) }, 'skip'],
  ] as const)('%j → %s', (o, status) => {
    expect(statuses(run(consoleIdle, withUser(o)))).toEqual([status]);
  });
  it('does not read a failed GetUser as "never logged in"', () => {
    const snap = buildSnapshot({ ramData: { users: [buildUser({ lastLoginDate: null, createDate: daysAgo(200) })] }, gaps: [ramGap('GetUser', { resource: 'alice' })] });
    expect(statuses(run(consoleIdle, snap))).toEqual(['error']);
  });
  it('uses the threshold', () => {
    expect(statuses(run(consoleIdle, withUser({ lastLoginDate: daysAgo(40) }), { consoleIdleDays: 30 }))).toEqual(['fail']);
  });
});

describe('ram.access-key.old', () => {
  it('fails active keys older than the threshold, skips disabled ones', () => {
    const f = run(accessKeyOld, withUser({ accessKeys: [buildAccessKey({ createDate: daysAgo(100) }), buildAccessKey({ accessKeyId: 'LTAI-2', status: 'Inactive', createDate: daysAgo(400) }), buildAccessKey({ accessKeyId: 'LTAI-3' })] }));
    expect(f.map((x) => [x.resource.id, x.status])).toEqual([
      ['LTAI-key-1', 'fail'],
      ['LTAI-2', 'skip'],
      ['LTAI-3', 'pass'],
    ]);
    expect(f[0]!.reason.en).toMatch(/^AccessKey LTAI-key-1 of RAM user alice was created 100 days ago/);
    expect(f[0]!.reason.zh).toMatch(/^RAM 用户 alice 的 AccessKey（LTAI-key-1）创建于 100 天前/);
  });
  it('errors when the keys could not be listed', () => {
    const snap = buildSnapshot({ ramData: { users: [buildUser({ accessKeys: null })] }, gaps: [ramGap('ListAccessKeys', { resource: 'alice' })] });
    const f = run(accessKeyOld, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ram:ListAccessKeys');
  });
});

describe('ram.access-key.unused', () => {
  it.each([
    [{}, 'pass'],
    [{ lastUsedDate: daysAgo(91) }, 'fail'],
    [{ lastUsedDate: null, createDate: daysAgo(120) }, 'fail'],
    [{ lastUsedDate: null, createDate: daysAgo(5) }, 'pass'],
    [{ status: 'Inactive', lastUsedDate: null, createDate: daysAgo(500) }, 'skip'],
  ] as const)('%j → %s', (o, status) => {
    expect(statuses(run(accessKeyUnused, withUser({ accessKeys: [buildAccessKey(o)] })))).toEqual([status]);
  });
  it('does not read a failed GetAccessKeyLastUsed as "never used"', () => {
    const snap = buildSnapshot({
      ramData: { users: [buildUser({ accessKeys: [buildAccessKey({ lastUsedDate: null, createDate: daysAgo(120) })] })] },
      gaps: [ramGap('GetAccessKeyLastUsed', { service: 'ims', resource: 'alice/LTAI-key-1' })],
    });
    const f = run(accessKeyUnused, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ram:GetAccessKeyLastUsed');
  });
  it('errors as a whole when user principal names could not be read (no dates at all)', () => {
    const snap = buildSnapshot({
      ramData: { users: [buildUser({ accessKeys: [buildAccessKey({ lastUsedDate: null, createDate: daysAgo(120) })] })] },
      gaps: [ramGap('GetDefaultDomain', { service: 'ims' })],
    });
    const f = run(accessKeyUnused, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ram:GetDefaultDomain');
  });
  it('does not pass a recently used key whose per-key call failed', () => {
    const snap = buildSnapshot({ gaps: [ramGap('GetAccessKeyLastUsed', { service: 'ims', resource: 'alice/LTAI-key-1', code: 'Throttling.User', missingAction: undefined })] });
    expect(statuses(run(accessKeyUnused, snap))).toEqual(['error']);
  });
  it('fills user and key into the CLI', () => {
    const f = run(accessKeyUnused, withUser({ accessKeys: [buildAccessKey({ lastUsedDate: daysAgo(200) })] }))[0]!;
    expect(f.remediation.cli).toBe('aliyun ram UpdateAccessKey --UserName alice --UserAccessKeyId LTAI-key-1 --Status Inactive');
  });
});

describe('ram.user.multiple-active-keys and ram.user.direct-policy', () => {
  it('multiple active keys fail; one active plus one disabled passes', () => {
    expect(statuses(run(multipleActiveKeys, withUser({ accessKeys: [buildAccessKey(), buildAccessKey({ accessKeyId: 'LTAI-2' })] })))).toEqual(['fail']);
    expect(statuses(run(multipleActiveKeys, withUser({ accessKeys: [buildAccessKey(), buildAccessKey({ accessKeyId: 'LTAI-2', status: 'Inactive' })] })))).toEqual(['pass']);
    expect(statuses(run(multipleActiveKeys, withUser({ accessKeys: null })))).toEqual(['error']);
  });
  it('direct policies fail, none passes, unknown errors', () => {
    const f = run(directPolicy, withUser({ policies: [{ policyName: 'AliyunECSFullAccess', policyType: 'System' }] }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('AliyunECSFullAccess');
    expect(statuses(run(directPolicy))).toEqual(['pass']);
    expect(statuses(run(directPolicy, withUser({ policies: null })))).toEqual(['error']);
  });
});
