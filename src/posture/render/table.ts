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
  summaryLine,
  collect,
  lineWriter,
  type RenderOptions,
  type Write,
} from './common.js';
import { remediationOf } from '../meta.js';
import { teamLine, unownedCount, unownedHeading, unownedIds } from './teams.js';
import { SEVERITY_LABEL } from '../../core/i18n.js';

export interface TableOptions extends RenderOptions {
  color?: boolean;
  /** Print the remediation CLI under each finding (default true). */
  fixes?: boolean;
}

const MAX_GAPS = 10;

export function renderTable(scan: ScanResult, opts: TableOptions): string {
  return collect((w) => renderTableTo(scan, opts, w));
}

export function renderTableTo(scan: ScanResult, opts: TableOptions, write: Write): void {
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
  const emit = lineWriter(write);
  if (isDemo(scan, opts)) emit(c.bold(c.magenta(`*** ${DEMO_BANNER[lang]} ***`)), '');
  emit(
    c.bold(zh ? `whoowns 安全态势 · 账号 ${accountLabel(scan)}` : `whoowns posture · account ${accountLabel(scan)}`),
    c.dim(zh ? `扫描时间 ${scan.scannedAt} · 地域 ${scan.regions.join(', ') || '无'}` : `scanned ${scan.scannedAt} · regions ${scan.regions.join(', ') || 'none'}`),
  );
  const incomplete = incompleteLine(scan, lang);
  if (incomplete) {
    emit('', c.bold(c.yellow(`!! ${incomplete}`)));
    for (const g of scan.gaps.slice(0, MAX_GAPS)) emit(c.yellow(`   - ${gapSentence(g)[lang]}`));
    if (scan.gaps.length > MAX_GAPS) emit(c.yellow(zh ? `   - 另有 ${scan.gaps.length - MAX_GAPS} 个` : `   - and ${scan.gaps.length - MAX_GAPS} more`));
  }
  emit('', c.bold(summaryLine(scan, lang)));

  // Check ids padded (before colouring, which would add invisible width) so the reasons form a column.
  const idWidth = Math.max(0, ...scan.findings.filter((f) => f.status === 'fail' || f.status === 'error').map((f) => displayWidth(f.checkId)));
  const id = (f: Finding) => padDisplay(f.checkId, idWidth);
  const line = (f: Finding, mark: string, colour: (s: string) => string) => {
    emit(`    ${colour(mark)} ${c.dim(id(f))}  ${f.reason[lang]}`);
    if (f.team && f.status === 'fail') emit(c.dim(`        ${teamLine(f, lang)}`));
    if (opts.fixes !== false && f.status === 'fail') emit(c.dim(`        ${zh ? '修复' : 'fix'}: ${remediationOf(scan, f).cli}`));
  };

  const groups = groupOpen(scan.findings);
  if (groups.length === 0) emit('', c.green(zh ? '没有未通过的检查。' : 'No failed checks.'));
  for (const g of groups) {
    emit('', c.bold(OWNER_HEADING[g.owner][lang].toUpperCase()));
    for (const s of g.bySeverity) {
      emit(`  ${sev[s.severity](SEVERITY_LABEL[s.severity][lang].toUpperCase())} (${s.findings.length})`);
      for (const f of s.findings) line(f, 'x', sev[f.severity]);
    }
  }

  const errors = scan.findings.filter((f) => f.status === 'error');
  if (errors.length > 0) {
    emit('', c.bold(c.yellow(zh ? `无法评估 (${errors.length})` : `COULD NOT EVALUATE (${errors.length})`)));
    // A region that could not be read fails every check the same way: say it once.
    const byReason = new Map<string, Finding[]>();
    for (const f of errors) byReason.set(f.reason[lang], [...(byReason.get(f.reason[lang]) ?? []), f]);
    for (const [reason, fs] of byReason) {
      if (fs.length === 1) {
        line(fs[0]!, '?', c.yellow);
        continue;
      }
      const ids = fs.slice(0, 4).map((f) => f.checkId).join(', ') + (fs.length > 4 ? ', …' : '');
      emit(`    ${c.yellow('?')} ${reason} ${c.dim(zh ? `(${fs.length} 项检查:${ids})` : `(${fs.length} checks: ${ids})`)}`);
    }
  }

  const muted = scan.findings.filter((f) => f.status === 'fail' && f.muted);
  if (muted.length > 0) {
    emit('', c.bold(zh ? `已静音 (${muted.length})` : `MUTED (${muted.length})`));
    for (const f of muted) {
      const m = f.muted!;
      emit(c.dim(`    ~ ${id(f)}  ${f.reason[lang]}`));
      emit(c.dim(zh ? `        ${m.by} 静音至 ${m.until}:${m.reason}` : `        muted by ${m.by} until ${m.until}: ${m.reason}`));
    }
  }

  if (scan.expiredSuppressions.length > 0 || scan.expiringSuppressions.length > 0) {
    emit('');
    for (const s of scan.expiredSuppressions) {
      emit(c.yellow(zh ? `静音已过期:${s.check} ${s.resource}(${s.until} 到期,${s.by})` : `Suppression expired: ${s.check} ${s.resource} (until ${s.until}, by ${s.by})`));
    }
    for (const s of scan.expiringSuppressions) {
      emit(c.yellow(zh ? `静音即将到期:${s.check} ${s.resource}(${s.until} 到期,${s.by})` : `Suppression expiring soon: ${s.check} ${s.resource} (until ${s.until}, by ${s.by})`));
    }
  }

  if (scan.unowned?.length) {
    const n = unownedCount(scan);
    emit('', c.bold(zh ? `无主资源 (${n}):没有规则匹配,也无从继承` : `UNOWNED (${n}): no rule matched and nothing to inherit from`));
    for (const g of scan.unowned) {
      emit(`  ${unownedHeading(g, lang)}: ${unownedIds(g, lang)}`);
      for (const cmd of g.commands) emit(c.dim(`    ${zh ? '打标签' : 'tag'}: ${cmd}`));
    }
  }

  if (scan.notCovered.length > 0) {
    const list = scan.notCovered.map((n) => (n.cis ? `${n.id} (${n.cis})` : n.id)).join(', ');
    emit('', c.dim(zh ? `whoowns 未评估:${list}。原因见 JSON 输出中的 notCovered。` : `Not evaluated by whoowns: ${list}. See notCovered in the JSON output for why.`));
  }
  write('\n');
}
