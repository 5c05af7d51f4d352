import { describe, expect, it } from 'vitest';
import { isWhoownsError } from '../../src/core/errors.js';
import { CHART_FONT_FAMILY, trendSvg } from '../../src/digest/chart.js';
import { loadRasterizer, type SvgToPng } from '../../src/digest/png.js';

/** A small SVG with one line of text in the given family. */
function textSvg(text: string, family = CHART_FONT_FAMILY): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-size="24" font-family="${family}">${text}</text></svg>`;
}

async function rasterizer(): Promise<SvgToPng> {
  const r = await loadRasterizer();
  if (!r) throw new Error('@resvg/resvg-js should load');
  return r;
}

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

  it('draws Chinese labels with real glyphs, not tofu boxes', async () => {
    const r = await rasterizer();
    // Missing glyphs all draw as the same box (or nothing): two different words would look alike.
    const [a, b, blank] = await Promise.all([r(textSvg('严重')), r(textSvg('高危')), r(textSvg(''))]);
    expect(a.equals(b), '严重 and 高危 must not look the same').toBe(false);
    expect(a.equals(blank), '严重 must draw something').toBe(false);
  });

  it("draws with the shipped font whatever the host has installed, whichever family the SVG names", async () => {
    const r = await rasterizer();
    // DejaVu Sans Mono is installed here (and in the image): it must not be used all the same.
    const [shipped, host, unknown] = await Promise.all([
      r(textSvg('Open 11-28 近 30 天')),
      r(textSvg('Open 11-28 近 30 天', 'DejaVu Sans Mono')),
      r(textSvg('Open 11-28 近 30 天', 'No Such Family')),
    ]);
    expect(host.equals(shipped)).toBe(true);
    expect(unknown.equals(shipped)).toBe(true);
  });

  it('refuses to draw a chart without its font, and says how to get it back', async () => {
    const r = await loadRasterizer('@resvg/resvg-js', ['/nonexistent/NotoSansSC-Regular-chart.ttf']);
    const err = await r!(textSvg('x')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isWhoownsError(err)).toBe(true);
    if (!isWhoownsError(err)) return;
    expect(err.messages.en).toContain('/nonexistent/NotoSansSC-Regular-chart.ttf');
    expect(err.messages.en).toContain('npm run font:subset');
    expect(err.messages.zh).toContain('npm run font:subset');
  });

  it('falls back to words when the rasteriser cannot load', async () => {
    expect(await loadRasterizer('no-such-rasteriser-package')).toBeUndefined();
  });
});
