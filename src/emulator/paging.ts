// The three pagination styles of the emulated APIs, with the real limits, so a client that reads
// only the first page (a classic cause of false "clean" results) is caught in tests.

import { invalidParameter } from './api-error.js';
import type { Params } from './params.js';

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

export interface Page<T> {
  items: T[];
  /** Response fields describing the page, in the API's own names. */
  fields: Record<string, unknown>;
}

// Tokens are opaque to clients, as the real ones are; only the offset is inside.
function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string, name: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (parsed as { o?: unknown }).o;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw invalidParameter(name, 'it was not returned by a previous call');
}

/** NextToken + MaxResults. The last page has an empty NextToken. */
export function tokenPage<T>(items: T[], p: Params, limits: PageLimits): Page<T> {
  const size = p.int('MaxResults', { min: 1, max: limits.maxSize }) ?? limits.defaultSize;
  const token = p.get('NextToken');
  const offset = token === undefined ? 0 : decodeToken(token, 'NextToken');
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    fields: { NextToken: end < items.length ? encodeToken(end) : '' },
  };
}

/** PageNumber (1-based) + PageSize. */
export function numberPage<T>(items: T[], p: Params, limits: PageLimits): Page<T> {
  const pageNumber = p.int('PageNumber', { min: 1 }) ?? 1;
  const pageSize = p.int('PageSize', { min: 1, max: limits.maxSize }) ?? limits.defaultSize;
  const start = (pageNumber - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    fields: { PageNumber: pageNumber, PageSize: pageSize, TotalCount: items.length },
  };
}

/** ECS actions accept either style: NextToken/MaxResults when given, else PageNumber/PageSize. */
export function ecsPage<T>(items: T[], p: Params, limits: { token: PageLimits; pages: PageLimits }): Page<T> {
  const tokenMode = p.get('NextToken') !== undefined || p.get('MaxResults') !== undefined;
  if (!tokenMode) return numberPage(items, p, limits.pages);
  const page = tokenPage(items, p, limits.token);
  return { items: page.items, fields: { ...page.fields, TotalCount: items.length } };
}

/** RAM / IMS: Marker + MaxItems (1..1000, default 100); IsTruncated says whether more follow. */
export function markerPage<T>(items: T[], p: Params, limits: PageLimits = { defaultSize: 100, maxSize: 1000 }): Page<T> {
  const size = p.int('MaxItems', { min: 1, max: limits.maxSize }) ?? limits.defaultSize;
  const marker = p.get('Marker');
  const offset = marker === undefined ? 0 : decodeToken(marker, 'Marker');
  const end = offset + size;
  const truncated = end < items.length;
  return {
    items: items.slice(offset, end),
    fields: truncated ? { IsTruncated: true, Marker: encodeToken(end) } : { IsTruncated: false },
  };
}
