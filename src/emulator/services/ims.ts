// IMS (2019-08-15), the newer identity API: users are named by UserPrincipalName
// (user@<accountId>.onaliyun.com); account-wide settings live here.

import { entityNotFound, missingParameter } from '../api-error.js';
import type { AccountData } from '../data.js';
import type { Handlers } from '../handler.js';
import { markerPage } from '../paging.js';
import type { Params } from '../params.js';
import type { ScenarioRamUser } from '../scenario.js';
import { accessKeyBody, lastLogin, mfaSerial, mfaUsers, requireLoginProfile, requireMfaDevice, userBody } from './identity.js';

// IMS names users by UserPrincipalName; only GetUser still returns the plain UserName.
function imsUser(data: AccountData, u: ScenarioRamUser): Record<string, unknown> {
  const { UserName: _plainName, ...rest } = userBody(u);
  return { ...rest, UserPrincipalName: data.principalName(u), ProvisionType: 'Manual', ...lastLogin(u) };
}

/** GetUser accepts any one of UserPrincipalName, UserId or UserAccessKeyId. */
function findUser(data: AccountData, p: Params): ScenarioRamUser {
  if (p.get('UserPrincipalName') !== undefined) return data.userByPrincipal(p);
  const id = p.get('UserId');
  const key = p.get('UserAccessKeyId');
  if (id === undefined && key === undefined) throw missingParameter('UserPrincipalName');
  const u = id !== undefined ? data.users.find((x) => x.userId === id) : data.userOfAccessKey(key ?? '');
  if (!u) throw entityNotFound('EntityNotExist.User', `The user does not exist: ${id ?? key}.`);
  return u;
}

export const imsHandlers: Handlers = {
  GetDefaultDomain: ({ data }) => ({ DefaultDomainName: `${data.accountId}.onaliyun.com` }),

  GetPasswordPolicy: ({ data }) => {
    const pp = data.scenario.ram.passwordPolicy;
    return {
      PasswordPolicy: {
        MinimumPasswordLength: pp.minimumPasswordLength,
        RequireLowercaseCharacters: pp.requireLowercaseCharacters,
        RequireUppercaseCharacters: pp.requireUppercaseCharacters,
        RequireNumbers: pp.requireNumbers,
        RequireSymbols: pp.requireSymbols,
        PasswordReusePrevention: pp.passwordReusePrevention,
        MaxPasswordAge: pp.maxPasswordAge,
        HardExpire: pp.hardExpire,
        MaxLoginAttemps: pp.maxLoginAttempts, // sic: the API's spelling
        MinimumPasswordDifferentCharacter: 0,
        PasswordNotContainUserName: false,
      },
    };
  },

  GetSecurityPreference: ({ data }) => {
    const sp = data.scenario.ram.securityPreference;
    return {
      SecurityPreference: {
        LoginProfilePreference: {
          MFAOperationForLogin: sp.mfaOperationForLogin,
          EnableSaveMFATicket: sp.enableSaveMfaTicket,
          LoginNetworkMasks: sp.loginNetworkMasks,
          LoginSessionDuration: sp.loginSessionDuration,
          AllowUserToChangePassword: sp.allowUserToChangePassword,
          OperationForRiskLogin: 'autonomous',
        },
        AccessKeyPreference: { AllowUserToManageAccessKeys: sp.allowUserToManageAccessKeys },
        MFAPreference: { AllowUserToManageMFADevices: sp.allowUserToManageMfaDevices },
        PersonalInfoPreference: { AllowUserToManagePersonalDingTalk: true },
        MaxIdleDays: { MaxIdleDaysForUsers: 730, MaxIdleDaysForAccessKeys: 730 },
        VerificationPreference: { VerificationTypes: ['sms', 'email'] },
      },
    };
  },

  GetUserMFAInfo: ({ params: p, data }) => ({ IsMFAEnable: true, MFADevice: requireMfaDevice(data, data.userByPrincipal(p)) }),

  GetAccessKeyLastUsed: ({ params: p, data }) => {
    const u = data.userByPrincipal(p);
    const keyId = p.required('UserAccessKeyId');
    const key = u.accessKeys.find((k) => k.accessKeyId === keyId);
    if (!key) throw entityNotFound('EntityNotExist.User.AccessKey', `The access key does not exist: ${keyId}.`);
    // A key never used has no LastUsedDate at all.
    return { AccessKeyLastUsed: key.lastUsedDate ? { LastUsedDate: key.lastUsedDate, ServiceName: 'ecs' } : {} };
  },

  ListUsers: ({ params: p, data }) => {
    const page = markerPage(data.users, p);
    return { ...page.fields, Users: { User: page.items.map((u) => ({ ...imsUser(data, u), Status: 'Active' })) } };
  },

  GetUser: ({ params: p, data }) => {
    const u = findUser(data, p);
    return { User: { ...imsUser(data, u), UserName: u.userName } };
  },

  ListAccessKeys: ({ params: p, data }) => ({
    AccessKeys: { AccessKey: data.userByPrincipal(p).accessKeys.map((k) => ({ ...accessKeyBody(k), UpdateDate: k.createDate })) },
  }),

  GetLoginProfile: ({ params: p, data }) => {
    const u = data.userByPrincipal(p);
    requireLoginProfile(u);
    return {
      LoginProfile: {
        UserPrincipalName: data.principalName(u),
        Status: 'Active',
        PasswordResetRequired: false,
        MFABindRequired: u.mfaEnabled,
        UpdateDate: u.createDate,
        ...(u.lastLoginDate ? { LastLoginTime: u.lastLoginDate } : {}),
      },
    };
  },

  ListVirtualMFADevices: ({ params: p, data }) => {
    const page = markerPage(mfaUsers(data), p);
    return {
      ...page.fields,
      VirtualMFADevices: {
        VirtualMFADevice: page.items.map((u) => ({
          SerialNumber: mfaSerial(data, u),
          ActivateDate: u.createDate,
          User: { UserPrincipalName: data.principalName(u), UserId: u.userId, DisplayName: u.displayName },
        })),
      },
    };
  },

  GetAccountSummary: ({ data }) => {
    const { ram } = data.scenario;
    const mfa = mfaUsers(data).length;
    return {
      SummaryMap: {
        Users: ram.users.length,
        Groups: ram.groups.length,
        Roles: 0,
        Policies: ram.customPolicies.length,
        MFADevices: mfa,
        MFADevicesInUse: mfa,
        UsersQuota: 1000,
        GroupsQuota: 50,
        RolesQuota: 1000,
        PoliciesQuota: 1500,
        AccessKeysPerUserQuota: 2,
        AttachedPoliciesPerUserQuota: 5,
        AttachedPoliciesPerGroupQuota: 5,
        GroupsPerUserQuota: 5,
        VersionsPerPolicyQuota: 5,
        PolicySizeQuota: 6144,
        VirtualMFADevicesQuota: 1000,
      },
    };
  },
};
