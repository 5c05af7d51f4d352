// Markdown for tickets: who owns what, the fix for each finding, and a loud note when the scan
// is incomplete. One section per check so a ticket can be cut per section.

import { gapSentence } from '../../checks/gaps.js';
import { SEVERITIES, type Finding, type ScanResult } from '../types.js';
import { OWNER_LABEL, SEVERITY_LABEL } from '../../core/i18n.js';
import { accountLabel, DEMO_BANNER, groupOpen, incompleteLine, isDemo, OWNER_HEADING, OWNER_ORDER, summaryLine, collect, lineWriter, type RenderOptions, type Write } from './common.js';
import { metaOf, remediationOf } from '../meta.js';
import { teamLine, unownedCount, unownedHeading, unownedIds } from './teams.js';

/** Escape characters Markdown would read as formatting. */
export function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

export function renderMarkdown(scan: ScanResult, opts: RenderOptions): string {
  return collect((w) => renderMarkdownTo(scan, opts, w));
}

export function renderMarkdownTo(scan: ScanResult, opts: RenderOptions, write: Write): void {
  const lang = opts.lang;
  const zh = lang === 'zh';
  const emit = lineWriter(write);
  if (isDemo(scan, opts)) emit(`> **${md(DEMO_BANNER[lang])}**`, '');
  emit(zh ? `# whoowns 安全态势报告:${md(accountLabel(scan))}` : `# whoowns posture report: ${md(accountLabel(scan))}`, '');
  emit(zh ? `扫描时间 ${scan.scannedAt},地域 ${scan.regions.join(', ') || '无'}。` : `Scanned ${scan.scannedAt}; regions ${scan.regions.join(', ') || 'none'}.`, '');

  const incomplete = incompleteLine(scan, lang);
  if (incomplete) {
    emit(`> ⚠️ **${md(incomplete)}**`, '>');
    for (const g of scan.gaps) emit(`> - ${md(gapSentence(g)[lang])}`);
    emit('');
  }

  emit(zh ? '## 概览' : '## Summary', '', md(summaryLine(scan, lang)), '');
  emit(`| ${zh ? '责任方' : 'Owner'} | ${SEVERITIES.map((s) => SEVERITY_LABEL[s][lang]).join(' | ')} |`);
  emit(`|---|${SEVERITIES.map(() => '---:').join('|')}|`);
  for (const o of OWNER_ORDER) emit(`| ${OWNER_LABEL[o][lang]} | ${SEVERITIES.map((s) => scan.summary.failByOwnerSeverity[o][s]).join(' | ')} |`);
  emit('');

  for (const g of groupOpen(scan.findings)) {
    emit(`## ${md(OWNER_HEADING[g.owner][lang])}`, '');
    for (const s of g.bySeverity) {
      const byCheck = new Map<string, Finding[]>();
      for (const f of s.findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
      for (const [checkId, fs] of byCheck) {
        const first = fs[0]!;
        const meta = metaOf(scan, checkId);
        emit(`### ${SEVERITY_LABEL[s.severity][lang].toUpperCase()}: ${md(meta.title[lang])} (\`${checkId}\`)`, '');
        emit(`**${zh ? '为什么' : 'Why'}:** ${md(meta.remediation.why[lang])}`, '');
        for (const f of fs) emit(`- ${md(f.reason[lang])}${f.team ? ` — ${md(teamLine(f, lang))}` : ''} <sub>${f.fingerprint}</sub>`);
        emit('', `**${zh ? '控制台步骤' : 'Console steps'}** (${md(first.resource.id)}):`, '', remediationOf(scan, first).console[lang], '');
        emit(`**CLI:**`, '', '```sh');
        for (const f of fs) emit(remediationOf(scan, f).cli);
        emit('```', '');
        const refs = [meta.cis, ...meta.references].filter(Boolean);
        if (refs.length) emit(`${zh ? '参考' : 'References'}: ${refs.map((r) => md(r!)).join(', ')}`, '');
      }
    }
  }

  const errors = scan.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) {
    emit(zh ? `## 无法评估(${errors.length})` : `## Could not evaluate (${errors.length})`, '');
    for (const f of errors) emit(`- \`${f.checkId}\`: ${md(f.reason[lang])}`);
    emit('');
  }
  const muted = scan.findings.filter((f) => f.status === 'fail' && f.muted);
  if (muted.length > 0) {
    emit(zh ? `## 已静音(${muted.length})` : `## Muted (${muted.length})`, '');
    for (const f of muted) emit(`- \`${f.checkId}\`: ${md(f.reason[lang])} — ${zh ? `${md(f.muted!.by)} 静音至 ${f.muted!.until}:` : `muted by ${md(f.muted!.by)} until ${f.muted!.until}: `}${md(f.muted!.reason)}`);
    emit('');
  }
  if (scan.expiredSuppressions.length || scan.expiringSuppressions.length) {
    emit(zh ? '## 静音条目' : '## Suppressions', '');
    for (const s of scan.expiredSuppressions) emit(`- ${zh ? '已过期' : 'Expired'}: \`${s.check}\` ${md(s.resource)} (${s.until}, ${md(s.by)})`);
    for (const s of scan.expiringSuppressions) emit(`- ${zh ? '即将到期' : 'Expiring soon'}: \`${s.check}\` ${md(s.resource)} (${s.until}, ${md(s.by)})`);
    emit('');
  }
  if (scan.unowned?.length) {
    emit(zh ? `## 无主资源(${unownedCount(scan)})` : `## Unowned resources (${unownedCount(scan)})`, '');
    for (const g of scan.unowned) {
      emit(`- ${md(unownedHeading(g, lang))}: ${md(unownedIds(g, lang))}`);
      if (g.commands.length) emit('', '```sh', ...g.commands, '```', '');
    }
    emit('');
  }
  if (scan.notCovered.length > 0) {
    emit(zh ? '## whoowns 未评估的项目' : '## Not evaluated by whoowns', '');
    for (const n of scan.notCovered) emit(`- \`${n.id}\`${n.cis ? ` (${n.cis})` : ''}: ${md(n.reason[lang])}`);
    emit('');
  }
}
