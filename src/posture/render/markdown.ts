// Markdown for tickets: who owns what, the fix for each finding, and a loud note when the scan
// is incomplete. One section per check so a ticket can be cut per section.

import { gapSentence } from '../../checks/gaps.js';
import { SEVERITIES, type Finding, type ScanResult } from '../types.js';
import { accountLabel, DEMO_BANNER, groupOpen, incompleteLine, isDemo, OWNER_HEADING, OWNER_NAME, OWNER_ORDER, SEVERITY_NAME, summaryLine, type RenderOptions } from './common.js';

/** Escape characters Markdown would read as formatting. */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

export function renderMarkdown(scan: ScanResult, opts: RenderOptions): string {
  const lang = opts.lang;
  const zh = lang === 'zh';
  const out: string[] = [];
  if (isDemo(scan, opts)) out.push(`> **${md(DEMO_BANNER[lang])}**`, '');
  out.push(zh ? `# whoowns 安全态势报告:${md(accountLabel(scan))}` : `# whoowns posture report: ${md(accountLabel(scan))}`, '');
  out.push(zh ? `扫描时间 ${scan.scannedAt},地域 ${scan.regions.join(', ') || '无'}。` : `Scanned ${scan.scannedAt}; regions ${scan.regions.join(', ') || 'none'}.`, '');

  const incomplete = incompleteLine(scan, lang);
  if (incomplete) {
    out.push(`> ⚠️ **${md(incomplete)}**`, '>');
    for (const g of scan.gaps) out.push(`> - ${md(gapSentence(g)[lang])}`);
    out.push('');
  }

  out.push(zh ? '## 概览' : '## Summary', '', md(summaryLine(scan, lang)), '');
  out.push(`| ${zh ? '责任方' : 'Owner'} | ${SEVERITIES.map((s) => SEVERITY_NAME[s][lang]).join(' | ')} |`);
  out.push(`|---|${SEVERITIES.map(() => '---:').join('|')}|`);
  for (const o of OWNER_ORDER) out.push(`| ${OWNER_NAME[o][lang]} | ${SEVERITIES.map((s) => scan.summary.failByOwnerSeverity[o][s]).join(' | ')} |`);
  out.push('');

  for (const g of groupOpen(scan.findings)) {
    out.push(`## ${md(OWNER_HEADING[g.owner][lang])}`, '');
    for (const s of g.bySeverity) {
      const byCheck = new Map<string, Finding[]>();
      for (const f of s.findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
      for (const [checkId, fs] of byCheck) {
        const first = fs[0]!;
        out.push(`### ${SEVERITY_NAME[s.severity][lang]}: ${md(first.title[lang])} (\`${checkId}\`)`, '');
        out.push(`**${zh ? '为什么' : 'Why'}:** ${md(first.remediation.why[lang])}`, '');
        for (const f of fs) out.push(`- ${md(f.reason[lang])} <sub>${f.fingerprint}</sub>`);
        out.push('', `**${zh ? '控制台步骤' : 'Console steps'}** (${md(first.resource.id)}):`, '', first.remediation.console[lang], '');
        out.push(`**CLI:**`, '', '```sh', ...fs.map((f) => f.remediation.cli), '```', '');
        const refs = [first.cis, ...first.references].filter(Boolean);
        if (refs.length) out.push(`${zh ? '参考' : 'References'}: ${refs.map((r) => md(r!)).join(', ')}`, '');
      }
    }
  }

  const errors = scan.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) {
    out.push(zh ? `## 无法评估(${errors.length})` : `## Could not evaluate (${errors.length})`, '');
    for (const f of errors) out.push(`- \`${f.checkId}\`: ${md(f.reason[lang])}`);
    out.push('');
  }
  const muted = scan.findings.filter((f) => f.status === 'fail' && f.muted);
  if (muted.length > 0) {
    out.push(zh ? `## 已静音(${muted.length})` : `## Muted (${muted.length})`, '');
    for (const f of muted) out.push(`- \`${f.checkId}\`: ${md(f.reason[lang])} — ${zh ? `${md(f.muted!.by)} 静音至 ${f.muted!.until}:` : `muted by ${md(f.muted!.by)} until ${f.muted!.until}: `}${md(f.muted!.reason)}`);
    out.push('');
  }
  if (scan.expiredSuppressions.length || scan.expiringSuppressions.length) {
    out.push(zh ? '## 静音条目' : '## Suppressions', '');
    for (const s of scan.expiredSuppressions) out.push(`- ${zh ? '已过期' : 'Expired'}: \`${s.check}\` ${md(s.resource)} (${s.until}, ${md(s.by)})`);
    for (const s of scan.expiringSuppressions) out.push(`- ${zh ? '即将到期' : 'Expiring soon'}: \`${s.check}\` ${md(s.resource)} (${s.until}, ${md(s.by)})`);
    out.push('');
  }
  if (scan.notCovered.length > 0) {
    out.push(zh ? '## whoowns 未评估的项目' : '## Not evaluated by whoowns', '');
    for (const n of scan.notCovered) out.push(`- \`${n.id}\`${n.cis ? ` (${n.cis})` : ''}: ${md(n.reason[lang])}`);
    out.push('');
  }
  return out.join('\n');
}
