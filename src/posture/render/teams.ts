// The team lines every renderer shares: who inside the customer owns a finding, and the list of
// resources no owners rule reached, with the tag command that would fix it (printed, never run).

import type { Finding, ScanResult } from '../types.js';
import type { UnownedGroup } from '../teams.js';

import type { Lang } from '../../core/i18n.js';

/** "payments" / "payments, search"; "none" when nobody owns it. */
export function teamIds(f: Finding, lang: Lang): string {
  if (!f.team) return '';
  if (f.team.teams.length === 0) return lang === 'zh' ? '无' : 'none';
  return f.team.teams.join(lang === 'zh' ? '、' : ', ');
}

/** "team: payments (tag team=payments on i-…)"; empty when no owners are configured. */
export function teamLine(f: Finding, lang: Lang): string {
  if (!f.team) return '';
  return lang === 'zh' ? `团队:${teamIds(f, lang)}(${f.team.why.zh})` : `team: ${teamIds(f, lang)} (${f.team.why.en})`;
}

export function unownedCount(scan: ScanResult): number {
  return (scan.unowned ?? []).reduce((n, g) => n + g.resources.length, 0);
}

/** Heading of one unowned group. */
export function unownedHeading(g: UnownedGroup, lang: Lang): string {
  const n = g.resources.length;
  if (g.tagKey === null) {
    return lang === 'zh' ? `无法打标签,请按名称添加规则 owners.rules[].match.name(${n})` : `not taggable here, add a name rule owners.rules[].match.name (${n})`;
  }
  return lang === 'zh' ? `缺少 "${g.tagKey}" 标签(${n})` : `no "${g.tagKey}" tag (${n})`;
}

const LIST_MAX = 20;

/** The ids of a group, cut after LIST_MAX so a large account's list stays readable. */
export function unownedIds(g: UnownedGroup, lang: Lang): string {
  const ids = g.resources.slice(0, LIST_MAX).map((r) => r.id).join(', ');
  const more = g.resources.length - LIST_MAX;
  return more > 0 ? `${ids}${lang === 'zh' ? ` 等另 ${more} 个` : ` and ${more} more`}` : ids;
}
