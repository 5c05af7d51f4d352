import { accountIdOf } from '../cloud/directory.js';
import { alignColumns } from '../core/text-width.js';
import { withCore } from './cloud-commands.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';

// `whoowns accounts`: the configured accounts and those the Resource Directory lists, merged by id.

export interface AccountsCliOptions {
  json?: boolean;
  demo?: boolean;
  lang?: 'zh' | 'en';
}

export async function runAccounts(opts: AccountsCliOptions, io: CliIo): Promise<number> {
  const lang = opts.lang ?? uiLang(io.env);
  return withCore(io, { demo: opts.demo }, async ({ posture }) => {
    await posture.discover({ force: true });
    const rows = posture.accounts.map((a) => ({
      name: a.name,
      accountId: accountIdOf(a) ?? null,
      roleArn: a.roleArn ?? null,
      source: a.discovered ? 'resource-directory' : 'config',
    }));
    if (opts.json) {
      io.out(`${JSON.stringify({ accounts: rows }, null, 2)}\n`);
      return 0;
    }
    const head = lang === 'zh' ? ['名称', '账号 ID', '角色', '来源'] : ['NAME', 'ACCOUNT ID', 'ROLE', 'SOURCE'];
    const body = rows.map((r) => [r.name, r.accountId ?? '-', r.roleArn ?? (lang === 'zh' ? '(当前凭证)' : '(current credentials)'), r.source]);
    io.out(`${alignColumns([head, ...body]).join('\n')}\n`);
    return 0;
  });
}
