// What the RAM checks share: walking users (an unread list is an error, not "no users").

import type { AccessKey, RamUser } from '../../cloud/snapshot.js';
import type { Bilingual, CheckContext, CheckResult, Need, ResourceRef } from '../model.js';
import { ref, withList } from '../helpers.js';

export const LIST_USERS: Need = { service: 'ram', action: 'ListUsers' };
export const USERS_WHAT: Bilingual = { en: 'the list of RAM users', zh: 'RAM 用户列表' };

export function userRef(ctx: CheckContext, u: RamUser): ResourceRef {
  return ref(ctx, 'ram-user', u.userName, u.displayName || u.userName);
}

export function keyRef(ctx: CheckContext, u: RamUser, k: AccessKey): ResourceRef {
  return ref(ctx, 'access-key', k.accessKeyId, u.userName);
}

export function eachUser(ctx: CheckContext, needs: Need[], judge: (u: RamUser, r: ResourceRef) => CheckResult | CheckResult[]): CheckResult[] {
  const ram = ctx.snapshot.ram;
  return withList(ctx, undefined, ram ? ram.users : null, needs, USERS_WHAT, (users) => users.flatMap((u) => judge(u, userRef(ctx, u))));
}

export function isActive(k: AccessKey): boolean {
  return k.status.toLowerCase() === 'active';
}
