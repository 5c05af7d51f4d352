// Shared by the renderers: options, words in both languages, and the ordering of sections.

import type { Owner, ScanResult, Severity, Status } from '../types.js';
import { SEVERITIES } from '../types.js';
import type { Finding } from '../types.js';
import { count } from '../../core/plural.js';

import { OWNER_LABEL, SEVERITY_LABEL, type Lang } from '../../core/i18n.js';

export type { Lang };

/**
 * Where a renderer writes, a piece at a time: the CLI passes stdout (through the redactor, which
 * then works per piece), so no report is ever built as one string. Pieces end on line breaks.
 */
export type Write = (chunk: string) => void;

/** Writes lines as lines.join('\n') would join them, one at a time. */
export function lineWriter(write: Write): (...lines: string[]) => void {
  let first = true;
  return (...lines) => {
    for (const line of lines) {
      write(first ? line : `\n${line}`);
      first = false;
    }
  };
}

/** The whole text of a streaming renderer, for tests and small scans. */
export function collect(render: (write: Write) => void): string {
  const parts: string[] = [];
  render((c) => parts.push(c));
  return parts.join('');
}

export interface RenderOptions {
  lang: Lang;
  /** Label the output DEMO DATA; defaults to whether the snapshot came from the demo. */
  demo?: boolean;
}

export function isDemo(scan: ScanResult, opts: RenderOptions): boolean {
  return opts.demo ?? scan.source === 'demo';
}

export const DEMO_LABEL = { en: 'DEMO DATA', zh: '演示数据' } as const;

export const DEMO_BANNER = {
  en: 'DEMO DATA — a made-up account from the built-in emulator, not your cloud.',
  zh: '演示数据 — 来自内置模拟器的虚构账号,不是您的云账号。',
} as const;

/** Owners in the order a reader needs them: what is yours first. */
export const OWNER_ORDER: Owner[] = ['customer', 'shared', 'alibaba-cloud'];

export const OWNER_HEADING: Record<Owner, { en: string; zh: string }> = {
  customer: { en: 'Customer — yours to fix', zh: '客户侧 — 由您修复' },
  shared: { en: 'Shared — you and Alibaba Cloud', zh: '共同责任 — 您与阿里云' },
  'alibaba-cloud': { en: 'Alibaba Cloud — the platform\'s side; at most you choose timing', zh: '阿里云侧 — 由平台处理,您最多需要选择时间' },
};

export const STATUS_NAME: Record<Status, { en: string; zh: string }> = {
  fail: { en: 'failed', zh: '未通过' },
  pass: { en: 'passed', zh: '通过' },
  error: { en: 'could not evaluate', zh: '无法评估' },
  skip: { en: 'not applicable', zh: '不适用' },
};

/** Open (failed, not muted) findings grouped owner → severity, in reading order. */
export function groupOpen(findings: Finding[]): Array<{ owner: Owner; bySeverity: Array<{ severity: Severity; findings: Finding[] }> }> {
  const open = findings.filter((f) => f.status === 'fail' && !f.muted);
  return OWNER_ORDER.map((owner) => ({
    owner,
    bySeverity: SEVERITIES.map((severity) => ({ severity, findings: open.filter((f) => f.owner === owner && f.severity === severity) })).filter((g) => g.findings.length > 0),
  })).filter((g) => g.bySeverity.length > 0);
}

/** "5 failed (customer: 1 CRITICAL, 2 HIGH; Alibaba Cloud: 1 INFO), 40 passed, 2 could not evaluate, 3 not applicable, 1 muted" */
export function summaryLine(scan: ScanResult, lang: Lang): string {
  const s = scan.summary;
  const owners = OWNER_ORDER.map((o) => {
    const parts = SEVERITIES.filter((sev) => s.failByOwnerSeverity[o][sev] > 0).map((sev) => `${s.failByOwnerSeverity[o][sev]} ${SEVERITY_LABEL[sev][lang]}`);
    return parts.length ? `${OWNER_LABEL[o][lang]}: ${parts.join(', ')}` : '';
  }).filter(Boolean);
  const open = s.byStatus.fail - s.muted;
  if (lang === 'zh') {
    return `${open} 项未通过${owners.length ? `(${owners.join(';')})` : ''},${s.byStatus.pass} 项通过,${s.byStatus.error} 项无法评估,${s.byStatus.skip} 项不适用,${s.muted} 项已静音。`;
  }
  return `${open} failed${owners.length ? ` (${owners.join('; ')})` : ''}, ${s.byStatus.pass} passed, ${s.byStatus.error} could not be evaluated, ${s.byStatus.skip} not applicable, ${s.muted} muted.`;
}

/** The loud line shown when anything could not be read. */
export function incompleteLine(scan: ScanResult, lang: Lang): string | null {
  if (!scan.incomplete) return null;
  const calls = scan.gaps.length;
  const errors = scan.summary.byStatus.error;
  return lang === 'zh'
    ? `结果不完整:${calls} 个调用失败,${errors} 项检查无法评估。未列出的问题不代表不存在。`
    : `INCOMPLETE: ${count(calls, 'call')} failed and ${count(errors, 'check result')} could not be evaluated. Problems not listed here may still exist.`;
}

export function accountLabel(scan: ScanResult): string {
  return scan.accountId ? `${scan.accountName} (${scan.accountId})` : scan.accountName;
}
