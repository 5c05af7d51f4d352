// RAM users, groups, custom policies and the account's password/login settings (RAM + IMS).
// Each per-user detail fails on its own: the user stays listed with that field null.

import type { AccessKey, RamGroup, RamPolicy, RamSnapshot, RamUser } from './snapshot.js';
import type { Caller } from './caller.js';
import type { CallFailure } from './call-error.js';
import { Ims, Ram } from './sdk.js';
import { boolOrNull, list, num, str, strOrNull } from './coerce.js';
import { nextMarker, pageSizeWithin, readAllPages } from './paging.js';
import { parsePolicyDocument, toAttachedPolicies, toPasswordPolicy, toSecurityPreference } from './normalise-ram.js';

export interface RamScope {
  /** Page-size override (tests); RAM allows 1..1000. */
  pageSize?: number;
}

function maxItems(scope: RamScope): number {
  return pageSizeWithin(1000, scope.pageSize);
}

const isNoLoginProfile = (f: CallFailure) => f.code === 'EntityNotExist.User.LoginProfile';
// "No MFA device" comes back as an EntityNotExist.* error; a missing *user* is a real gap.
const isNoMfaDevice = (f: CallFailure) => f.code.startsWith('EntityNotExist') && f.code !== 'EntityNotExist.User';
const isNeverUsed = (f: CallFailure) => f.code === 'EntityNotExist.AccessKey.LastUsed' || f.code === 'EntityNotExist.AccessKeyLastUsed';

/**
 * IMS addresses users by principal name (name@<default domain>). Returns a function that maps a
 * user name to it, or null when the domain is unknown (then IMS details become gaps).
 */
export async function principalNamer(caller: Caller): Promise<((userName: string) => string) | null> {
  const res = await caller.call('ims:GetDefaultDomain', undefined, undefined);
  if (!res.ok) return null;
  const domain = str(res.body.defaultDomainName);
  if (domain === '') {
    caller.gap('ims:GetDefaultDomain', undefined, 'Malformed', 'response has no DefaultDomainName');
    return null;
  }
  return (userName) => `${userName}@${domain}`;
}

export async function collectRam(caller: Caller, scope: RamScope): Promise<RamSnapshot> {
  const upn = await principalNamer(caller);
  const [users, groups, customPolicies, passwordPolicy, securityPreference] = await Promise.all([
    readUsers(caller, scope, upn),
    readGroups(caller, scope),
    readCustomPolicies(caller, scope),
    readPasswordPolicy(caller),
    readSecurityPreference(caller),
  ]);
  return { users, groups, customPolicies, passwordPolicy, securityPreference };
}

async function readUsers(caller: Caller, scope: RamScope, upn: ((n: string) => string) | null): Promise<RamUser[] | null> {
  const listed = await readAllPages(
    caller,
    'ram:ListUsers',
    undefined,
    (marker: string | undefined) => new Ram.ListUsersRequest({ maxItems: maxItems(scope), ...(marker ? { marker } : {}) }),
    (body) => ({ items: list(body.users?.user), next: nextMarker(body.isTruncated, body.marker) }),
  );
  if (listed === null) return null;
  return Promise.all(
    listed.map((u) =>
      readUserDetails(caller, { userName: str(u.userName), userId: str(u.userId), displayName: str(u.displayName), createDate: str(u.createDate) }, upn),
    ),
  );
}

interface UserBase {
  userName: string;
  userId: string;
  displayName: string;
  createDate: string;
}

/** Everything about one user beyond the ListUsers row. Also used by targeted refresh. */
export async function readUserDetails(caller: Caller, base: UserBase, upn: ((n: string) => string) | null): Promise<RamUser> {
  const userName = base.userName;
  const opts = { resource: userName };
  const [user, login, mfa, keys, policies, groups] = await Promise.all([
    caller.call('ram:GetUser', undefined, new Ram.GetUserRequest({ userName }), opts),
    caller.call('ram:GetLoginProfile', undefined, new Ram.GetLoginProfileRequest({ userName }), { ...opts, expected: isNoLoginProfile }),
    upn
      ? caller.call('ims:GetUserMFAInfo', undefined, new Ims.GetUserMFAInfoRequest({ userPrincipalName: upn(userName) }), {
          ...opts,
          expected: isNoMfaDevice,
        })
      : Promise.resolve(null),
    readAccessKeys(caller, userName, upn),
    caller.call('ram:ListPoliciesForUser', undefined, new Ram.ListPoliciesForUserRequest({ userName }), opts),
    caller.call('ram:ListGroupsForUser', undefined, new Ram.ListGroupsForUserRequest({ userName }), opts),
  ]);

  const u = user.ok ? user.body.user : undefined;
  let hasConsoleLogin: boolean | null = null;
  if (login.ok) hasConsoleLogin = true;
  else if (login.expected) hasConsoleLogin = false;

  let mfaEnabled: boolean | null = null;
  if (mfa?.ok) {
    const flag = boolOrNull(mfa.body.isMFAEnable);
    mfaEnabled = flag ?? Boolean(mfa.body.MFADevice?.serialNumber);
  } else if (mfa && !mfa.ok && mfa.expected) {
    mfaEnabled = false;
  }

  return {
    userName,
    userId: str(u?.userId) || base.userId,
    displayName: str(u?.displayName) || base.displayName,
    createDate: str(u?.createDate) || base.createDate,
    lastLoginDate: strOrNull(u?.lastLoginDate),
    hasConsoleLogin,
    mfaEnabled,
    accessKeys: keys,
    policies: policies.ok ? toAttachedPolicies(policies.body.policies?.policy) : null,
    groups: groups.ok ? list(groups.body.groups?.group).map((g) => str(g.groupName)) : null,
  };
}

async function readAccessKeys(caller: Caller, userName: string, upn: ((n: string) => string) | null): Promise<AccessKey[] | null> {
  const res = await caller.call('ram:ListAccessKeys', undefined, new Ram.ListAccessKeysRequest({ userName }), { resource: userName });
  if (!res.ok) return null;
  const keys = list(res.body.accessKeys?.accessKey);
  return Promise.all(
    keys.map(async (k): Promise<AccessKey> => {
      const accessKeyId = str(k.accessKeyId);
      let lastUsedDate: string | null = null;
      if (upn) {
        const used = await caller.call(
          'ims:GetAccessKeyLastUsed',
          undefined,
          new Ims.GetAccessKeyLastUsedRequest({ userPrincipalName: upn(userName), userAccessKeyId: accessKeyId }),
          { resource: `${userName}/${accessKeyId}`, expected: isNeverUsed },
        );
        if (used.ok) lastUsedDate = strOrNull(used.body.accessKeyLastUsed?.lastUsedDate);
      }
      return { accessKeyId, status: str(k.status), createDate: str(k.createDate), lastUsedDate };
    }),
  );
}

async function readGroups(caller: Caller, scope: RamScope): Promise<RamGroup[] | null> {
  const listed = await readAllPages(
    caller,
    'ram:ListGroups',
    undefined,
    (marker: string | undefined) => new Ram.ListGroupsRequest({ maxItems: maxItems(scope), ...(marker ? { marker } : {}) }),
    (body) => ({ items: list(body.groups?.group), next: nextMarker(body.isTruncated, body.marker) }),
  );
  if (listed === null) return null;
  return Promise.all(
    listed.map(async (g): Promise<RamGroup> => {
      const groupName = str(g.groupName);
      const res = await caller.call('ram:ListPoliciesForGroup', undefined, new Ram.ListPoliciesForGroupRequest({ groupName }), {
        resource: groupName,
      });
      return { groupName, comments: str(g.comments), policies: res.ok ? toAttachedPolicies(res.body.policies?.policy) : null };
    }),
  );
}

async function readCustomPolicies(caller: Caller, scope: RamScope): Promise<RamPolicy[] | null> {
  const listed = await readAllPages(
    caller,
    'ram:ListPolicies',
    undefined,
    (marker: string | undefined) =>
      new Ram.ListPoliciesRequest({ policyType: 'Custom', maxItems: maxItems(scope), ...(marker ? { marker } : {}) }),
    (body) => ({ items: list(body.policies?.policy), next: nextMarker(body.isTruncated, body.marker) }),
  );
  if (listed === null) return null;
  return Promise.all(
    listed.map(async (p): Promise<RamPolicy> => {
      const policyName = str(p.policyName);
      const defaultVersion = str(p.defaultVersion);
      const base = { policyName, policyType: str(p.policyType) || 'Custom', defaultVersion, attachmentCount: num(p.attachmentCount) };
      const res = await caller.call(
        'ram:GetPolicyVersion',
        undefined,
        new Ram.GetPolicyVersionRequest({ policyName, policyType: 'Custom', versionId: defaultVersion }),
        { resource: policyName },
      );
      if (!res.ok) return { ...base, document: null };
      const parsed = parsePolicyDocument(res.body.policyVersion?.policyDocument);
      if (!parsed.ok) {
        caller.gap('ram:GetPolicyVersion', undefined, 'Malformed', parsed.reason, policyName);
        return { ...base, document: null };
      }
      return { ...base, document: parsed.document };
    }),
  );
}

async function readPasswordPolicy(caller: Caller) {
  const res = await caller.call('ims:GetPasswordPolicy', undefined, undefined);
  if (!res.ok) return null;
  if (!res.body.passwordPolicy) {
    caller.gap('ims:GetPasswordPolicy', undefined, 'Malformed', 'response has no PasswordPolicy');
    return null;
  }
  return toPasswordPolicy(res.body.passwordPolicy);
}

async function readSecurityPreference(caller: Caller) {
  const res = await caller.call('ims:GetSecurityPreference', undefined, undefined);
  if (!res.ok) return null;
  if (!res.body.securityPreference) {
    caller.gap('ims:GetSecurityPreference', undefined, 'Malformed', 'response has no SecurityPreference');
    return null;
  }
  return toSecurityPreference(res.body.securityPreference);
}

/** Read one user again by name (targeted refresh). 'not-found' when the user is gone. */
export async function readOneUser(caller: Caller, userName: string): Promise<RamUser | null | 'not-found'> {
  const res = await caller.call('ram:GetUser', undefined, new Ram.GetUserRequest({ userName }), {
    resource: userName,
    expected: (f) => f.code === 'EntityNotExist.User',
  });
  if (!res.ok) return res.expected ? 'not-found' : null;
  const u = res.body.user;
  const upn = await principalNamer(caller);
  return readUserDetails(
    caller,
    { userName, userId: str(u?.userId), displayName: str(u?.displayName), createDate: str(u?.createDate) },
    upn,
  );
}
