// STS (2015-04-01): who is calling. A plain AccessKey is the scenario's identity; an STS
// credential (with a security token) answers as an assumed role, as real STS tokens do.

import type { Handlers } from '../handler.js';
import { stableDigits } from '../rng.js';

export const stsHandlers: Handlers = {
  GetCallerIdentity: ({ data, caller }) => {
    const { account } = data.scenario;
    if (caller.securityToken !== undefined) {
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
};
