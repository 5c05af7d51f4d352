// Small helpers every check uses: naming resources, building results, reading dates.

import type { RegionSnapshot, Snapshot } from '../cloud/snapshot.js';
import { unknownResult } from './gaps.js';
import type { Bilingual, Check, CheckContext, CheckMeta, CheckResult, Need, ResourceRef, ResourceType, Status } from './model.js';

export function defineCheck(meta: CheckMeta, run: (ctx: CheckContext) => CheckResult[]): Check {
  return { meta, run };
}

/** The account a resource belongs to: the account id when known, else the configured name. */
export function accountOf(s: Snapshot): string {
  return s.identity?.accountId ?? s.accountName;
}

/** Regions the check may read, in a stable order (runChecks has already removed broken ones). */
export function regionsOf(ctx: CheckContext): RegionSnapshot[] {
  return Object.keys(ctx.snapshot.regionData)
    .sort()
    .map((k) => ctx.snapshot.regionData[k]!);
}

export function ref(ctx: CheckContext, type: ResourceType, id: string, name: string, region?: string): ResourceRef {
  const r: ResourceRef = { type, id, name, account: accountOf(ctx.snapshot) };
  if (region !== undefined) r.region = region;
  return r;
}

export function accountRef(ctx: CheckContext): ResourceRef {
  return ref(ctx, 'account', accountOf(ctx.snapshot), ctx.snapshot.accountName);
}

export function regionRef(ctx: CheckContext, region: string): ResourceRef {
  return ref(ctx, 'region', region, region, region);
}

export function result(
  status: Status,
  resource: ResourceRef,
  reason: Bilingual,
  extra: Pick<CheckResult, 'detail' | 'evidence' | 'cli' | 'vars'> = {},
): CheckResult {
  const r: CheckResult = { status, resource, reason };
  if (extra.detail !== undefined) r.detail = extra.detail;
  if (extra.evidence !== undefined) r.evidence = extra.evidence;
  if (extra.cli !== undefined) r.cli = extra.cli;
  if (extra.vars !== undefined) r.vars = extra.vars;
  return r;
}

const DAY_MS = 86_400_000;

/** Whole days from an ISO date to now; null when the date does not parse. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

/** YYYY-MM-DD of an ISO timestamp, for sentences. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * Run `fn` over a list that may be unknown (null: the call that fills it failed). An unknown list
 * gives one error for the region (or the account), never an empty pass.
 */
export function withList<T>(
  ctx: CheckContext,
  region: string | undefined,
  list: T[] | null,
  needs: Need[],
  what: Bilingual,
  fn: (items: T[]) => CheckResult[],
): CheckResult[] {
  if (list === null) return [unknownResult(ctx.snapshot, needs, region === undefined ? accountRef(ctx) : regionRef(ctx, region), what)];
  return fn(list);
}
