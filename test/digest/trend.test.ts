import { describe, expect, it } from 'vitest';
import { niceStep, SEVERITY_COLORS, trendSvg } from '../../src/digest/chart.js';
import { loadRasterizer } from '../../src/digest/png.js';
import { dayAxis, trendPoints } from '../../src/digest/trend.js';
import type { ScanRow } from '../../src/store/history.js';

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const row = (id: number, scannedAt: string, open: Partial<typeof zero>): ScanRow => ({
  id,
  account: 'prod',
  scope: '*',
  scannedAt,
  incomplete: false,
  gaps: 0,
  open: { ...zero, ...open },
  muted: 0,
});

describe('trendPoints', () => {
  it('keeps the last scan of each local day', () => {
    const points = trendPoints(
      [
        row(1, '2025-06-15T15:00:00Z', { high: 9 }), // 23:00 on the 15th in Shanghai
        row(2, '2025-06-15T17:00:00Z', { high: 1 }), // 01:00 on the 16th
        row(3, '2025-06-16T01:00:00Z', { high: 2, medium: 1 }),
      ],
      'Asia/Shanghai',
    );
    expect(points).toEqual([
      { day: '2025-06-15', counts: { ...zero, high: 9 } },
      { day: '2025-06-16', counts: { ...zero, high: 2, medium: 1 } },
    ]);
  });

  it('the axis is the 30 local days ending today', () => {
    const axis = dayAxis(new Date('2025-06-16T01:00:00Z'), 'Asia/Shanghai');
    expect(axis).toHaveLength(30);
    expect(axis[0]).toBe('2025-05-18');
    expect(axis[29]).toBe('2025-06-16');
  });
});

describe('trendSvg', () => {
  const now = new Date('2025-06-16T01:00:00Z');

  it('draws stacked bars per day with a legend, proportional to the counts', () => {
    const svg = trendSvg(
      [
        { day: '2025-06-15', counts: { ...zero, high: 2, medium: 2 } },
        { day: '2025-06-16', counts: { ...zero, high: 1 } },
      ],
      { now, timeZone: 'Asia/Shanghai', lang: 'en' },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="([^"]+)"><title>([^<]+)<\/title>/g)];
    expect(bars.map((b) => b[3])).toEqual(['2025-06-15 high 2', '2025-06-15 medium 2', '2025-06-16 high 1']);
    const h = (i: number) => Number(bars[i]![1]);
    expect(h(0)).toBeCloseTo(h(1), 1);
    expect(h(0)).toBeCloseTo(2 * h(2), 0);
    expect(bars[0]![2]).toBe(SEVERITY_COLORS.high);
    expect(svg).toContain('Open findings by severity, last 30 days');
    expect(svg).toContain('>06-16<');
    for (const name of ['critical', 'high', 'medium', 'low', 'info']) expect(svg).toContain(`>${name}<`);
  });

  it('says so when there is nothing yet, and writes Chinese labels', () => {
    const svg = trendSvg([], { now, timeZone: 'Asia/Shanghai', lang: 'zh' });
    expect(svg).toContain('暂无扫描记录');
    expect(svg).toContain('>高危<');
    expect(svg).not.toContain('<title>');
  });

  it('is pure', () => {
    const p = [{ day: '2025-06-16', counts: { ...zero, low: 3 } }];
    expect(trendSvg(p, { now, timeZone: 'UTC', lang: 'en' })).toBe(trendSvg(p, { now, timeZone: 'UTC', lang: 'en' }));
  });

  it('picks round axis steps', () => {
    expect([0.5, 1, 1.2, 3, 7, 12, 45, 260].map(niceStep)).toEqual([1, 1, 2, 5, 10, 20, 50, 500]);
  });
});

describe('loadRasterizer', () => {
  it('returns nothing when the rasteriser package is not installed', async () => {
    expect(await loadRasterizer('@whoowns/no-such-rasteriser')).toBeUndefined();
  });
});
