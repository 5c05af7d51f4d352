// `whoowns compliance prowler`: each of Prowler's Alibaba Cloud checks and its whoowns equivalent,
// the count first, then the ones without one and why. The markdown form is the README's table.

import type { Lang } from '../../core/i18n.js';
import { alignColumns } from '../../core/text-width.js';
import type { ProwlerReport, ProwlerRow } from '../../compliance/prowler.js';
import type { ComplianceFormat } from './formats.js';

export function renderProwler(report: ProwlerReport, format: ComplianceFormat, lang: Lang): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'markdown' ? prowlerMarkdown(report, lang) : prowlerTable(report, lang);
}

/** "60 of 63 Prowler Alibaba Cloud checks have a whoowns equivalent" */
export function prowlerCountLine(r: ProwlerReport, lang: Lang): string {
  return lang === 'zh'
    ? `Prowler 的 ${r.total} 项阿里云检查中,${r.withEquivalent} 项有 whoowns 对应检查`
    : `${r.withEquivalent} of ${r.total} Prowler Alibaba Cloud checks have a whoowns equivalent`;
}

const cisCell = (row: ProwlerRow): string => (row.cis.length ? row.cis.join(', ') : '—');

function prowlerTable(r: ProwlerReport, lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? ['Prowler 检查', 'CIS v2', 'whoowns'] : ['prowler check', 'CIS v2', 'whoowns'];
  const rows = r.rows.map((row) => [row.prowler, cisCell(row), row.whoowns.length ? row.whoowns.join(', ') : zh ? '(无)' : '(none)']);
  const lacking = r.rows.filter((row) => row.whoowns.length === 0);
  const out = [prowlerCountLine(r, lang), `(${r.source.repo} ${r.source.commit.slice(0, 12)})`, '', ...alignColumns([head, ...rows])];
  if (lacking.length > 0) {
    out.push('', zh ? `没有对应检查的 ${lacking.length} 项:` : `Without an equivalent (${lacking.length}):`);
    for (const row of lacking) out.push(`  ${row.prowler}: ${row.why?.[lang] ?? ''}`);
  }
  return `${out.join('\n')}\n`;
}

function prowlerMarkdown(r: ProwlerReport, lang: Lang): string {
  const zh = lang === 'zh';
  const head = zh ? '| Prowler 检查 | CIS v2 | whoowns |' : '| Prowler check | CIS v2 | whoowns |';
  const rows = r.rows.map((row) => `| \`${row.prowler}\` | ${cisCell(row)} | ${row.whoowns.length ? row.whoowns.map((w) => `\`${w}\``).join(', ') : zh ? '无' : 'none'} |`);
  return `${[`${prowlerCountLine(r, lang)}.`, '', head, '|---|---|---|', ...rows].join('\n')}\n`;
}
