import { WhoownsError } from '../core/errors.js';
import { accountIdOf, type AccountConfig } from '../cloud/index.js';

// Which people and places may see which accounts (issue 14): `accountAccess:` in the config file,
// keyed by account name or id. The one judge for every surface that picks accounts: /posture,
// --account, /posture use, /posture accounts, the cross-account summary and digests to a place.
//
// An account with no rule is visible wherever posture is (the WHOOWNS_POSTURE_* lists still
// apply first). With a rule, `users` limits who may ask and `channels` limits where it may be
// shown; with both, both must hold. A digest has no asker, so an account whose rule lists users
// is only posted to a place its `channels` list names.

export interface AccountAccessRule {
  users?: string[];
  channels?: string[];
}

/** Account name or id → its rule. */
export type AccountAccessRules = Record<string, AccountAccessRule>;

/** Who is looking and where: `user` absent for a digest (posted for everyone in the place). */
export interface Viewer {
  platform: 'slack' | 'dingtalk' | 'console';
  user?: string;
  place: string;
}

/** The rule for an account: by name first (what people type), then by id (stable across renames). */
export function ruleFor(rules: AccountAccessRules | undefined, account: AccountConfig): AccountAccessRule | undefined {
  if (!rules) return undefined;
  if (Object.hasOwn(rules, account.name)) return rules[account.name];
  const id = accountIdOf(account);
  return id && Object.hasOwn(rules, id) ? rules[id] : undefined;
}

export function mayView(rules: AccountAccessRules | undefined, account: AccountConfig, viewer: Viewer): boolean {
  // The console is the operator's own terminal: it sees what the credentials see.
  if (viewer.platform === 'console') return true;
  const rule = ruleFor(rules, account);
  if (!rule) return true;
  if (rule.users && !(viewer.user !== undefined && rule.users.includes(viewer.user))) return false;
  if (rule.channels && !rule.channels.includes(viewer.place)) return false;
  // A digest may not go to a place when only named people may see the account.
  if (viewer.user === undefined && rule.users && !rule.channels) return false;
  return true;
}

export function visibleAccounts(rules: AccountAccessRules | undefined, accounts: AccountConfig[], viewer: Viewer): AccountConfig[] {
  return accounts.filter((a) => mayView(rules, a, viewer));
}

/**
 * One answer for "no such account" and "not for you here", so asking cannot tell which; it lists
 * only the accounts the asker may see.
 */
export function accountUnavailable(name: string, visible: AccountConfig[], adminContact?: string): WhoownsError {
  const names = visible.map((a) => a.name).join(', ') || '-';
  const ask = adminContact ? { zh: `如需其他账号,请联系 ${adminContact}。`, en: ` For another account, ask ${adminContact}.` } : { zh: '如需其他账号,请联系管理员(配置中的 accountAccess)。', en: ' For another account, ask whoever runs whoowns (accountAccess in its configuration).' };
  return new WhoownsError('ACCOUNT_UNAVAILABLE', {
    zh: `这里没有可查看的账号 ${name};可查看的账号:${names}。${ask.zh}`,
    en: `No account ${name} that you can see here; accounts you can see: ${names}.${ask.en}`,
  });
}

/** Nothing is visible to this asker here (every account has a rule that leaves them out). */
export function noVisibleAccount(adminContact?: string): WhoownsError {
  const who = adminContact ?? { zh: '管理员', en: 'whoever runs whoowns' };
  const zh = typeof who === 'string' ? who : who.zh;
  const en = typeof who === 'string' ? who : who.en;
  return new WhoownsError('ACCOUNT_UNAVAILABLE', {
    zh: `这里没有您可以查看的账号。请联系 ${zh},在配置的 accountAccess 中加入您的用户 ID 或本频道 ID。`,
    en: `There is no account you can see here. Ask ${en} to add your user id or this channel's id under accountAccess in the configuration.`,
  });
}
