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
  it('passes every rule of a benchmark policy', () => {
    const f = run(passwordPolicy);
    expect(f.map((x) => x.detail).sort()).toEqual(['expiry-365', 'lowercase', 'max-age', 'max-login-attempts', 'min-length', 'numbers', 'reuse-prevention', 'symbols', 'uppercase']);
    // The v2 expiry rule contradicts the default (v1) 90-day max age, so it is skipped under it.
    expect(new Set(f.filter((x) => x.detail !== 'expiry-365').map((x) => x.status))).toEqual(new Set(['pass']));
    expect(f.find((x) => x.detail === 'expiry-365')!.status).toBe('skip');
  });

  it('fails each weak rule separately, with a CLI built from the thresholds', () => {
    const weak = buildPasswordPolicy({ minimumPasswordLength: 8, requireSymbols: false, passwordReusePrevention: 0, maxLoginAttempts: 0, maxPasswordAge: 0 });
    const f = run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: weak } }));
    expect(only(f, 'fail').map((x) => x.detail).sort()).toEqual(['max-age', 'max-login-attempts', 'min-length', 'reuse-prevention', 'symbols']);
    const len = f.find((x) => x.detail === 'min-length')!;
    expect(len.reason.en).toBe('RAM password policy of account prod does not meet "minimum length ≥ 14" (currently: 8).');
    expect(len.remediation.cli).toContain('--MinimumPasswordLength 14');
    expect(f.find((x) => x.detail === 'max-login-attempts')!.reason.en).toContain('no lockout');
  });

  it('max age is configurable; 0 means not required (CIS v2)', () => {
    const f = run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: buildPasswordPolicy({ maxPasswordAge: 0 }) } }), { passwordMaxAgeDays: 0 });
    expect(f.find((x) => x.detail === 'max-age')!.status).toBe('skip');
    expect(only(f, 'fail')).toEqual([]);
    expect(f.find((x) => x.detail === 'min-length')!.remediation.cli).not.toContain('MaxPasswordAge');
  });

  it('CIS v2 1.13: with no forced expiry configured, passes no expiry or 365+ days and fails a shorter one', () => {
    const age = (maxPasswordAge: number) => run(passwordPolicy, buildSnapshot({ ramData: { passwordPolicy: buildPasswordPolicy({ maxPasswordAge }) } }), { passwordMaxAgeDays: 0 }).find((x) => x.detail === 'expiry-365')!;
    expect(age(0).status).toBe('pass');
    expect(age(400).status).toBe('pass');
    const short = age(90);
    expect(short.status).toBe('fail');
    expect(short.reason.en).toBe('RAM password policy of account prod does not meet "passwords expire after 365 days or more, or never" (currently: 90 days).');
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
