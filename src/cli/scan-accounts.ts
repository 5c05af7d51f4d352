import { WhoownsError, isWhoownsError } from '../core/errors.js';
import type { AccountConfig } from '../cloud/index.js';
import { accountIdOf } from '../cloud/directory.js';
import { renderTo, type Format } from '../posture/render/index.js';
import type { PostureSource } from '../posture/service.js';
import type { ScanFilter, ScanResult } from '../posture/types.js';
import type { Logger } from '../core/logger.js';
import type { CliIo } from './io.js';

// `whoowns scan --account all` (or --account a --account b): every account scanned concurrently,
// a few at a time. Each account has its own throttle budget at Alibaba Cloud and its own pool
// (session.ts), so the cap here bounds sockets and memory across accounts. One account that
// cannot be read is reported and the others still are.

/** Accounts scanned at once; each scan has its own per-service pool inside. */
export const ACCOUNTS_AT_ONCE = 4;

export type AccountOutcome = { account: AccountConfig; scan: ScanResult } | { account: AccountConfig; error: { zh: string; en: string } };

/** The accounts the --account values name: `all` = every configured and discovered one. */
export function selectAccounts(posture: PostureSource, names: string[]): AccountConfig[] {
  const picked = names.includes('all') ? posture.accounts : names.map((n) => posture.account(n));
  return [...new Map(picked.map((a) => [a.name, a])).values()];
}

export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function scanAccounts(
  posture: PostureSource,
  accounts: AccountConfig[],
  log: Logger,
  o: { regions?: string[]; filter: ScanFilter; mutes: boolean; readNothing: (s: Awaited<ReturnType<PostureSource['read']>>) => boolean; atOnce?: number },
): Promise<AccountOutcome[]> {
  return mapLimit(accounts, o.atOnce ?? ACCOUNTS_AT_ONCE, async (account): Promise<AccountOutcome> => {
    try {
      const snapshot = await posture.read(account, log.child({ job: 'scan', account: account.name }), { regions: o.regions, services: o.filter.services });
      if (o.readNothing(snapshot)) {
        const g = snapshot.gaps[0];
        return { account, error: { zh: `什么都没有读到(${g?.code ?? '未知'})。`, en: `nothing could be read (${g?.code ?? 'unknown'}).` } };
      }
      return { account, scan: await posture.assess(snapshot, o.filter, { mutes: o.mutes }) };
    } catch (e) {
      if (!isWhoownsError(e)) throw e;
      return { account, error: e.messages };
    }
  });
}

/** JSON: one document listing every account; table: each account's report under its name. */
export function renderOutcomes(outcomes: AccountOutcome[], format: Format, lang: 'zh' | 'en', render: { bothLanguages: boolean; color: boolean }, io: CliIo): void {
  if (format !== 'json' && format !== 'table') {
    throw new WhoownsError('USAGE', {
      zh: `多个账号的扫描只支持 --format table 或 json(收到 ${format})。请一次扫描一个账号来得到 ${format}。`,
      en: `A scan of several accounts prints --format table or json (got ${format}). Scan one account at a time for ${format}.`,
    });
  }
  const text = (scan: ScanResult, f: Format) => {
    let s = '';
    renderTo(scan, f, { lang, ...render }, (chunk) => void (s += chunk));
    return s;
  };
  if (format === 'json') {
    const accounts = outcomes.map((x) =>
      'scan' in x
        ? { account: x.account.name, accountId: accountIdOf(x.account) ?? x.scan.accountId, scan: JSON.parse(text(x.scan, 'json')) as unknown }
        : { account: x.account.name, accountId: accountIdOf(x.account) ?? null, error: render.bothLanguages ? x.error : x.error[lang] },
    );
    io.out(`${JSON.stringify({ accounts }, null, 2)}\n`);
    return;
  }
  for (const x of outcomes) {
    io.out(`\n=== ${x.account.name}${accountIdOf(x.account) ? ` (${accountIdOf(x.account)})` : ''} ===\n`);
    io.out('scan' in x ? text(x.scan, 'table') : `${lang === 'zh' ? '无法读取' : 'could not be read'}: ${x.error[lang]}\n`);
  }
}
