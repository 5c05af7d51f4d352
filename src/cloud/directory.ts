// Resource Directory discovery: page through ResourceManager ListAccounts from the management
// (or delegated administrator) account and turn each member into an account that is read by
// assuming acs:ram::<id>:role/<roleName> through the usual credential chain (session.ts).

import { WhoownsError } from '../core/errors.js';
import type { AccountConfig } from './credentials.js';
import { openSession, type SessionOptions } from './session.js';

export interface DirectoryConfig {
  /** The read-only role deployed in every member (not ResourceDirectoryAccountAccessRole: that one is an administrator). */
  roleName: string;
  externalId?: string;
  /** Account ids or display names; when set, only these members. */
  include?: string[];
  /** Account ids or display names to leave out. */
  exclude?: string[];
  refreshMinutes?: number;
}

export interface DirectoryMember {
  accountId: string;
  displayName: string;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

/** Every member the directory lists, paged. A refused or failed call stops discovery with what to fix. */
export async function listDirectoryMembers(o: Omit<SessionOptions, 'account'>): Promise<DirectoryMember[]> {
  const session = await openSession({ ...o, account: { name: 'resource-directory' } });
  const out: DirectoryMember[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await session.caller.call('resourcemanager:ListAccounts', undefined, { PageNumber: page, PageSize: PAGE_SIZE });
    if (!res.ok) throw discoveryError(res.failure.code, res.failure.message);
    const accounts = res.body.Accounts?.Account ?? [];
    for (const a of accounts) if (a.AccountId) out.push({ accountId: a.AccountId, displayName: a.DisplayName ?? a.AccountId });
    const total = res.body.TotalCount ?? 0;
    if (accounts.length === 0 || page * PAGE_SIZE >= total) break;
  }
  return out;
}

/** Discovered members as accounts, filtered by include/exclude, each with its reader role. */
export function membersToAccounts(members: DirectoryMember[], d: DirectoryConfig): AccountConfig[] {
  const matches = (list: string[] | undefined, m: DirectoryMember) => list?.some((x) => x === m.accountId || x === m.displayName) ?? false;
  const kept = members.filter((m) => (!d.include?.length || matches(d.include, m)) && !matches(d.exclude, m));
  const taken = new Set<string>();
  return kept.map((m) => {
    const name = uniqueName(m, taken);
    return {
      name,
      accountId: m.accountId,
      roleArn: `acs:ram::${m.accountId}:role/${d.roleName}`,
      ...(d.externalId ? { externalId: d.externalId } : {}),
      discovered: true,
    };
  });
}

/** Display names are free text; account names are what chat and the CLI type, so keep them to a safe alphabet. */
function uniqueName(m: DirectoryMember, taken: Set<string>): string {
  const clean = m.displayName.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  const name = clean && !/^\d+$/.test(clean) && !taken.has(clean) ? clean : m.accountId;
  taken.add(name);
  return name;
}

/** The account id an account reads: given, or the one in its role ARN. */
export function accountIdOf(a: AccountConfig): string | undefined {
  return a.accountId ?? /^acs:ram::(\d+):role\//.exec(a.roleArn ?? '')?.[1];
}

/** Configured accounts first (they win on the same id), then the discovered ones not configured. */
export function mergeAccounts(configured: AccountConfig[], discovered: AccountConfig[]): AccountConfig[] {
  const ids = new Set(configured.map(accountIdOf).filter((x): x is string => x !== undefined));
  const names = new Set(configured.map((a) => a.name));
  const extra = discovered.filter((a) => !ids.has(accountIdOf(a) ?? '')).map((a) => (names.has(a.name) ? { ...a, name: a.accountId ?? a.name } : a));
  return [...configured, ...extra];
}

function discoveryError(code: string, message: string): WhoownsError {
  return new WhoownsError('CLOUD_CALL', {
    zh: `无法列出资源目录的成员账号(${code})。请用资源目录的管理账号或委派管理员账号的凭证运行,并授予 resourcemanager:ListAccounts 权限(见 whoowns policy);或者去掉配置中的 resourceDirectory。`,
    en: `Cannot list the Resource Directory's member accounts (${code}: ${message}). Run with credentials of the directory's management account or a delegated administrator, grant resourcemanager:ListAccounts (see whoowns policy), or remove resourceDirectory from the configuration.`,
  });
}
