// RAM and IMS describe the same users; both must agree with the scenario and with each other.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { Ims, Ram, Sts, callError, clientsFor } from '../clients.js';

let em: RunningEmulator;
let c: ReturnType<typeof clientsFor>;
const upn = (user: string) => `${user}@5812345678901234.onaliyun.com`;
beforeAll(async () => {
  em = await startEmulator({ scenario: loadScenario('demo') });
  c = clientsFor(em);
});
afterAll(() => em.stop());

describe('RAM', () => {
  test('GetUser has LastLoginDate only after a login; unknown users are EntityNotExist.User', async () => {
    const carol = await c.ram.getUser(new Ram.GetUserRequest({ userName: 'carol' }));
    expect(carol.body?.user).toMatchObject({ userName: 'carol', displayName: 'Carol Zhang', lastLoginDate: '2026-05-20T08:00:00Z' });
    const bot = await c.ram.getUser(new Ram.GetUserRequest({ userName: 'deploy-bot' }));
    expect(bot.body?.user?.lastLoginDate).toBeUndefined();
    const nobody = await callError(c.ram.getUser(new Ram.GetUserRequest({ userName: 'mallory' })));
    expect([nobody.code, nobody.statusCode]).toEqual(['EntityNotExist.User', 404]);
  });

  test('GetLoginProfile is 404 EntityNotExist.User.LoginProfile for users without console access', async () => {
    const bob = await c.ram.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: 'bob' }));
    expect(bob.body?.loginProfile?.userName).toBe('bob');
    const err = await callError(c.ram.getLoginProfile(new Ram.GetLoginProfileRequest({ userName: 'deploy-bot' })));
    expect([err.code, err.statusCode]).toEqual(['EntityNotExist.User.LoginProfile', 404]);
  });

  test('ListAccessKeys for a user, and for the caller when UserName is omitted', async () => {
    const keys = await c.ram.listAccessKeys(new Ram.ListAccessKeysRequest({ userName: 'deploy-bot' }));
    expect(keys.body?.accessKeys?.accessKey?.map((k) => [k.accessKeyId, k.status, k.createDate])).toEqual([
      ['LTAI5tDemoDeploy000001', 'Active', '2025-08-15T01:10:00Z'],
      ['LTAI5tDemoDeploy000002', 'Active', '2026-06-01T01:00:00Z'],
    ]);
    const mine = await c.ram.listAccessKeys(new Ram.ListAccessKeysRequest({}));
    expect(mine.body?.accessKeys?.accessKey?.map((k) => k.accessKeyId)).toEqual(['LTAI5tEmulatorTestKey']);
  });

  test('attachments: direct policies, groups and group policies', async () => {
    const dave = await c.ram.listPoliciesForUser(new Ram.ListPoliciesForUserRequest({ userName: 'dave' }));
    expect(dave.body?.policies?.policy?.map((p) => [p.policyName, p.policyType])).toEqual([['AdministratorAccess', 'System']]);
    const groups = await c.ram.listGroupsForUser(new Ram.ListGroupsForUserRequest({ userName: 'bob' }));
    expect(groups.body?.groups?.group?.map((g) => g.groupName)).toEqual(['developers']);
    const devs = await c.ram.listPoliciesForGroup(new Ram.ListPoliciesForGroupRequest({ groupName: 'developers' }));
    expect(devs.body?.policies?.policy?.map((p) => [p.policyName, p.policyType])).toEqual([
      ['ecs-operator', 'Custom'],
      ['AliyunVPCReadOnlyAccess', 'System'],
    ]);
  });

  test('ListPolicies by type, and policy documents as JSON text', async () => {
    const custom = await c.ram.listPolicies(new Ram.ListPoliciesRequest({ policyType: 'Custom' }));
    expect(custom.body?.policies?.policy?.map((p) => [p.policyName, p.attachmentCount])).toEqual([
      ['ecs-operator', 1],
      ['legacy-full-access', 1],
    ]);
    const system = await c.ram.listPolicies(new Ram.ListPoliciesRequest({ policyType: 'System' }));
    expect(system.body?.policies?.policy?.find((p) => p.policyName === 'AdministratorAccess')?.attachmentCount).toBe(2);
    const v = await c.ram.getPolicyVersion(new Ram.GetPolicyVersionRequest({ policyName: 'legacy-full-access', policyType: 'Custom', versionId: 'v1' }));
    expect(JSON.parse(v.body?.policyVersion?.policyDocument ?? '')).toMatchObject({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const wrong = await callError(c.ram.getPolicyVersion(new Ram.GetPolicyVersionRequest({ policyName: 'legacy-full-access', policyType: 'Custom', versionId: 'v9' })));
    expect(wrong.code).toBe('EntityNotExist.Policy.Version');
    const missing = await callError(c.ram.getPolicy(new Ram.GetPolicyRequest({ policyName: 'nope', policyType: 'Custom' })));
    expect(missing.code).toBe('EntityNotExist.Policy');
  });

  test('MFA: devices are listed; a user without one is EntityNotExist.User.MFADevice', async () => {
    const devices = await c.ram.listVirtualMFADevices();
    expect(devices.body?.virtualMFADevices?.virtualMFADevice?.map((d) => d.user?.userName)).toEqual(['alice', 'carol', 'dave']);
    const bob = await callError(c.ram.getUserMFAInfo(new Ram.GetUserMFAInfoRequest({ userName: 'bob' })));
    expect(bob.code).toBe('EntityNotExist.User.MFADevice');
  });
});

describe('IMS', () => {
  test('GetUserMFAInfo by UserPrincipalName; other domains do not exist', async () => {
    const alice = await c.ims.getUserMFAInfo(new Ims.GetUserMFAInfoRequest({ userPrincipalName: upn('alice') }));
    expect(alice.body?.isMFAEnable).toBe(true);
    expect(alice.body?.MFADevice?.serialNumber).toBe('acs:ram::5812345678901234:mfa/alice');
    const bob = await callError(c.ims.getUserMFAInfo(new Ims.GetUserMFAInfoRequest({ userPrincipalName: upn('bob') })));
    expect([bob.code, bob.statusCode]).toEqual(['EntityNotExist.User.MFADevice', 404]);
    const alias = await c.ims.getUserMFAInfo(new Ims.GetUserMFAInfoRequest({ userPrincipalName: 'alice@whoowns-demo.onaliyun.com' }));
    expect(alias.body?.isMFAEnable).toBe(true);
    const other = await callError(c.ims.getUserMFAInfo(new Ims.GetUserMFAInfoRequest({ userPrincipalName: 'alice@elsewhere.onaliyun.com' })));
    expect(other.code).toBe('EntityNotExist.User');
  });

  test('GetAccessKeyLastUsed: a date when used, none when never used, 404 for a key of someone else', async () => {
    const used = await c.ims.getAccessKeyLastUsed(new Ims.GetAccessKeyLastUsedRequest({ userPrincipalName: upn('deploy-bot'), userAccessKeyId: 'LTAI5tDemoDeploy000001' }));
    expect(used.body?.accessKeyLastUsed?.lastUsedDate).toBe('2026-11-14T23:10:00Z');
    const never = await c.ims.getAccessKeyLastUsed(new Ims.GetAccessKeyLastUsedRequest({ userPrincipalName: upn('deploy-bot'), userAccessKeyId: 'LTAI5tDemoDeploy000002' }));
    expect(never.body?.accessKeyLastUsed?.lastUsedDate).toBeUndefined();
    const foreign = await callError(c.ims.getAccessKeyLastUsed(new Ims.GetAccessKeyLastUsedRequest({ userPrincipalName: upn('bob'), userAccessKeyId: 'LTAI5tDemoDeploy000001' })));
    expect(foreign.code).toBe('EntityNotExist.User.AccessKey');
  });

  test('account settings: password policy, security preference, default domain, summary', async () => {
    const pp = await c.ims.getPasswordPolicy();
    expect(pp.body?.passwordPolicy).toMatchObject({ minimumPasswordLength: 8, requireSymbols: false, passwordReusePrevention: 0, maxLoginAttemps: 5 });
    const sp = await c.ims.getSecurityPreference();
    expect(sp.body?.securityPreference?.loginProfilePreference?.MFAOperationForLogin).toBe('independent');
    expect(sp.body?.securityPreference?.accessKeyPreference?.allowUserToManageAccessKeys).toBe(false);
    expect((await c.ims.getDefaultDomain()).body?.defaultDomainName).toBe('5812345678901234.onaliyun.com');
    expect((await c.ims.getAccountSummary()).body?.summaryMap).toMatchObject({ users: 6, groups: 3, policies: 2, MFADevices: 3 });
  });

  test('GetUser by principal name, user id or AccessKey id', async () => {
    const byKey = await c.ims.getUser(new Ims.GetUserRequest({ userAccessKeyId: 'LTAI5tEmulatorTestKey' }));
    expect(byKey.body?.user).toMatchObject({ userName: 'whoowns-audit', userId: '204556781234567890', userPrincipalName: upn('whoowns-audit') });
    const byId = await c.ims.getUser(new Ims.GetUserRequest({ userId: '204556781234567890' }));
    expect(byId.body?.user?.userName).toBe('whoowns-audit');
  });
});

test('STS: the demo identity is the audit user; malformed role ARNs are refused', async () => {
  const me = await c.sts.getCallerIdentity();
  expect(me.body).toMatchObject({ accountId: '5812345678901234', identityType: 'RAMUser', arn: 'acs:ram::5812345678901234:user/whoowns-audit' });
  const bad = await callError(c.sts.assumeRole(new Sts.AssumeRoleRequest({ roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 'scan' })));
  expect(bad.code).toBe('InvalidParameter.RoleArn');
});
