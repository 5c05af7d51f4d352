// Read every page of a list call. Any page failing makes the whole list unknown (null):
// a half-read list would look complete to the checks.

import type { ActionKey, BodyOf, ReqOf } from './actions.js';
import type { Caller, CallOptions } from './caller.js';

export interface Page<T, C> {
  items: T[];
  /** Cursor for the next page; undefined = this was the last page. */
  next: C | undefined;
}

const MAX_PAGES = 10_000;

export async function readAllPages<K extends ActionKey, T, C>(
  caller: Caller,
  key: K,
  region: string | undefined,
  makeReq: (cursor: C | undefined) => ReqOf<K>,
  read: (body: BodyOf<K>, cursor: C | undefined) => Page<T, C>,
  opts: CallOptions = {},
): Promise<T[] | null> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: C | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await caller.call(key, region, makeReq(cursor), opts);
    if (!res.ok) return null;
    const got = read(res.body, cursor);
    items.push(...got.items);
    if (got.next === undefined) return items;
    const mark = JSON.stringify(got.next);
    if (seen.has(mark)) {
      caller.gap(key, region, 'Malformed', `paging did not advance (cursor ${mark.slice(0, 40)} repeated)`, opts.resource);
      return null;
    }
    seen.add(mark);
    cursor = got.next;
  }
  caller.gap(key, region, 'Malformed', `more than ${MAX_PAGES} pages; stopped`, opts.resource);
  return null;
}

/** NextToken style (ECS): a non-empty token means more. */
export function nextToken(token: unknown): string | undefined {
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Marker style (RAM): IsTruncated true with a marker means more. */
export function nextMarker(isTruncated: unknown, marker: unknown): string | undefined {
  const truncated = isTruncated === true || isTruncated === 'true';
  return truncated && typeof marker === 'string' && marker !== '' ? marker : undefined;
}

/** PageNumber style (VPC, some ECS): more when this page was full and the total is not reached. */
export function nextPageNumber(
  current: number | undefined,
  pageSize: number,
  gotOnPage: number,
  soFar: number,
  totalCount: unknown,
): number | undefined {
  const page = current ?? 1;
  const total = Number(totalCount);
  if (gotOnPage === 0) return undefined;
  if (Number.isFinite(total) && total > 0) return soFar < total ? page + 1 : undefined;
  return gotOnPage >= pageSize ? page + 1 : undefined;
}

/** Offset style (Log Service): the next offset while this page had items and the total is not reached. */
export function nextOffset(offset: number | undefined, gotOnPage: number, total: number): number | undefined {
  const seen = (offset ?? 0) + gotOnPage;
  return gotOnPage > 0 && seen < total ? seen : undefined;
}

/**
 * A page size the API accepts: the override (tests ask for small pages) or the API's own
 * preference, kept within [min, max] so an override never sends a value the API rejects.
 */
export function pageSizeWithin(max: number, want: number = max, min = 1): number {
  return Math.min(max, Math.max(min, want));
}
