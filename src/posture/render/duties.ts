// `whoowns duties` and `/posture duties`: each customer duty with its evidence, then Alibaba
// Cloud's layers. Gaps sit under the duty they hold back, so nothing unread looks done.

import type { Lang } from '../../core/i18n.js';
import { DUTY_STATUSES, type CheckCounts, type DutiesReport, type DutyEvidence, type DutyStatus } from '../duties.js';
import type { UsageState } from '../estate.js';
import { DEMO_BANNER } from './common.js';
import type { ComplianceFormat } from './formats.js';
import { md } from './markdown.js';

export const DUTY_STATUS_WORD: Record<DutyStatus, { en: string; zh: string }> = {
  fail: { en: 'fail', zh: '未通过' },
  error: { en: 'incomplete', zh: '无法完整评估' },
  pass: { en: 'pass', zh: '通过' },
  'no-check': { en: 'no check', zh: '无自动检查' },
};

const USAGE_WORD: Record<UsageState, { en: string; zh: string }> = {
  used: { en: 'in use', zh: '在用' },
  unused: { en: 'not used', zh: '未使用' },
  unknown: { en: 'unknown', zh: '未知' },
  'not-read': { en: 'not read', zh: '未读取' },
};

export function renderDuties(r: DutiesReport, format: ComplianceFormat, lang: Lang): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  return format === 'markdown' ? dutiesMarkdown(r, lang) : dutiesText(r, lang);
}

export function dutiesTotalsLine(r: DutiesReport, lang: Lang): string {
  const parts = DUTY_STATUSES.map((s) => `${r.totals[s]} ${DUTY_STATUS_WORD[s][lang]}`);
  return lang === 'zh' ? `客户的 ${r.duties.length} 项责任:${parts.join(',')}` : `${r.duties.length} customer duties: ${parts.join(', ')}`;
}

function header(r: DutiesReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const account = r.accountId ? `${r.accountName} (${r.accountId})` : r.accountName;
  const lines: string[] = [];
  if (r.source === 'demo') lines.push(DEMO_BANNER[lang]);
  lines.push(zh ? `责任共担:账号 ${account},扫描于 ${r.scannedAt}` : `Shared responsibility duties — account ${account}, scanned ${r.scannedAt}`);
  lines.push(dutiesTotalsLine(r, lang));
  if (r.incomplete) lines.push(zh ? '注意:扫描不完整,部分证据无法读取(见各项的“缺口”)。' : 'Note: the scan is incomplete; some evidence could not be read (see each duty\'s gaps).');
  return lines;
}

export function checkLine(c: CheckCounts, lang: Lang): string {
  const zh = lang === 'zh';
  const parts = [zh ? `通过 ${c.passed}` : `${c.passed} pass`, zh ? `未通过 ${c.failed}` : `${c.failed} fail`];
  if (c.muted) parts.push(zh ? `已静音 ${c.muted}` : `${c.muted} muted`);
  if (c.errors) parts.push(zh ? `无法评估 ${c.errors}` : `${c.errors} error`);
  if (c.skipped) parts.push(zh ? `跳过 ${c.skipped}` : `${c.skipped} skipped`);
  return `${c.id}: ${parts.join(zh ? ',' : ', ')} — ${c.title[lang]}`;
}

export function dutyLines(d: DutyEvidence, lang: Lang): string[] {
  const zh = lang === 'zh';
  const t = d.totals;
  const out = [`■ ${d.title[lang]} [${DUTY_STATUS_WORD[d.status][lang]}] — ${zh ? `检查 ${d.checks.length} 项:通过 ${t.passed},未通过 ${t.failed},无法评估 ${t.errors}` : `${d.checks.length} checks: ${t.passed} pass, ${t.failed} fail, ${t.errors} error`}`];
  for (const c of d.checks) out.push(`    ${checkLine(c, lang)}`);
  if (d.products.length) out.push(zh ? '  相关产品:' : '  Helping products:');
  for (const p of d.products) out.push(`    ${p.title[lang]} [${USAGE_WORD[p.state][lang]}]: ${p.detail[lang]}`);
  if (d.gaps.length) out.push(zh ? '  缺口:' : '  Gaps:');
  for (const g of d.gaps) out.push(`    - ${g[lang]}`);
  return out;
}

function cloudLines(r: DutiesReport, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out = [zh ? '阿里云的责任(云本身):客户看不到这些层,平台事件是唯一的实时信号。' : "Alibaba Cloud's side (security of the cloud): customers cannot see these layers; platform events are the only live signal."];
  for (const l of r.cloud) {
    out.push(`■ ${l.title[lang]}${l.standards.length ? ` (${l.standards.join(', ')})` : ''}`);
    if (l.signals.length === 0) out.push(zh ? '    无实时信号:由阿里云负责,客户无需也无法检查。' : '    No live signal: Alibaba Cloud owns it; there is nothing for the customer to check.');
    for (const s of l.signals) out.push(`    ${checkLine(s, lang)}`);
    for (const e of l.events) out.push(`    - ${e.resource}: ${e.reason[lang]}`);
  }
  return out;
}

export function dutiesText(r: DutiesReport, lang: Lang): string {
  const out = [...header(r, lang), ''];
  for (const d of r.duties) out.push(...dutyLines(d, lang), '');
  out.push(...cloudLines(r, lang));
  return `${out.join('\n')}\n`;
}

export function dutiesMarkdown(r: DutiesReport, lang: Lang): string {
  const zh = lang === 'zh';
  const [first, ...rest] = header(r, lang);
  const out = r.source === 'demo' ? [`> **${md(first!)}**`, '', `# ${md(rest[0]!)}`, '', ...rest.slice(1).map(md)] : [`# ${md(first!)}`, '', ...rest.map(md)];
  for (const d of r.duties) {
    out.push('', `## ${md(d.title[lang])} — ${DUTY_STATUS_WORD[d.status][lang]}`, '', md(d.summary[lang]), '');
    for (const c of d.checks) out.push(`- \`${c.id}\` ${md(checkLine(c, lang).slice(c.id.length + 2))}`);
    if (d.products.length) out.push('', zh ? '| 产品 | 状态 | 证据 |' : '| product | state | evidence |', '|---|---|---|');
    for (const p of d.products) out.push(`| ${md(p.title[lang])} | ${USAGE_WORD[p.state][lang]} | ${md(p.detail[lang])} |`);
    if (d.gaps.length) out.push('', zh ? '**缺口**' : '**Gaps**', '', ...d.gaps.map((g) => `- ${md(g[lang])}`));
  }
  out.push('', zh ? '## 阿里云的责任' : "## Alibaba Cloud's side", '', ...cloudLines(r, lang).map((l) => (l.startsWith('■') ? `- ${md(l.slice(2))}` : `  ${md(l.trim())}`)));
  return `${out.join('\n')}\n`;
}
