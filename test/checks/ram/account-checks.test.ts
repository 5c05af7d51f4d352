import { describe, expect, it } from 'vitest';
import { fullAdmin, grantsEverything } from '../../../src/checks/ram/full-admin.js';
import { passwordPolicy } from '../../../src/checks/ram/password-policy.js';
import { securityPreference } from '../../../src/checks/ram/security-preference.js';
import { only, run, statuses } from '../../builders/context.js';
import { buildGap, buildGroup, buildPasswordPolicy, buildPolicy, buildSecurityPreference, buildSnapshot, buildUser } from '../../builders/snapshot.js';

const ramGap = (action: string, o = {}) => buildGap({ service: 'ram', region: undefined, action, missingAction: `ram:${action}`, ...o });
const admin = { policyName: 'AdministratorAccess', policyType: 'System' };

describe('ram.policy.full-admin', () => {
  it('passes a least-privilege account', () => {
    expect(statuses(run(fullAdmin))).toEqual(['pass']);
  });

  it.each([
    [{ Effect: 'Allow', Action: '*', Resource: '*' }, true],
    [{ Effect: 'allow', Action: ['ecs:*', '*'], Resource: ['*'] }, true],
    [{ Effect: 'Allow', Action: '*:*', Resource: '*' }, true],
    [{ Effect: 'Allow', Action: '*' }, true],
    [{ Effect: 'Allow', Action: '*', Resource: 'acs:ecs:*:*:instance/*' }, false],
    [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }, false],
    [{ Effect: 'Deny', Action: '*', Resource: '*' }, false],
  ])('statement %j grants everything: %s', (statement, expected) => {
    expect(grantsEverything({ Statement: [statement] })).toBe(expected);
  });

  it('fails a custom "*" on "*" policy', () => {
    const f = run(fullAdmin, buildSnapshot({ ramData: { customPolicies: [buildPolicy({ policyName: 'god', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } })] } }));
    expect(only(f, 'fail').map((x) => [x.resource.type, x.resource.id])).toEqual([['ram-policy', 'god']]);
    expect(only(f, 'fail')[0]!.remediation.cli).toContain('ListEntitiesForPolicy --PolicyType Custom --PolicyName god');
  });

  it('fails the system AdministratorAccess on users and on groups', () => {
    const f = run(fullAdmin, buildSnapshot({ ramData: { users: [buildUser({ policies: [admin] })], groups: [buildGroup({ groupName: 'ops', policies: [admin] })] } }));
    const fails = only(f, 'fail');
    expect(fails.map((x) => [x.resource.type, x.resource.id, x.detail])).toEqual([
      ['ram-user', 'alice', 'AdministratorAccess'],
      ['ram-group', 'ops', 'AdministratorAccess'],
    ]);
    expect(fails.find((x) => x.resource.type === 'ram-user')!.remediation.cli).toBe('aliyun ram DetachPolicyFromUser --PolicyType System --PolicyName AdministratorAccess --UserName alice');
    expect(fails.find((x) => x.resource.type === 'ram-group')!.remediation.cli).toContain('DetachPolicyFromGroup --PolicyType System --PolicyName AdministratorAccess --GroupName ops');
  });

  it('errors for unreadable documents and attachments', () => {
    const f = run(fullAdmin, buildSnapshot({ ramData: { customPolicies: [buildPolicy({ document: null })], users: [buildUser({ policies: null })], groups: [buildGroup({ policies: null })] } }));
    expect(statuses(f)).toEqual(['error', 'error', 'error']);
  });

  it('errors as a whole when policies could not be listed', () => {
    const f = run(fullAdmin, buildSnapshot({ ramData: { customPolicies: null }, gaps: [ramGap('ListPolicies')] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ram:ListPolicies');
  });
});

describe('ram.password-policy', () => {
  it('passes every rule of a benchmark policy; max-age is not required by default (CIS v2)', () => {
    const f = run(passwordPolicy);
    expect(f.map((x) => x.detail).sort()).toEqual(['expiry-365', 'lowercase', 'max-age', 'max-login-attempts', 'min-length', 'numbers', 'reuse-prevention', 'symbols', 'uppercase']);
    expect(new Set(f.filter((x) => x.detail !== 'max-age').map((x) => x.status))).toEqual(new Set(['pass']));
    expect(f.find((x) => x.detail === 'max-age')!.status).toBe('skip');
    expect(f.find((x) => x.detail === 'min-length')!.remediation.cli).not.toContain('MaxPasswordAge');
  });

  it('fails each weak rule separately, with a CLI built from the thresholds', () => {
    const weak = buildPasswordPolicy({ minimumPasswordLength: 8, requireSymbols: false, passwordReusePrevention: 0, maxLoginAttempts: 0, maxPasswordAge: 30 });
    const f = run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: weak } }));
    expect(only(f, 'fail').map((x) => x.detail).sort()).toEqual(['expiry-365', 'max-login-attempts', 'min-length', 'reuse-prevention', 'symbols']);
    const len = f.find((x) => x.detail === 'min-length')!;
    expect(len.reason.en).toBe('RAM password policy of account prod does not meet "minimum length ≥ 14" (currently: 8).');
    expect(len.remediation.cli).toContain('--MinimumPasswordLength 14');
    expect(f.find((x) => x.detail === 'max-login-attempts')!.reason.en).toContain('no lockout');
  });

  it('CIS v2 1.13 is judged against the benchmark whatever the thresholds: no expiry or 365+ days pass, shorter fails', () => {
    const age = (maxPasswordAge: number, passwordMaxAgeDays?: number) =>
      run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: buildPasswordPolicy({ maxPasswordAge }) } }), passwordMaxAgeDays === undefined ? {} : { passwordMaxAgeDays }).find((x) => x.detail === 'expiry-365')!;
    for (const threshold of [undefined, 0, 90, 400]) {
      expect(age(0, threshold).status, `threshold ${threshold}`).toBe('pass');
      expect(age(400, threshold).status, `threshold ${threshold}`).toBe('pass');
      expect(age(90, threshold).status, `threshold ${threshold}`).toBe('fail');
    }
    const short = age(90);
    expect(short.reason.en).toBe('RAM password policy of account prod does not meet "passwords expire after 365 days or more, or never" (currently: 90 days).');
    // Its fix meets it: the thresholds' command with a year, never their shorter max age.
    expect(short.remediation.cli).toContain('--MaxPasswordAge 365');
  });

  it('the v1 max age still works for those who want it, and the v2 rule says the two contradict', () => {
    const f = run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: buildPasswordPolicy({ maxPasswordAge: 90 }) } }), { passwordMaxAgeDays: 90 });
    const maxAge = f.find((x) => x.detail === 'max-age')!;
    expect(maxAge.status).toBe('pass');
    expect(maxAge.remediation.cli).toContain('--MaxPasswordAge 90');
    const v2 = f.find((x) => x.detail === 'expiry-365')!;
    expect(v2.status).toBe('fail');
    expect(v2.reason.en).toContain('This is CIS v2 1.13; the passwordMaxAgeDays threshold (90) asks for the opposite (rule max-age)');
    expect(v2.reason.zh).toContain('阈值 passwordMaxAgeDays(90)要求的正相反');
    expect(v2.remediation.cli).toContain('--MaxPasswordAge 365');
    const never = run(passwordPolicy, buildSnapshot(), { passwordMaxAgeDays: 90 });
    expect(never.find((x) => x.detail === 'max-age')!.status).toBe('fail');
    expect(never.find((x) => x.detail === 'max-age')!.reason.en).toContain('CIS v2 1.13 (rule expiry-365) asks for the opposite, so one of the two fails whatever the policy.');
    expect(never.find((x) => x.detail === 'expiry-365')!.status).toBe('pass');
  });

  it('errors when the policy could not be read', () => {
    const f = run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: null }, gaps: [buildGap({ service: 'ims', region: undefined, action: 'GetPasswordPolicy', code: 'NoPermission' })] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ram:GetPasswordPolicy');
  });
});

describe('ram.security-preference', () => {
  it('passes strict settings', () => {
    expect(statuses(run(securityPreference))).toEqual(['pass', 'pass']);
  });
  it('fails optional MFA and user-managed keys', () => {
    const f = run(securityPreference, buildSnapshot({ ramData: { securityPreference: buildSecurityPreference({ mfaOperationForLogin: 'independent', allowUserToManageAccessKeys: true }) } }));
    expect(f.map((x) => [x.detail, x.status])).toEqual([
      ['mfa-at-login', 'fail'],
      ['user-managed-access-keys', 'fail'],
    ]);
    expect(f[0]!.reason.en).toContain('left to each user');
  });
  it('errors when unknown', () => {
    expect(statuses(run(securityPreference, buildSnapshot({ ramData: { securityPreference: null } })))).toEqual(['error']);
  });
});
