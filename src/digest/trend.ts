import type { ScanRow } from '../store/history.js';
import type { TrendPoint } from './types.js';
import { localParts } from './words.js';

// Findings by severity per day: the last recorded scan of each local day.

export const TREND_DAYS = 30;

export function trendWindow(now: Date, days = TREND_DAYS): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * 86_400_000), to: now };
}

export function trendPoints(rows: ScanRow[], timeZone: string): TrendPoint[] {
  const byDay = new Map<string, TrendPoint>();
  const sorted = [...rows].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt) || a.id - b.id);
  for (const r of sorted) {
    const day = localParts(r.scannedAt, timeZone).date;
    byDay.set(day, { day, counts: { ...r.open } });
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The `days` local dates ending with the day of `now`, oldest first. */
export function dayAxis(now: Date, timeZone: string, days = TREND_DAYS): string[] {
  const last = localParts(now.toISOString(), timeZone).date;
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
