// Suppressions: a reviewed YAML file of accepted risks. Every entry names the check, the resource
// (id or glob), why, who decided, and until when. A bad entry stops the scan with file:line,
// because a typo that silently mutes nothing (or everything) is worse than a loud error.
//
//   - check: ecs.sg.admin-port-open-world
//     resource: sg-bastion-*
//     reason: Bastion hosts; source narrowed by Cloud Firewall
//     by: alice@example.com
//     until: 2025-12-31

import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { WhoownsError } from '../core/errors.js';
import type { Finding, Suppression } from './types.js';

const FIELDS = ['check', 'resource', 'reason', 'by', 'until'] as const;
const DAY_MS = 86_400_000;
/** Suppressions lapsing within this window are listed so someone renews or fixes in time. */
export const EXPIRING_SOON_DAYS = 7;

export interface SuppressionParseOptions {
  file?: string;
  now: Date;
  knownCheckIds: readonly string[];
}

interface Problem {
  line: number;
  en: string;
  zh: string;
}

/** The moment a suppression stops muting: the end of its `until` day, UTC. */
export function expiresAt(until: string): number {
  return Date.parse(`${until}T00:00:00Z`) + DAY_MS;
}

function validDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}

export function parseSuppressions(text: string, opts: SuppressionParseOptions): Suppression[] {
  const file = opts.file ?? 'suppressions.yaml';
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const lineOf = (n: Node | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    problems.push({ line: e.linePos?.[0]?.line ?? 1, en: `YAML syntax error: ${e.message.split('\n')[0]}`, zh: `YAML 语法错误:${e.message.split('\n')[0]}` });
  }
  if (problems.length > 0) throw invalid(file, problems);

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
  if (!isSeq(root)) {
    throw invalid(file, [{ line: lineOf(root), en: 'the file must be a list of entries (each starting with "- check: ...")', zh: '文件内容必须是条目列表(每条以“- check: ...”开头)' }]);
  }

  const out: Suppression[] = [];
  const known = new Set(opts.knownCheckIds);
  for (const item of root.items) {
    const itemLine = lineOf(item as Node);
    if (!isMap(item)) {
      problems.push({ line: itemLine, en: 'each entry must be a mapping with check, resource, reason, by and until', zh: '每个条目必须是包含 check、resource、reason、by、until 的映射' });
      continue;
    }
    const values: Partial<Record<(typeof FIELDS)[number], { value: string; line: number }>> = {};
    let ok = true;
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyLine = lineOf(pair.key as Node);
      if (!(FIELDS as readonly string[]).includes(key)) {
        problems.push({ line: keyLine, en: `unknown field "${key}" (allowed: ${FIELDS.join(', ')})`, zh: `未知字段“${key}”(允许的字段:${FIELDS.join('、')})` });
        ok = false;
        continue;
      }
      const v = pair.value;
      const raw = isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') ? String(v.value).trim() : '';
      if (raw === '') {
        problems.push({ line: keyLine, en: `field "${key}" must be non-empty text`, zh: `字段“${key}”必须是非空文本` });
        ok = false;
        continue;
      }
      values[key as (typeof FIELDS)[number]] = { value: raw, line: lineOf((v as Node) ?? pair.key) };
    }
    for (const f of FIELDS) {
      if (!values[f] && !item.items.some((p) => isScalar(p.key) && p.key.value === f)) {
        const why = f === 'reason' ? ' (say why the risk is accepted)' : '';
        const whyZh = f === 'reason' ? '(请说明为何接受该风险)' : '';
        problems.push({ line: itemLine, en: `missing field "${f}"${why}`, zh: `缺少字段“${f}”${whyZh}` });
        ok = false;
      }
    }
    const { check, resource, reason, by, until } = values;
    if (check && !known.has(check.value)) {
      problems.push({ line: check.line, en: `unknown check id "${check.value}"`, zh: `未知的检查项 ID“${check.value}”` });
      ok = false;
    }
    if (until) {
      if (!validDay(until.value)) {
        problems.push({ line: until.line, en: `"until" must be a date written YYYY-MM-DD, got "${until.value}"`, zh: `“until”必须是 YYYY-MM-DD 格式的日期,当前为“${until.value}”` });
        ok = false;
      } else if (expiresAt(until.value) <= opts.now.getTime()) {
        problems.push({ line: until.line, en: `expired on ${until.value}; remove the entry or extend it after a new review`, zh: `已于 ${until.value} 过期;请删除该条目,或重新评审后延期` });
        ok = false;
      }
    }
    if (ok && check && resource && reason && by && until) {
      out.push({ check: check.value, resource: resource.value, reason: reason.value, by: by.value, until: until.value, file, line: itemLine });
    }
  }
  if (problems.length > 0) throw invalid(file, problems);
  return out;
}

export function loadSuppressions(path: string, opts: Omit<SuppressionParseOptions, 'file'>): Suppression[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new WhoownsError(
      'SUPPRESSIONS_INVALID',
      { en: `Cannot read the suppressions file ${path}; check the path in the configuration.`, zh: `无法读取静音文件 ${path}:请检查配置中的路径。` },
      cause,
    );
  }
  return parseSuppressions(text, { ...opts, file: path });
}

function invalid(file: string, problems: Problem[]): WhoownsError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return new WhoownsError('SUPPRESSIONS_INVALID', {
    en: `${sorted.map((p) => `${file}:${p.line}: ${p.en}`).join('\n')}\nFix the suppressions file and run again; nothing was muted.`,
    zh: `${sorted.map((p) => `${file}:${p.line}:${p.zh}`).join('\n')}\n请修正静音文件后重试;本次未静音任何结果。`,
  });
}

/** "sg-*" style globs: * any run of characters, ? one character; everything else literal. */
export function globMatches(glob: string, value: string): boolean {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** Entries past their `until`: they no longer mute anything. */
  expired: Suppression[];
  /** Entries still muting that lapse within EXPIRING_SOON_DAYS. */
  expiringSoon: Suppression[];
}

/** Mute failed findings matched by an active suppression (first match wins). */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], now: Date): SuppressionOutcome {
  const t = now.getTime();
  const active = suppressions.filter((s) => expiresAt(s.until) > t);
  const expired = suppressions.filter((s) => expiresAt(s.until) <= t);
  const expiringSoon = active.filter((s) => expiresAt(s.until) - t <= EXPIRING_SOON_DAYS * DAY_MS);
  const out = findings.map((f) => {
    if (f.status !== 'fail' || f.muted) return f;
    const s = active.find((x) => x.check === f.checkId && globMatches(x.resource, f.resource.id));
    return s ? { ...f, muted: { reason: s.reason, by: s.by, until: s.until } } : f;
  });
  return { findings: out, expired, expiringSoon };
}
