import { describe, expect, it } from 'vitest';
import { trendSvg } from '../../src/digest/chart.js';
import { loadRasterizer } from '../../src/digest/png.js';

describe('trend PNG', () => {
  it('renders the 30-day chart to a real PNG in-process, without a browser', async () => {
    const now = new Date('2026-11-28T01:00:00Z');
    const points = Array.from({ length: 30 }, (_, i) => ({
      day: new Date(now.getTime() - (29 - i) * 86_400_000).toISOString().slice(0, 10),
      counts: { critical: i % 3, high: 4, medium: 7, low: 2, info: 1 },
    }));
    const rasterize = await loadRasterizer();
    expect(rasterize, '@resvg/resvg-js should load').toBeDefined();
    const png = await rasterize!(trendSvg(points, { now, timeZone: 'Asia/Shanghai', lang: 'en' }));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(1440); // IHDR width: fitted to 1440 px
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('falls back to words when the rasteriser cannot load', async () => {
    expect(await loadRasterizer('no-such-rasteriser-package')).toBeUndefined();
  });
});
