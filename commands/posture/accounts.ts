import type { Block, Reply } from '../../src/chat/message.js';
import type { Locale } from '../../src/chat/types.js';
import { OWNER_LABEL, SEVERITY_LABEL } from '../../src/core/i18n.js';
import type { ScanView } from '../../src/posture/service.js';
import { SEVERITIES, type ScanSummary } from '../../src/posture/types.js';
import { count } from '../../src/core/plural.js';

// Replies about many accounts: the account list (/posture accounts) and the cross-account
// overview (/posture with more than one account), worst first. An account that could not be read
// is listed as such, never left out.

export interface AccountRow {
  name: string;
  accountId?: string;
  discovered?: boolean;
  /** The last scan (cached); absent: not scanned yet. */
  view?: ScanView;
  /** Why it could not be read, in both languages. */
  error?: { zh: string; en: string };
}

type SevCounts = Record<(typeof SEVERITIES)[number], number>;

function bySeverity(summary: ScanSummary): SevCounts {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SevCounts;
  for (const owner of Object.values(summary.failByOwnerSeverity)) for (const s of SEVERITIES) out[s] += owner[s];
  return out;
}

function severityText(c: SevCounts, locale: Locale): string {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${SEVERITY_LABEL[s][locale]} ${c[s]}`);
  return parts.join(' · ') || (locale === 'zh' ? '无待处理问题' : 'nothing open');
}

function ownerText(summary: ScanSummary, locale: Locale): string {
  return (Object.keys(summary.failByOwnerSeverity) as (keyof ScanSummary['failByOwnerSeverity'])[])
    .map((o) => `${OWNER_LABEL[o][locale]} ${SEVERITIES.reduce((n, s) => n + summary.failByOwnerSeverity[o][s], 0)}`)
    .join(' · ');
}

/** Worst first: more critical, then more high, ...; unreadable accounts first of all (nothing is known). */
export function worstFirst(rows: AccountRow[]): AccountRow[] {
  const key = (r: AccountRow) => (r.view ? SEVERITIES.map((s) => bySeverity(r.view!.scan.summary)[s]) : [Infinity]);
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) if ((kb[i] ?? 0) !== (ka[i] ?? 0)) return (kb[i] ?? 0) - (ka[i] ?? 0);
    return a.name.localeCompare(b.name);
  });
}

function ageText(ms: number, locale: Locale): string {
  const mins = Math.round(ms / 60_000);
  if (locale === 'zh') return mins < 1 ? '刚刚' : `${mins} 分钟前`;
  return mins < 1 ? 'just now' : `${mins} min ago`;
}

function rowText(r: AccountRow, locale: Locale): string {
  const zh = locale === 'zh';
  const id = r.accountId ? ` (${r.accountId})` : '';
  const from = r.discovered ? (zh ? ' · 资源目录' : ' · resource directory') : '';
  if (r.error) return `• **${r.name}**${id}${from}: ⚠️ ${zh ? '无法读取' : 'could not be read'}: ${r.error[locale]}`;
  if (!r.view) return `• **${r.name}**${id}${from}: ${zh ? '尚未扫描' : 'not scanned yet'}`;
  const summary = r.view.scan.summary;
  const partial = r.view.scan.incomplete || r.view.scan.gaps.length > 0 ? (zh ? ' · ⚠️ 结果不完整' : ' · ⚠️ incomplete') : '';
  return `• **${r.name}**${id}${from}: ${severityText(bySeverity(summary), locale)} — ${ownerText(summary, locale)} · ${zh ? '扫描于' : 'scanned'} ${ageText(r.view.ageMs, locale)}${partial}`;
}

export function accountsReply(rows: AccountRow[], locale: Locale, demo: boolean): Reply {
  const zh = locale === 'zh';
  const title = zh ? `账号:${rows.length} 个` : `Accounts: ${count(rows.length, 'account')}`;
  const blocks: Block[] = [
    { type: 'header', text: title },
    { type: 'text', text: rows.map((r) => rowText(r, locale)).join('\n') },
    { type: 'context', text: zh ? '用 `/posture --account <名称>` 查看一个账号,`/posture use <名称>` 设为本频道默认。' : 'Use `/posture --account <name>` for one account, `/posture use <name>` to make it this channel\'s default.' },
  ];
  return { summary: title, blocks, demo };
}

export function overviewReply(rows: AccountRow[], locale: Locale, demo: boolean): Reply {
  const zh = locale === 'zh';
  const sorted = worstFirst(rows);
  const open = rows.reduce((n, r) => n + (r.view ? SEVERITIES.reduce((m, s) => m + bySeverity(r.view!.scan.summary)[s], 0) : 0), 0);
  const failed = rows.filter((r) => r.error).length;
  const tail = failed ? (zh ? `,${failed} 个账号无法读取` : `, ${count(failed, 'account')} could not be read`) : '';
  const title = zh ? `安全态势(${rows.length} 个账号):${open} 个待处理问题${tail}` : `Posture across ${count(rows.length, 'account')}: ${count(open, 'open finding')}${tail}`;
  const blocks: Block[] = [
    { type: 'header', text: title },
    { type: 'text', text: sorted.map((r) => rowText(r, locale)).join('\n') },
    {
      type: 'actions',
      buttons: sorted.filter((r) => r.view).slice(0, 5).map((r) => ({ label: r.name, command: `posture --account ${r.name}` })),
    },
  ];
  return { summary: title, blocks, demo };
}
