import type { Block, Reply } from '../../src/chat/message.js';
import type { Locale } from '../../src/chat/types.js';
import type { KnowledgeBase } from '../../src/kb/load.js';
import { OWNER_LABEL, SEVERITY_LABEL } from '../../src/core/i18n.js';
import type { ScanView } from '../../src/posture/service.js';
import { SEVERITIES, type CheckMeta, type Finding, type ScanResult } from '../../src/posture/types.js';
import { metaOf, remediationOf } from '../../src/posture/meta.js';
import { gapSentence } from '../../src/checks/gaps.js';
import { genericRemediation } from '../../src/checks/template.js';
import { count } from '../../src/core/plural.js';
import { teamLine } from '../../src/posture/render/teams.js';

// Posture answers as platform-neutral replies. Every reply carries when it was scanned, where
// the data came from, and — loudly — whether it is incomplete.

export function freshness(view: ScanView, locale: Locale): Block {
  const mins = Math.round(view.ageMs / 60_000);
  const age = locale === 'zh' ? (mins < 1 ? '刚刚' : `${mins} 分钟前`) : mins < 1 ? 'just now' : `${mins} min ago`;
  const source = view.demo ? (locale === 'zh' ? '演示数据(本地模拟器)' : 'DEMO DATA (local emulator)') : view.scan.source;
  const account = view.scan.accountId ?? view.scan.accountName;
  return {
    type: 'context',
    text: locale === 'zh' ? `账号 ${account} · 扫描于 ${age}(${view.scan.scannedAt})· 数据来源:${source}` : `Account ${account} · scanned ${age} (${view.scan.scannedAt}) · source: ${source}`,
  };
}

function incomplete(view: ScanView): boolean {
  return view.scan.gaps.length > 0 || view.scan.incomplete;
}

/**
 * A reply's summary is what many people read first (Slack's notification text, DingTalk's
 * title): an incomplete scan must say so there too, not only in a banner below.
 */
export function headline(text: string, view: ScanView, locale: Locale): string {
  if (!incomplete(view)) return text;
  return locale === 'zh' ? `${text}(结果不完整)` : `${text} (incomplete)`;
}

/** The incomplete banner: a failing region, API or permission must never look clean. */
export function gapBlocks(view: ScanView, locale: Locale, max = 5): Block[] {
  const gaps = view.scan.gaps;
  if (!incomplete(view)) return [];
  const head =
    locale === 'zh'
      ? `⚠️ **结果不完整**:有 ${gaps.length} 个调用失败,下面没有列出的资源不代表没有问题。`
      : `⚠️ **Incomplete**: ${count(gaps.length, 'call')} failed, so anything not listed below is unknown, not clean.`;
  // One line per distinct cause: twenty denied groups must not hide a region that timed out.
  const causes = new Map<string, number>();
  for (const g of gaps) causes.set(gapSentence(g)[locale], (causes.get(gapSentence(g)[locale]) ?? 0) + 1);
  const distinct = [...causes];
  const lines = distinct.slice(0, max).map(([s, n]) => `• ${s}${n > 1 ? (locale === 'zh' ? `(共 ${n} 次)` : ` (×${n})`) : ''}`);
  if (distinct.length > max) lines.push(locale === 'zh' ? `• …… 另有 ${distinct.length - max} 类原因` : `• … and ${count(distinct.length - max, 'more cause')}`);
  return [{ type: 'text', text: [head, ...lines].join('\n') }];
}

export function openFindings(view: ScanView): Finding[] {
  return view.scan.findings
    .filter((f) => f.status === 'fail' && !f.muted)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

export function summaryReply(view: ScanView, locale: Locale): Reply {
  const zh = locale === 'zh';
  const open = openFindings(view);
  const counts = view.scan.summary.failByOwnerSeverity;
  const fields = (Object.keys(counts) as (keyof typeof counts)[])
    .map((owner) => {
      const parts = SEVERITIES.filter((s) => counts[owner][s] > 0).map((s) => `${SEVERITY_LABEL[s][locale]} ${counts[owner][s]}`);
      return { label: OWNER_LABEL[owner][locale], value: parts.length ? parts.join(' · ') : zh ? '无' : 'none' };
    });
  const top = open.slice(0, 5).map((f) => `• [${SEVERITY_LABEL[f.severity][locale].toUpperCase()}] ${f.reason[locale]}`);
  const errors = view.scan.summary.byStatus.error;
  const blocks: Block[] = [
    { type: 'header', text: headline(zh ? `安全态势:${open.length} 个待处理问题` : `Posture: ${count(open.length, 'open finding')}`, view, locale) },
    ...gapBlocks(view, locale),
    { type: 'fields', fields },
    { type: 'text', text: `**${zh ? '最需要处理的五项' : 'Top risks'}**\n${top.join('\n') || (zh ? '没有待处理的问题。' : 'No open findings.')}` },
  ];
  if (errors) blocks.push({ type: 'context', text: zh ? `${errors} 项检查因缺少数据无法判断(见上方)。` : `${count(errors, 'check result')} could not be decided for lack of data (see above).` });
  if (view.scan.summary.muted) blocks.push({ type: 'context', text: zh ? `已静音 ${view.scan.summary.muted} 项。` : `${view.scan.summary.muted} muted.` });
  blocks.push(freshness(view, locale), {
    type: 'actions',
    buttons: [
      { label: zh ? '安全组' : 'Security groups', command: 'posture sg' },
      { label: zh ? '实例' : 'Instances', command: 'posture instances' },
      { label: 'RAM', command: 'posture ram' },
      { label: zh ? '云盘' : 'Disks', command: 'posture disks' },
      { label: zh ? '重新扫描' : 'Rescan', command: 'posture refresh', style: 'primary' },
    ],
  });
  return { summary: headline(zh ? `安全态势:${open.length} 个待处理问题` : `Posture: ${open.length} open findings`, view, locale), blocks, demo: view.demo };
}

export function findingBlocks(f: Finding, scan: ScanResult, locale: Locale): Block[] {
  const zh = locale === 'zh';
  const fix = remediationOf(scan, f);
  const step = fix.console[locale].split('\n')[0] ?? '';
  const lines = [
    `**[${SEVERITY_LABEL[f.severity][locale].toUpperCase()}] ${metaOf(scan, f.checkId).title[locale]}** — ${zh ? '负责方' : 'owner'}: ${OWNER_LABEL[f.owner][locale]}`,
    f.reason[locale],
    `${zh ? '怎么修' : 'Fix'}: ${step}`,
    `\`${fix.cli}\``,
  ];
  if (f.team) lines.push(teamLine(f, locale));
  if (f.muted) lines.push(zh ? `(已静音至 ${f.muted.until}:${f.muted.reason})` : `(muted until ${f.muted.until}: ${f.muted.reason})`);
  return [
    { type: 'text', text: lines.join('\n') },
    { type: 'context', text: `${f.checkId} · ${f.fingerprint}` },
  ];
}

export function findingsReply(title: string, findings: Finding[], view: ScanView, locale: Locale, max = 10): Reply {
  const zh = locale === 'zh';
  const blocks: Block[] = [{ type: 'header', text: title }, ...gapBlocks(view, locale)];
  if (!findings.length) {
    blocks.push({ type: 'text', text: view.scan.incomplete ? (zh ? '没有发现问题,但结果不完整(见上方)。' : 'Nothing found, but the scan is incomplete (see above).') : zh ? '没有发现问题。' : 'Nothing found.' });
  }
  findings.slice(0, max).forEach((f, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...findingBlocks(f, view.scan, locale), { type: 'actions', buttons: [{ label: zh ? '详细说明' : 'Explain', command: `posture explain ${f.fingerprint}` }] });
  });
  if (findings.length > max) {
    blocks.push({ type: 'context', text: zh ? `还有 ${findings.length - max} 项;用 /posture check <检查项> 缩小范围。` : `${findings.length - max} more; narrow down with /posture check <check-id>.` });
  }
  blocks.push(freshness(view, locale));
  return { summary: headline(title, view, locale), blocks, demo: view.demo };
}

export function explainReply(meta: CheckMeta, finding: Finding | undefined, kb: KnowledgeBase, view: ScanView, locale: Locale): Reply {
  const zh = locale === 'zh';
  const entry = kb.byId.get(meta.responsibility);
  const products = meta.products.map((id) => kb.byId.get(id)?.title[locale] ?? id);
  const blocks: Block[] = [
    { type: 'header', text: meta.title[locale] },
    {
      type: 'fields',
      fields: [
        { label: zh ? '负责方' : 'Owner', value: OWNER_LABEL[meta.owner][locale] },
        { label: zh ? '严重程度' : 'Severity', value: SEVERITY_LABEL[meta.severity][locale] },
        ...(meta.cis ? [{ label: 'CIS', value: meta.cis }] : []),
      ],
    },
  ];
  if (finding) blocks.push({ type: 'text', text: finding.reason[locale] });
  blocks.push({ type: 'text', text: `**${zh ? '为什么重要' : 'Why it matters'}**\n${meta.remediation.why[locale]}` });
  if (entry) {
    blocks.push({ type: 'text', text: `**${zh ? '责任归属' : 'Who owns it'}** — ${entry.title[locale]} (${entry.id})\n${entry.summary[locale]}` });
  }
  // Without a finding no resource is known: generic words ("<disk-id>") stand in for placeholders.
  const fix = finding ? remediationOf(view.scan, finding) : genericRemediation(meta).remediation;
  blocks.push({ type: 'text', text: `**${zh ? '控制台操作' : 'In the console'}**\n${fix.console[locale]}` });
  blocks.push({ type: 'text', text: `**aliyun CLI**\n\`${fix.cli}\`` });
  if (products.length) blocks.push({ type: 'text', text: `**${zh ? '可用产品' : 'What helps'}**: ${products.join(zh ? '、' : ', ')}` });
  blocks.push(freshness(view, locale));
  return { summary: headline(meta.title[locale], view, locale), blocks, demo: view.demo };
}
