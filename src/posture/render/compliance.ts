// `whoowns compliance`: a framework's recommendations and their status, totals first. The table
// puts why under each row that is not a plain pass or fail, so nothing unevaluated looks settled.

import type { Lang } from '../../core/i18n.js';
import { alignColumns } from '../../core/text-width.js';
import { COMPLIANCE_STATUSES, type ComplianceReport, type ComplianceStatus, type RecommendationStatus } from '../compliance.js';
import { DEMO_BANNER } from './common.js';
import type { ComplianceFormat } from './formats.js';
import { md } from './markdown.js';


const STATUS_WORD: Record<ComplianceStatus, { en: string; zh: string }> = {
  pass: { en: 'pass', zh: '通过' },
  fail: { en: 'fail', zh: '未通过' },
  error: { en: 'error', zh: '无法评估' },
  manual: { en: 'manual', zh: '需人工' },
  'not-covered': { en: 'not covered', zh: '未覆盖' },
};

export function renderCompliance(report: ComplianceReport, format: ComplianceFormat, lang: Lang): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'markdown' ? complianceMarkdown(report, lang) : complianceTable(report, lang);
}

function accountOf(r: ComplianceReport): string {
  return r.accountId ? `${r.accountName} (${r.accountId})` : r.accountName;
}

/** "85 recommendations: 9 pass, 7 fail, ..." */
export function totalsLine(r: ComplianceReport, lang: Lang): string {
  const zh = lang === 'zh';
  const parts = COMPLIANCE_STATUSES.map((s) => `${r.totals[s]} ${STATUS_WORD[s][lang]}`);
  return zh ? `共 ${r.recommendations.length} 项建议:${parts.join(',')}` : `${r.recommendations.length} recommendations: ${parts.join(', ')}`;
}

function statusCell(r: RecommendationStatus, lang: Lang): string {
  const word = STATUS_WORD[r.status][lang];
  if (r.status === 'fail') return `${word} (${r.failed}${r.muted ? (lang === 'zh' ? `,已静音 ${r.muted}` : `, ${r.muted} muted`) : ''})`;
  if (r.status === 'error') return `${word} (${r.errors})`;
  return word;
}

function header(r: ComplianceReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  if (r.source === 'demo') lines.push(DEMO_BANNER[lang]);
  lines.push(zh ? `${r.framework.name} ${r.framework.version} — 账号 ${accountOf(r)},扫描于 ${r.scannedAt}` : `${r.framework.name} ${r.framework.version} — account ${accountOf(r)}, scanned ${r.scannedAt}`);
  lines.push(totalsLine(r, lang));
  if (r.incomplete) lines.push(zh ? '注意:扫描不完整,部分检查无法评估(见 error 行)。' : 'Note: the scan is incomplete; some checks could not be evaluated (see the error rows).');
  return lines;
}

export function complianceTable(r: ComplianceReport, lang: Lang): string {
  const zh = lang === 'zh';
  const rows = r.recommendations.map((x) => [x.id, statusCell(x, lang), `L${x.profile}`, x.title[lang], x.checks.join(', ')]);
  const head = zh ? ['编号', '状态', '级别', '建议', '检查项'] : ['id', 'status', 'level', 'recommendation', 'checks'];
  const [headLine, ...lines] = alignColumns([head, ...rows]);
  const out = [...header(r, lang), '', headLine!];
  let section = '';
  r.recommendations.forEach((x, i) => {
    if (x.section !== section) {
      section = x.section;
      const title = r.sections.find((s) => s.id === section)?.title[lang] ?? '';
      out.push(`— ${section} ${title}`);
    }
    out.push(lines[i]!);
    // Why it is not judged (or could not be), under the row: the operator's next step.
    if (x.reason) out.push(`      ${x.reason[lang]}`);
  });
  return `${out.join('\n')}\n`;
}

export function complianceMarkdown(r: ComplianceReport, lang: Lang): string {
  const zh = lang === 'zh';
  const [banner, ...rest] = header(r, lang);
  const out = r.source === 'demo' ? [`> **${md(banner!)}**`, '', `# ${md(rest[0]!)}`, '', ...rest.slice(1).map(md)] : [`# ${md(banner!)}`, '', ...rest.map(md)];
  out.push('', zh ? '| 编号 | 状态 | 级别 | 建议 | 检查项 | 说明 |' : '| id | status | level | recommendation | checks | why / note |', '|---|---|---|---|---|---|');
  for (const x of r.recommendations) {
    const why = [x.reason?.[lang], x.note?.[lang]].filter(Boolean).map((t) => md(t!)).join(' ');
    const checks = x.checks.map((c) => `\`${c}\``).join(', ');
    out.push(`| ${x.id} | ${md(statusCell(x, lang))} | L${x.profile} | ${md(x.title[lang])} | ${checks} | ${why} |`);
  }
  return `${out.join('\n')}\n`;
}
