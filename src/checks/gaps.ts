// Turning gaps (calls that failed) into `error` results. A gap is never read as "no resources":
// whatever a check would have decided from missing data becomes an error naming the call and
// the permission to grant.

import type { Gap, Service, Snapshot } from '../cloud/snapshot.js';
import { say } from './labels.js';
import type { Bilingual, CheckResult, Need, ResourceRef } from './model.js';

// IMS is RAM's newer API surface; the collector may read the same data from either.
function serviceFamily(s: Service): string {
  return s === 'ims' ? 'ram' : s;
}

export function gapMatches(g: Gap, need: Need): boolean {
  return serviceFamily(g.service) === serviceFamily(need.service) && g.action.toLowerCase() === need.action.toLowerCase();
}

/** The RAM permission the scanning identity lacks (IMS actions are authorised as ram:*). */
export function permissionFor(g: Gap): string {
  return g.missingAction ?? `${serviceFamily(g.service)}:${g.action}`;
}

export function isAccessDenied(g: Gap): boolean {
  return g.missingAction !== undefined || /forbidden|nopermission|accessdenied|unauthori[sz]ed|notauthori[sz]ed/i.test(g.code);
}

/** "DescribeDisks failed (Forbidden.RAM); grant ecs:DescribeDisks ..." in both languages. */
export function gapSentence(g: Gap): Bilingual {
  const where = g.region ? ` in ${g.region}` : '';
  const whereZh = g.region ? `(${g.region})` : '';
  // A digest across accounts: one account could not be read at all (its role missing or refusing).
  if (g.code === 'AccountUnreadable') {
    return {
      en: `Account ${g.resource ?? '?'} could not be read: ${g.message}`,
      zh: `账号 ${g.resource ?? '?'} 无法读取:请确认该账号中的只读角色存在并信任扫描身份(${g.message})。`,
    };
  }
  if (isAccessDenied(g)) {
    const p = permissionFor(g);
    return {
      en: `${g.action}${where} was denied (${g.code}); grant ${p} to the scanning identity and scan again.`,
      zh: `${g.action}${whereZh}调用被拒绝(${g.code}):请为扫描所用身份授予 ${p} 权限后重新扫描。`,
    };
  }
  return {
    en: `${g.action}${where} failed (${g.code}); scan again later.`,
    zh: `${g.action}${whereZh}调用失败(${g.code}):请稍后重新扫描。`,
  };
}

function joinSentences(gaps: Gap[]): Bilingual {
  // The same call denied for several resources says the same thing: once is enough.
  const seen = new Set<string>();
  const parts = gaps.map(gapSentence).filter((p) => !seen.has(p.en) && seen.add(p.en));
  return { en: parts.map((p) => p.en).join(' '), zh: parts.map((p) => p.zh).join('') };
}

/** Gaps for whole API calls (no single resource) that a check needs, in one region or account-wide. */
export function scopeGaps(snapshot: Snapshot, needs: Need[], region?: string): Gap[] {
  return snapshot.gaps.filter(
    (g) =>
      g.resource === undefined &&
      (region === undefined || g.region === undefined || g.region === region) &&
      needs.some((n) => gapMatches(g, n)),
  );
}

/** Gaps about one resource (a per-resource call such as DescribeSecurityGroupAttribute for sg-1). */
export function resourceGaps(snapshot: Snapshot, needs: Need[], ids: string[], region?: string): Gap[] {
  return snapshot.gaps.filter(
    (g) =>
      g.resource !== undefined &&
      ids.includes(g.resource) &&
      (region === undefined || g.region === undefined || g.region === region) &&
      needs.some((n) => gapMatches(g, n)),
  );
}

/**
 * The error result for a resource whose data is unknown. `what` says what could not be read;
 * the matching gap (if the collector recorded one) says which call and permission.
 */
export function unknownResult(
  snapshot: Snapshot,
  needs: Need[],
  resource: ResourceRef,
  what: Bilingual,
  opts: { detail?: string; relatedIds?: string[] } = {},
): CheckResult {
  const ids = [resource.id, resource.name, `${resource.name}/${resource.id}`, ...(opts.relatedIds ?? [])];
  const gaps = resourceGaps(snapshot, needs, ids, resource.region);
  const scoped = gaps.length > 0 ? gaps : scopeGaps(snapshot, needs, resource.region);
  const why: Bilingual =
    scoped.length > 0 ? joinSentences(scoped) : { en: 'The API did not report it; scan again.', zh: '接口未返回该信息,请重新扫描。' };
  const reason = say(
    resource,
    (l) => `Cannot tell for ${l}: ${what.en} is unknown. ${why.en}`,
    (l) => `无法判断${l}:${what.zh}未知。${why.zh}`,
  );
  const result: CheckResult = { status: 'error', resource, reason, evidence: { gaps: scoped } };
  if (opts.detail !== undefined) result.detail = opts.detail;
  return result;
}

/** One error result for a scope (a region, or the account) whose needed calls failed or were never made. */
export function scopeErrorResult(resource: ResourceRef, gaps: Gap[], missingScope: boolean): CheckResult {
  const why: Bilingual =
    gaps.length > 0
      ? joinSentences(gaps)
      : missingScope
        ? { en: 'It was not collected; scan again.', zh: '该范围未被采集,请重新扫描。' }
        : { en: 'The data was not reported; scan again.', zh: '接口未返回数据,请重新扫描。' };
  return {
    status: 'error',
    resource,
    reason: say(
      resource,
      (l) => `Cannot evaluate ${l}: ${why.en}`,
      (l) => `无法评估${l}:${why.zh}`,
    ),
    evidence: { gaps },
  };
}
