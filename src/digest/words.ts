import { label } from '../checks/labels.js';
import { SEVERITIES, type Owner, type Severity } from '../posture/types.js';
import type { Count, DigestItem, DigestMessage } from './types.js';
import { count } from '../core/plural.js';

// The digest's phrases in both languages, and dates shown in the schedule's time zone.
// Pure: every function gets the time it talks about.

export type { Lang } from '../core/i18n.js';
import { OWNER_LABEL, SEVERITY_LABEL, type Lang } from '../core/i18n.js';

const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
};

export function severityName(s: Severity, lang: Lang): string {
  return SEVERITY_LABEL[s][lang];
}

export function ownerName(o: Owner, lang: Lang): string {
  return OWNER_LABEL[o][lang];
}

interface LocalParts {
  date: string;
  time: string;
  weekday: number;
}

export function localParts(iso: string, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(new Date(iso));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}`, weekday };
}

/** "2025-06-16 09:00 (Asia/Shanghai)". */
export function localTime(iso: string, timeZone: string): string {
  const p = localParts(iso, timeZone);
  return `${p.date} ${p.time} (${timeZone})`;
}

/** "since 09:00" (same day), "since Monday" (this week), "since 2025-06-01" (older). */
export function sinceWords(since: string, now: string, timeZone: string, lang: Lang): string {
  const s = localParts(since, timeZone);
  const n = localParts(now, timeZone);
  const days = (Date.parse(`${n.date}T00:00:00Z`) - Date.parse(`${s.date}T00:00:00Z`)) / 86_400_000;
  if (days === 0) return lang === 'zh' ? `自 ${s.time} 以来` : `since ${s.time}`;
  if (days === 1) return lang === 'zh' ? '自昨天以来' : 'since yesterday';
  if (days > 1 && days < 7) return lang === 'zh' ? `自${WEEKDAYS.zh[s.weekday]}以来` : `since ${WEEKDAYS.en[s.weekday]}`;
  return lang === 'zh' ? `自 ${s.date} 以来` : `since ${s.date}`;
}

/** "+2", "−1", or "" when nothing moved. */
export function delta(c: Count): string {
  const d = c.now - c.before;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '';
}

/** "3 open, all medium" / "4 open: 1 high, 3 medium" / "nothing open". */
export function openWords(m: Pick<DigestMessage, 'totals'>, lang: Lang): string {
  const bySev = SEVERITIES.map((s) => [s, m.totals.reduce((n, t) => n + t.bySeverity[s].now, 0)] as const).filter(([, n]) => n > 0);
  const total = bySev.reduce((n, [, k]) => n + k, 0);
  if (total === 0) return lang === 'zh' ? '没有待处理的问题' : 'nothing open';
  if (bySev.length === 1) {
    const s = severityName(bySev[0]![0], lang);
    return lang === 'zh' ? `${total} 个待处理,均为${s}` : `${total} open, all ${s}`;
  }
  const list = bySev.map(([s, n]) => (lang === 'zh' ? `${severityName(s, lang)} ${n}` : `${n} ${severityName(s, lang)}`)).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${total} 个待处理(${list})` : `${total} open: ${list}`;
}

/** The one line that says what happened; on an unchanged day it is the whole digest. */
export function headline(m: DigestMessage, lang: Lang): string {
  return `${headlineCore(m, lang)}${unreadWords(m, lang)}`;
}

/** Across accounts, an account not read makes the whole digest incomplete: said in the headline. */
function unreadWords(m: DigestMessage, lang: Lang): string {
  const n = (m.accounts ?? []).filter((a) => a.error).length;
  if (!n) return '';
  return lang === 'zh' ? `(不完整:${n} 个账号无法读取)` : ` (incomplete: ${count(n, 'account')} could not be read)`;
}

function headlineCore(m: DigestMessage, lang: Lang): string {
  const open = openWords(m, lang);
  if (m.kind === 'first' || !m.since) {
    const who = m.team ? (lang === 'zh' ? `${m.team.name.zh}(${m.accountName})` : `${m.team.name.en} (${m.accountName})`) : m.accountName;
    return lang === 'zh' ? `${who} 的第一份安全摘要:${open}` : `First digest for ${who}: ${open}`;
  }
  const since = sinceWords(m.since, m.at, m.timezone, lang);
  if (m.kind === 'unchanged') {
    return lang === 'zh' ? `${since}没有变化:${open}` : `No change ${since}: ${open}`;
  }
  const parts: string[] = [];
  const zh = lang === 'zh';
  if (m.newFindings.length) parts.push(zh ? `新增 ${m.newFindings.length}` : `${m.newFindings.length} new`);
  if (m.resolved.length) parts.push(zh ? `已解决 ${m.resolved.length}` : `${m.resolved.length} resolved`);
  if (m.newlyMuted.length) parts.push(zh ? `新静音 ${m.newlyMuted.length}` : `${m.newlyMuted.length} muted`);
  if (!parts.length) parts.push(zh ? '阿里云侧有变化' : "changes on Alibaba Cloud's side");
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return zh ? `${since}:${parts.join(',')}。现在${open}` : `${cap(since)}: ${parts.join(', ')}. Now ${open}`;
}

/** "[high] Admin ports open to the internet: Security group web (sg-1), cn-hangzhou". */
export function itemLine(i: DigestItem, lang: Lang): string {
  const where = i.resource.region && i.resource.type !== 'region' ? (lang === 'zh' ? `,${i.resource.region}` : `, ${i.resource.region}`) : '';
  const sev = severityName(i.severity, lang);
  const what = label(i.resource)[lang];
  return lang === 'zh' ? `[${sev}] ${i.title.zh}:${what}${where}` : `[${sev}] ${i.title.en}: ${what}${where}`;
}

export function ageWords(days: number, lang: Lang): string {
  if (lang === 'zh') return days === 0 ? '今天发现' : `已存在 ${days} 天`;
  return days === 0 ? 'found today' : `open ${count(days, 'day')}`;
}
