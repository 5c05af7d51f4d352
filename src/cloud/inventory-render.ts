// Text renderings of an inventory summary for `whoowns inventory --format json|table`.
// Pure: string in, string out. Unknown counts print as "?" so they never read as zero.

import { alignColumns, columnWidths } from '../core/text-width.js';
import type { InventorySummary } from './inventory.js';
import { count } from '../core/plural.js';

export type { Lang } from '../core/i18n.js';
import type { Lang } from '../core/i18n.js';

export function renderInventoryJson(summary: InventorySummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

const REGION_COLUMNS = [
  { key: 'regionId', en: 'region', zh: '地域' },
  { key: 'instances', en: 'instances', zh: '实例' },
  { key: 'securityGroups', en: 'sec.groups', zh: '安全组' },
  { key: 'securityGroupRules', en: 'rules', zh: '规则' },
  { key: 'disks', en: 'disks', zh: '云盘' },
  { key: 'autoSnapshotPolicies', en: 'snap.policies', zh: '快照策略' },
  { key: 'systemEvents', en: 'events', zh: '系统事件' },
  { key: 'vpcs', en: 'vpcs', zh: 'VPC' },
  { key: 'flowLogs', en: 'flow logs', zh: '流日志' },
  { key: 'gaps', en: 'gaps', zh: '缺口' },
] as const;

function cell(v: unknown): string {
  return v === null || v === undefined ? '?' : String(v);
}

export function renderTable(headers: string[], rows: string[][]): string {
  const widths = columnWidths([headers, ...rows]);
  const [head, ...body] = alignColumns([headers, ...rows], (i) => (i > 0 ? 'right' : 'left'), widths);
  return [head, widths.map((w) => '-'.repeat(w)).join('  '), ...body].join('\n');
}

export function renderInventoryTable(summary: InventorySummary, lang: Lang = 'en'): string {
  const t = (en: string, zh: string) => (lang === 'zh' ? zh : en);
  const out: string[] = [];
  const who = summary.accountId ? `${summary.accountName} (${summary.accountId})` : summary.accountName;
  out.push(`${t('Account', '账号')}: ${who}    ${t('collected', '采集于')} ${summary.collectedAt}    ${summary.source.kind}`);
  out.push('');
  if (summary.regions.length > 0) {
    out.push(
      renderTable(
        REGION_COLUMNS.map((c) => c[lang]),
        summary.regions.map((r) => REGION_COLUMNS.map((c) => cell(r[c.key]))),
      ),
    );
  } else {
    out.push(t('No regions collected.', '没有采集任何地域。'));
  }
  if (summary.ram) {
    out.push('');
    out.push(
      renderTable(
        [t('RAM users', 'RAM 用户'), t('groups', '用户组'), t('custom policies', '自定义策略'), t('access keys', 'AccessKey'), t('gaps', '缺口')],
        [[cell(summary.ram.users), cell(summary.ram.groups), cell(summary.ram.customPolicies), cell(summary.ram.accessKeys), cell(summary.ram.gaps)]],
      ),
    );
  }
  out.push('');
  out.push(
    `${t('API calls', 'API 调用')}: ${summary.stats.apiCalls}    ${t('retries', '重试')}: ${summary.stats.retries}    ${t('duration', '耗时')}: ${(summary.stats.durationMs / 1000).toFixed(1)} s`,
  );
  if (summary.complete) {
    out.push(t('Complete: every call succeeded.', '完整:所有调用均成功。'));
  } else {
    out.push(
      t(
        `INCOMPLETE: ${count(summary.gaps.length, 'gap')}. "?" = unknown, not zero.`,
        `不完整:${summary.gaps.length} 处缺口。"?" 表示未知,不是 0。`,
      ),
    );
    const shown = summary.gaps.slice(0, 20);
    out.push(
      renderTable(
        [t('service', '服务'), t('region', '地域'), t('action', '操作'), t('resource', '资源'), t('code', '错误码'), t('missing permission', '缺少权限')],
        shown.map((g) => [g.service, g.region ?? '-', g.action, g.resource ?? '-', g.code, g.missingAction ?? '-']),
      ),
    );
    if (summary.gaps.length > shown.length) {
      out.push(t(`... and ${summary.gaps.length - shown.length} more (use --format json)`, `……另有 ${summary.gaps.length - shown.length} 处(用 --format json 查看)`));
    }
  }
  return `${out.join('\n')}\n`;
}
