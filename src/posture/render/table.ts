// The terminal view: open findings grouped by who owns the fix, then severity; what could not be
// evaluated; what is muted; a summary line. Colour only when asked (picocolors).

import pc from 'picocolors';
import { displayWidth, padDisplay } from '../../core/text-width.js';
import { gapSentence } from '../../checks/gaps.js';
import type { Finding, ScanResult, Severity } from '../types.js';
import {
  accountLabel,
  DEMO_BANNER,
  groupOpen,
  incompleteLine,
  isDemo,
  OWNER_HEADING,
  SEVERITY_NAME,
  summaryLine,
  type RenderOptions,
} from './common.js';

export interface TableOptions extends RenderOptions {
  color?: boolean;
  /** Print the remediation CLI under each finding (default true). */
  fixes?: boolean;
}

const MAX_GAPS = 10;

export function renderTable(scan: ScanResult, opts: TableOptions): string {
  const c = pc.createColors(opts.color ?? false);
  const lang = opts.lang;
  const zh = lang === 'zh';
  const sev: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.gray,
  };
  const out: string[] = [];
  if (isDemo(scan, opts)) out.push(c.bold(c.magenta(`*** ${DEMO_BANNER[lang]} ***`)), '');
  out.push(
    c.bold(zh ? `whoowns 安全态势 · 账号 ${accountLabel(scan)}` : `whoowns posture · account ${accountLabel(scan)}`),
    c.dim(zh ? `扫描时间 ${scan.scannedAt} · 地域 ${scan.regions.join(', ') || '无'}` : `scanned ${scan.scannedAt} · regions ${scan.regions.join(', ') || 'none'}`),
  );
  const incomplete = incompleteLine(scan, lang);
  if (incomplete) {
    out.push('', c.bold(c.yellow(`!! ${incomplete}`)));
    for (const g of scan.gaps.slice(0, MAX_GAPS)) out.push(c.yellow(`   - ${gapSentence(g)[lang]}`));
    if (scan.gaps.length > MAX_GAPS) out.push(c.yellow(zh ? `   - 另有 ${scan.gaps.length - MAX_GAPS} 个` : `   - and ${scan.gaps.length - MAX_GAPS} more`));
  }
  out.push('', c.bold(summaryLine(scan, lang)));

  // Check ids padded (before colouring, which would add invisible width) so the reasons form a column.
  const idWidth = Math.max(0, ...scan.findings.filter((f) => f.status === 'fail' || f.status === 'error').map((f) => displayWidth(f.checkId)));
  const id = (f: Finding) => padDisplay(f.checkId, idWidth);
  const line = (f: Finding, mark: string, colour: (s: string) => string) => {
    out.push(`    ${colour(mark)} ${c.dim(id(f))}  ${f.reason[lang]}`);
    if (opts.fixes !== false && f.status === 'fail') out.push(c.dim(`        ${zh ? '修复' : 'fix'}: ${f.remediation.cli}`));
  };

  const groups = groupOpen(scan.findings);
  if (groups.length === 0) out.push('', c.green(zh ? '没有未通过的检查。' : 'No failed checks.'));
  for (const g of groups) {
    out.push('', c.bold(OWNER_HEADING[g.owner][lang].toUpperCase()));
    for (const s of g.bySeverity) {
      out.push(`  ${sev[s.severity](SEVERITY_NAME[s.severity][lang])} (${s.findings.length})`);
      for (const f of s.findings) line(f, 'x', sev[f.severity]);
    }
  }

  const errors = scan.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) {
    out.push('', c.bold(c.yellow(zh ? `无法评估 (${errors.length})` : `COULD NOT EVALUATE (${errors.length})`)));
    // A region that could not be read fails every check the same way: say it once.
    const byReason = new Map<string, Finding[]>();
    for (const f of errors) byReason.set(f.reason[lang], [...(byReason.get(f.reason[lang]) ?? []), f]);
    for (const [reason, fs] of byReason) {
      if (fs.length === 1) {
        line(fs[0]!, '?', c.yellow);
        continue;
      }
      const ids = fs.slice(0, 4).map((f) => f.checkId).join(', ') + (fs.length > 4 ? ', …' : '');
      out.push(`    ${c.yellow('?')} ${reason} ${c.dim(zh ? `(${fs.length} 项检查:${ids})` : `(${fs.length} checks: ${ids})`)}`);
    }
  }

  const muted = scan.findings.filter((f) => f.status === 'fail' && f.muted);
  if (muted.length > 0) {
    out.push('', c.bold(zh ? `已静音 (${muted.length})` : `MUTED (${muted.length})`));
    for (const f of muted) {
      const m = f.muted!;
      out.push(c.dim(`    ~ ${id(f)}  ${f.reason[lang]}`));
      out.push(c.dim(zh ? `        ${m.by} 静音至 ${m.until}:${m.reason}` : `        muted by ${m.by} until ${m.until}: ${m.reason}`));
    }
  }

  if (scan.expiredSuppressions.length > 0 || scan.expiringSuppressions.length > 0) {
    out.push('');
    for (const s of scan.expiredSuppressions) {
      out.push(c.yellow(zh ? `静音已过期:${s.check} ${s.resource}(${s.until} 到期,${s.by})` : `Suppression expired: ${s.check} ${s.resource} (until ${s.until}, by ${s.by})`));
    }
    for (const s of scan.expiringSuppressions) {
      out.push(c.yellow(zh ? `静音即将到期:${s.check} ${s.resource}(${s.until} 到期,${s.by})` : `Suppression expiring soon: ${s.check} ${s.resource} (until ${s.until}, by ${s.by})`));
    }
  }

  if (scan.notCovered.length > 0) {
    const list = scan.notCovered.map((n) => (n.cis ? `${n.id} (${n.cis})` : n.id)).join(', ');
    out.push('', c.dim(zh ? `whoowns 未评估:${list}。原因见 JSON 输出中的 notCovered。` : `Not evaluated by whoowns: ${list}. See notCovered in the JSON output for why.`));
  }
  return out.join('\n') + '\n';
}
