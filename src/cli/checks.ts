import { ALL_CHECKS } from '../checks/index.js';
import { alignColumns } from '../core/text-width.js';
import { OWNER_LABEL, SEVERITY_LABEL } from '../core/i18n.js';
import { withCis } from '../posture/run.js';
import type { CheckMeta, CheckService } from '../posture/types.js';
import type { CliIo } from './io.js';
import { uiLang } from './io.js';

// `whoowns checks`: the check catalogue without running a scan (the scan document is 400 KB).
// Declared in ./declare/checks.ts.

export interface ChecksOptions {
  json?: boolean;
  lang?: 'zh' | 'en';
  service?: CheckService[];
}

export function runChecks(opts: ChecksOptions, io: CliIo): number {
  const lang = opts.lang ?? uiLang(io.env);
  const metas = ALL_CHECKS.map((c) => withCis(c.meta)).filter((m) => !opts.service?.length || opts.service.includes(m.service));
  if (opts.json) {
    io.out(`${JSON.stringify(metas.map(({ id, title, severity, owner, service, cis }) => ({ id, title, severity, owner, service, cis: cis ?? null })), null, 2)}\n`);
    return 0;
  }
  io.out(`${checksTable(metas, lang).join('\n')}\n`);
  io.out(lang === 'zh' ? `共 ${metas.length} 项检查\n` : `${metas.length} checks\n`);
  return 0;
}

function checksTable(metas: readonly CheckMeta[], lang: 'zh' | 'en'): string[] {
  const zh = lang === 'zh';
  const header = zh ? ['id', '服务', '严重性', '负责方', 'CIS', '标题'] : ['id', 'service', 'severity', 'owner', 'CIS', 'title'];
  const rows = metas.map((m) => [m.id, m.service, SEVERITY_LABEL[m.severity][lang], OWNER_LABEL[m.owner][lang], m.cis ?? '-', m.title[lang]]);
  return alignColumns([header, ...rows]);
}
