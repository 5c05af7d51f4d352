import type { Block, Reply } from '../chat/message.js';
import { label } from '../checks/labels.js';
import { SEVERITIES, type Severity } from '../posture/types.js';
import type { AccountLine, DigestItem, DigestMessage, OwnerTotals } from './types.js';
import { ageWords, delta, headline, itemLine, localParts, localTime, ownerName, severityName, type Lang } from './words.js';
import { count, plural } from '../core/plural.js';

// DigestMessage → platform-neutral Reply, one per platform: the Slack adapter turns it into
// Block Kit (toBlockKit), the DingTalk sender into markdown (toDingTalkMarkdown). Both are pure.
// Slack gets side-by-side totals and buttons; DingTalk gets plain lines (buttons in a group
// message would talk to a robot that may not be ours) and the trend in words.

/** Longest list shown per section; the rest are counted. */
export const LIST_LIMIT = 8;

export function renderSlackDigest(m: DigestMessage, lang: Lang): Reply {
  return render(m, lang, 'slack');
}

export function renderDingTalkDigest(m: DigestMessage, lang: Lang): Reply {
  return render(m, lang, 'dingtalk');
}

function render(m: DigestMessage, lang: Lang, platform: 'slack' | 'dingtalk'): Reply {
  const zh = lang === 'zh';
  const title = m.team ? `${m.accountName} · ${m.team.name[lang]}` : m.accountName;
  const blocks: Block[] = [{ type: 'header', text: zh ? `安全摘要:${title}` : `Security digest: ${title}` }];
  if (m.late) blocks.push({ type: 'text', text: lateWords(m, lang) });
  const head = headline(m, lang);
  blocks.push({ type: 'text', text: `**${head}**` });

  if (m.kind === 'unchanged') {
    // Short on a quiet day: only what still needs somebody's attention.
    const lines = [unreadAccountsLine(m, lang), unknownLine(m, lang), gapsLine(m, lang), expiringLine(m, lang), platformLine(m, lang)].filter((x): x is string => !!x);
    if (lines.length) blocks.push({ type: 'text', text: lines.join('\n') });
  } else {
    blocks.push(...totalsBlocks(m, lang, platform));
    const byAccount = accountsBlock(m, lang);
    if (byAccount) blocks.push({ type: 'text', text: byAccount });
    pushList(blocks, m.kind === 'first' ? (zh ? '当前待处理' : 'Open now') : zh ? '新增' : 'New', m.newFindings, lang, (i) => `${itemLine(i, lang)}${i.muteEnded ? (zh ? '(静音已结束)' : ' (mute ended)') : ''} \`${i.fingerprint}\``);
    pushList(blocks, zh ? '已解决(已修复或资源已删除)' : 'Resolved (fixed, or the resource is gone)', m.resolved, lang, (i) => itemLine(i, lang));
    pushList(blocks, zh ? '本次未能读取(仍计为待处理)' : 'Not read this time (still counted as open)', m.unknown, lang, (i) => itemLine(i, lang));
    pushList(blocks, zh ? '新静音' : 'Newly muted', m.newlyMuted, lang, (i) => itemLine(i, lang));
    if (m.oldest.some((i) => i.ageDays > 0)) {
      const title = zh ? '最久未处理的严重/高危问题' : 'Oldest open critical/high';
      blocks.push({ type: 'text', text: `**${title}**\n${m.oldest.map((i) => `• ${itemLine(i, lang)} (${ageWords(i.ageDays, lang)})`).join('\n')}` });
    }
    const mutedLines = [mutedLine(m, lang), expiringLine(m, lang)].filter((x): x is string => !!x);
    if (mutedLines.length) blocks.push({ type: 'text', text: mutedLines.join('\n') });
    const gaps = gapsBlock(m, lang);
    if (gaps) blocks.push({ type: 'text', text: gaps });
    const platformText = platformBlock(m, lang);
    if (platformText) blocks.push({ type: 'divider' }, { type: 'text', text: platformText });
  }
  const unowned = unownedLine(m, lang);
  if (unowned) blocks.push({ type: 'context', text: unowned });
  const trend = trendWords(m, lang);
  if (trend) blocks.push({ type: 'context', text: trend });
  blocks.push({ type: 'context', text: footer(m, lang) });
  if (platform === 'slack') {
    blocks.push({
      type: 'actions',
      buttons: [
        m.team ? { label: zh ? '查看本团队的问题' : "Open this team's findings", command: `posture team ${m.team.id}` } : { label: zh ? '查看当前态势' : 'Open posture', command: 'posture' },
        { label: zh ? '摘要状态' : 'Digest status', command: `digest status ${m.schedule}` },
      ],
    });
  }
  const reply: Reply = { summary: `${zh ? '安全摘要' : 'Security digest'} (${title}): ${head}`, blocks, demo: m.source === 'demo' };
  if (m.team?.mention) reply.mentions = m.team.mention;
  return reply;
}

/** A team digest says how many open findings nobody owns, and where they are listed. */
function unownedLine(m: DigestMessage, lang: Lang): string | undefined {
  if (!m.team) return undefined;
  const n = m.team.unowned;
  const moved = m.team.movedAway
    ? lang === 'zh'
      ? `${m.team.movedAway} 项问题已转给其他团队(资源的标签变了),不算已解决。 `
      : `${plural('en', m.team.movedAway, { one: '# finding', other: '# findings' })} moved to another team (the resource was re-tagged): not resolved. `
    : '';
  if (!n) return `${moved}${lang === 'zh' ? '没有无人负责的未解决问题。' : 'No open finding is on a resource no team owns.'}`;
  return lang === 'zh'
    ? `${moved}另有 ${n} 项未解决的问题位于无人负责的资源上:whoowns scan 的无主资源列表给出打标签的命令。`
    : `${moved}${count(n, 'open finding')} on resources no team owns: the unowned list of whoowns scan gives the commands to tag them.`;
}

function lateWords(m: DigestMessage, lang: Lang): string {
  const due = localParts(m.late!.scheduledFor, m.timezone).time;
  return lang === 'zh'
    ? `⏰ 本期摘要原定 ${due} 发送,因机器人当时不在线,推迟了 ${m.late!.minutes} 分钟。`
    : `⏰ Late: this digest was due at ${due} and is ${m.late!.minutes} min late because the bot was down.`;
}

function totalsBlocks(m: DigestMessage, lang: Lang, platform: 'slack' | 'dingtalk'): Block[] {
  const rows = m.totals.filter((t) => t.total.now > 0 || t.total.before > 0);
  if (!rows.length) return [];
  // A first digest has nothing to compare with: "+41" would only be noise.
  const fields = rows.map((t) => ({ label: ownerName(t.owner, lang), value: ownerValue(t, lang, m.kind !== 'first') }));
  if (platform === 'slack') return [{ type: 'fields', fields }];
  return [{ type: 'text', text: fields.map((f) => `• **${f.label}**: ${f.value}`).join('\n') }];
}

function ownerValue(t: OwnerTotals, lang: Lang, deltas: boolean): string {
  const d = deltas ? delta(t.total) : '';
  const sev = SEVERITIES.filter((s) => t.bySeverity[s].now > 0 || t.bySeverity[s].before > 0).map((s) => {
    const c = t.bySeverity[s];
    const dd = deltas ? delta(c) : '';
    return lang === 'zh' ? `${severityName(s, lang)} ${c.now}${dd ? `(${dd})` : ''}` : `${c.now} ${severityName(s, lang)}${dd ? ` (${dd})` : ''}`;
  });
  const total = lang === 'zh' ? `${t.total.now} 个${d ? `(${d})` : ''}` : `${t.total.now} open${d ? ` (${d})` : ''}`;
  return lang === 'zh' ? `${total}:${sev.join('、')}` : `${total}: ${sev.join(', ')}`;
}

function pushList(blocks: Block[], title: string, items: DigestItem[], lang: Lang, line: (i: DigestItem) => string): void {
  if (!items.length) return;
  const shown = items.slice(0, LIST_LIMIT).map((i) => `• ${line(i)}`);
  const more = items.length - LIST_LIMIT;
  if (more > 0) shown.push(lang === 'zh' ? `… 另有 ${more} 项,用 /posture 查看全部` : `… and ${more} more; /posture shows them all`);
  blocks.push({ type: 'text', text: `**${title} (${items.length})**\n${shown.join('\n')}` });
}

/** Accounts shown one line each in a digest across accounts; the rest are counted. */
export const ACCOUNT_LIMIT = 15;

/** "• **prod** (2000…): 3 open — 1 high, 2 medium · You 2, Shared 1 · 1 new, 1 fixed", worst first. */
function accountsBlock(m: DigestMessage, lang: Lang): string | undefined {
  if (!m.accounts?.length) return undefined;
  const zh = lang === 'zh';
  const read = m.accounts.filter((a) => !a.error);
  const lines = read.slice(0, ACCOUNT_LIMIT).map((a) => `• ${accountLine(a, lang, m.kind !== 'first')}`);
  const rest = read.slice(ACCOUNT_LIMIT);
  if (rest.length) {
    const open = rest.reduce((n, a) => n + a.open, 0);
    lines.push(zh ? `… 另有 ${rest.length} 个账号,共 ${open} 个待处理` : `… and ${count(rest.length, 'more account')} with ${count(open, 'open finding')} between them`);
  }
  const unread = unreadAccountsLine(m, lang);
  if (unread) lines.push(unread);
  return [`**${zh ? `按账号(${m.accounts.length})` : `By account (${m.accounts.length})`}**`, ...lines].join('\n');
}

function accountLine(a: AccountLine, lang: Lang, changes: boolean): string {
  const zh = lang === 'zh';
  const id = a.accountId ? ` (${a.accountId})` : '';
  const sev = SEVERITIES.filter((s) => a.bySeverity[s] > 0).map((s) => (zh ? `${severityName(s, lang)} ${a.bySeverity[s]}` : `${a.bySeverity[s]} ${severityName(s, lang)}`));
  const owners = (['customer', 'shared'] as const).filter((o) => a.byOwner[o] > 0).map((o) => `${ownerName(o, lang)} ${a.byOwner[o]}`);
  const head = a.open ? (zh ? `${a.open} 个待处理(${sev.join('、')})` : `${a.open} open — ${sev.join(', ')}`) : zh ? '没有待处理的问题' : 'nothing open';
  const moved = changes && (a.newCount || a.resolvedCount) ? (zh ? `新增 ${a.newCount},已解决 ${a.resolvedCount}` : `${a.newCount} new, ${a.resolvedCount} fixed`) : '';
  const partial = a.incomplete ? (zh ? '⚠️ 不完整' : '⚠️ incomplete') : '';
  return [`**${a.name}**${id}: ${head}`, owners.join(zh ? '、' : ', '), moved, partial].filter(Boolean).join(' · ');
}

/** "⚠️ Could not read: sandbox (reason); finance (reason)". */
function unreadAccountsLine(m: DigestMessage, lang: Lang): string | undefined {
  const failed = (m.accounts ?? []).filter((a) => a.error);
  if (!failed.length) return undefined;
  const list = failed.map((a) => (lang === 'zh' ? `${a.name}(${a.error!.zh})` : `${a.name} (${a.error!.en})`)).join(lang === 'zh' ? ';' : '; ');
  return lang === 'zh' ? `⚠️ 无法读取:${list}` : `⚠️ Could not read: ${list}`;
}

function unknownLine(m: DigestMessage, lang: Lang): string | undefined {
  if (!m.unknown.length) return undefined;
  return lang === 'zh'
    ? `${m.unknown.length} 个问题本次未能读取,仍计为待处理。`
    : `${plural('en', m.unknown.length, { one: '# open finding was', other: '# open findings were' })} not read this time and still count as open.`;
}

function mutedLine(m: DigestMessage, lang: Lang): string | undefined {
  const parts: string[] = [];
  if (m.muted.count) parts.push(lang === 'zh' ? `${m.muted.count} 个问题已静音。` : `${m.muted.count} muted.`);
  if (m.muted.expiredSuppressions) {
    parts.push(
      lang === 'zh'
        ? `${m.muted.expiredSuppressions} 条抑制规则已过期,相关问题重新列入待处理。`
        : `${plural('en', m.muted.expiredSuppressions, { one: '# suppression has', other: '# suppressions have' })} expired; those findings are back on the list.`,
    );
  }
  return parts.length ? parts.join(' ') : undefined;
}

function expiringLine(m: DigestMessage, lang: Lang): string | undefined {
  const xs = m.muted.expiring;
  if (!xs.length) return undefined;
  const head = lang === 'zh' ? `7 天内到期的静音(${xs.length}):` : `Mutes ending within 7 days (${xs.length}):`;
  const lines = xs.slice(0, LIST_LIMIT).map((x) => {
    const what = `${x.title[lang]}: ${label(x.resource)[lang]}`;
    return lang === 'zh' ? `• ${what} — 至 ${x.until}(${x.reason})` : `• ${what} — until ${x.until} (${x.reason})`;
  });
  return [head, ...lines].join('\n');
}

function gapsLine(m: DigestMessage, lang: Lang): string | undefined {
  if (!m.incomplete) return undefined;
  const first = m.gaps.sentences[0]?.[lang];
  const head =
    lang === 'zh'
      ? `⚠️ 本次扫描不完整:${m.gaps.count} 个调用失败,${m.gaps.undecided} 项检查无法判断。`
      : `⚠️ This scan is incomplete: ${count(m.gaps.count, 'call')} failed, ${count(m.gaps.undecided, 'check result')} undecided.`;
  return first ? `${head} ${first}` : head;
}

function gapsBlock(m: DigestMessage, lang: Lang): string | undefined {
  if (!m.incomplete) return undefined;
  const title = lang === 'zh' ? '⚠️ 未能读取的内容' : '⚠️ What could not be read';
  const intro =
    lang === 'zh'
      ? `${m.gaps.count} 个调用失败,${m.gaps.undecided} 项检查无法判断;这些资源的问题不会被算作已解决。`
      : `${count(m.gaps.count, 'call')} failed and ${plural('en', m.gaps.undecided, { one: '# check result is', other: '# check results are' })} undecided; nothing there is reported as resolved.`;
  const lines = m.gaps.sentences.slice(0, 5).map((s) => `• ${s[lang]}`);
  const more = m.gaps.sentences.length - 5;
  if (more > 0) lines.push(lang === 'zh' ? `… 另有 ${more} 类失败` : `… and ${more} more kinds of failure`);
  return [`**${title}**`, intro, ...lines].join('\n');
}

function platformLine(m: DigestMessage, lang: Lang): string | undefined {
  const n = m.platform.open.length;
  if (!n) return undefined;
  return `${lang === 'zh' ? '阿里云侧:' : "Alibaba Cloud's side: "}${platformCount(n, lang)}`;
}

function platformCount(n: number, lang: Lang): string {
  return lang === 'zh'
    ? `${n} 个平台事件待处理(由阿里云修复,您只需选择实例重启时间)。`
    : `${count(n, 'platform event')} pending (Alibaba Cloud fixes ${plural('en', n, { one: 'it', other: 'them' })}; you only choose when instances restart).`;
}

function platformBlock(m: DigestMessage, lang: Lang): string | undefined {
  const n = m.platform.open.length;
  const changes: string[] = [];
  if (m.kind !== 'first') {
    if (m.platform.newCount) changes.push(lang === 'zh' ? `新增 ${m.platform.newCount}` : `${m.platform.newCount} new`);
    if (m.platform.resolvedCount) changes.push(lang === 'zh' ? `已结束 ${m.platform.resolvedCount}` : `${m.platform.resolvedCount} finished`);
  }
  if (!n && !changes.length) return undefined;
  const title = lang === 'zh' ? '**阿里云侧(不在您的待办中)**' : "**Alibaba Cloud's side (not on your to-do list)**";
  const lines = m.platform.open.slice(0, 5).map((i) => `• ${itemLine(i, lang)}`);
  const text = n ? platformCount(n, lang) : lang === 'zh' ? '阿里云侧没有待处理的事件。' : "Nothing pending on Alibaba Cloud's side.";
  const changed = changes.length ? (lang === 'zh' ? `(${changes.join(',')})` : ` (${changes.join(', ')})`) : '';
  return [title, `${text}${changed}`, ...lines].join('\n');
}

/** "Last 30 days: high 3 → 1, medium 5 → 5" from the first and last day with data. */
export function trendWords(m: Pick<DigestMessage, 'trend'>, lang: Lang): string | undefined {
  if (m.trend.length < 2) return undefined;
  const first = m.trend[0]!;
  const last = m.trend[m.trend.length - 1]!;
  const moves = SEVERITIES.filter((s: Severity) => first.counts[s] > 0 || last.counts[s] > 0).map(
    (s) => `${severityName(s, lang)} ${first.counts[s]} → ${last.counts[s]}`,
  );
  if (!moves.length) return lang === 'zh' ? `${first.day} 至 ${last.day}:一直没有待处理问题。` : `${first.day} to ${last.day}: nothing open throughout.`;
  return lang === 'zh' ? `趋势(${first.day} 至 ${last.day}):${moves.join(',')}` : `Trend ${first.day} to ${last.day}: ${moves.join(', ')}`;
}

function footer(m: DigestMessage, lang: Lang): string {
  const scanned = localTime(m.scannedAt, m.timezone);
  const regions = m.regions.length;
  const scope = m.minSeverity ? (lang === 'zh' ? `,仅${severityName(m.minSeverity, lang)}及以上` : `, ${m.minSeverity} and above`) : '';
  const team = m.team ? (lang === 'zh' ? ` · 团队 ${m.team.id}` : ` · team ${m.team.id}`) : '';
  return lang === 'zh'
    ? `摘要 ${m.schedule}${team} · 扫描于 ${scanned} · ${regions} 个地域${scope} · 账号 ${m.accountId ?? m.accountName}`
    : `Digest ${m.schedule}${team} · scanned ${scanned} · ${count(regions, 'region')}${scope} · account ${m.accountId ?? m.accountName}`;
}
