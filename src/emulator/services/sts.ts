// STS (2015-04-01): who is calling, and temporary credentials. A plain AccessKey is the scenario's
// identity; an STS credential answers as the role it was issued for, as real tokens do.

import { ApiError, invalidParameter } from '../api-error.js';
import type { Handlers } from '../handler.js';
import { stableDigits } from '../rng.js';

const ROLE_ARN = /^acs:ram::(\d+):role\/([A-Za-z0-9._-]{1,64})$/i;

export const stsHandlers: Handlers = {
  GetCallerIdentity: ({ data, caller, credentials }) => {
    const { account } = data.scenario;
    const session = credentials.session(caller.accessKeyId);
    if (session) {
      return {
        AccountId: session.accountId,
        Arn: `acs:ram::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
        IdentityType: 'AssumedRoleUser',
        PrincipalId: `${session.roleId}:${session.sessionName}`,
        RoleId: session.roleId,
      };
    }
    if (caller.securityToken !== undefined) {
      // A configured STS credential: the emulator does not know its role, so it names a fixed one.
      const roleId = stableDigits(`role:${caller.accessKeyId}`, 19);
      return {
        AccountId: account.accountId,
        Arn: `acs:ram::${account.accountId}:assumed-role/whoowns-audit/whoowns`,
        IdentityType: 'AssumedRoleUser',
        PrincipalId: `${roleId}:whoowns`,
        RoleId: roleId,
      };
    }
    return {
      AccountId: account.accountId,
      Arn: account.arn,
      IdentityType: account.identityType,
      PrincipalId: account.principalId,
      UserId: account.principalId,
    };
  },

  // Any well-formed role ARN can be assumed, except in a directory member whose role is missing or
  // refuses the caller; the emulator has no trust policies otherwise.
  AssumeRole: ({ params: p, credentials, now, directory }) => {
    const roleArn = p.required('RoleArn');
    const m = ROLE_ARN.exec(roleArn);
    if (!m) throw new ApiError(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.');
    const sessionName = p.required('RoleSessionName');
    if (!/^[\w.@-]{2,64}$/.test(sessionName)) throw invalidParameter('RoleSessionName', 'use 2 to 64 letters, digits and . @ - _');
    const duration = p.int('DurationSeconds', { min: 900, max: 43200 }) ?? 3600;
    const [, accountId = '', roleName = ''] = m;
    const member = directory?.member(accountId);
    if (member?.role === 'missing') throw new ApiError(404, 'EntityNotExist.Role', `The role not exists: ${roleArn}.`);
    if (member?.role === 'denied') {
      throw new ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.');
    }
    const roleId = stableDigits(`role:${accountId}:${roleName}`, 19);
    const expiresAt = now.getTime() + duration * 1000;
    const cred = credentials.issue({ accountId, roleName, sessionName, roleId, expiresAt });
    return {
      Credentials: {
        AccessKeyId: cred.accessKeyId,
        AccessKeySecret: cred.accessKeySecret,
        SecurityToken: cred.securityToken,
        Expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      AssumedRoleUser: {
        Arn: `acs:ram::${accountId}:assumed-role/${roleName}/${sessionName}`,
        AssumedRoleId: `${roleId}:${sessionName}`,
      },
    };
  },
};
