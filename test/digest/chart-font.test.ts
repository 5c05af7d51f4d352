import { readFileSync, statSync } from 'node:fs';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, chartCharacters, trendSvg } from '../../src/digest/chart.js';
import { chartFontFiles } from '../../src/digest/png.js';
import type { TrendPoint } from '../../src/digest/types.js';
import type { Lang } from '../../src/digest/words.js';

// The chart ships its own font, subset to the characters it can draw. These tests tie the three
// together: what trendSvg writes, the table it derives its characters from, and the shipped files.

const LANGS: Lang[] = ['zh', 'en'];
const now = new Date('2026-11-28T01:00:00Z');

function points(days: number, size: number): TrendPoint[] {
  return Array.from({ length: days }, (_, i) => ({
    day: new Date(now.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    counts: { critical: i % 3, high: size, medium: 7 * size, low: 2, info: 1 },
  }));
}

/** The characters of every <text> the SVG draws (tooltips are not drawn). */
function drawnCharacters(svg: string): Set<string> {
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
  return new Set(texts.join(''));
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function svgsInBothLanguages(): string[] {
  const cases: Array<{ pts: TrendPoint[]; days?: number; timeZone: string }> = [
    { pts: [], timeZone: 'Asia/Shanghai' },
    { pts: points(30, 4), timeZone: 'Asia/Shanghai' },
    { pts: points(7, 900), days: 7, timeZone: 'UTC' },
    { pts: points(90, 31), days: 90, timeZone: 'America/Los_Angeles' },
  ];
  return LANGS.flatMap((lang) => cases.map((c) => trendSvg(c.pts, { now, lang, timeZone: c.timeZone, ...(c.days ? { days: c.days } : {}) })));
}

function unicodes(file: string): Set<number> {
  return new Set(new Face(new Blob(readFileSync(file))).collectUnicodes());
}

describe('the chart font', () => {
  it('every character the chart draws, in zh and en, is in the table the subset is cut from', () => {
    const table = new Set(chartCharacters());
    const svgs = svgsInBothLanguages();
    expect(svgs.some((s) => s.includes('待处理问题')), 'a Chinese chart was drawn').toBe(true);
    for (const svg of svgs) {
      const missing = [...drawnCharacters(svg)].filter((c) => !table.has(c));
      expect(missing, 'characters drawn but not in chartCharacters()').toEqual([]);
    }
  });

  it('the shipped regular and bold subsets hold a glyph for every chart character', () => {
    const files = chartFontFiles();
    expect(files.map((f) => f.replace(/.*\//, ''))).toEqual(['NotoSansSC-Regular-chart.ttf', 'NotoSansSC-Bold-chart.ttf']);
    for (const file of files) {
      const have = unicodes(file);
      const missing = [...chartCharacters()].filter((c) => !have.has(c.codePointAt(0)!));
      expect(missing, `${file} lacks glyphs: run npm run font:subset`).toEqual([]);
    }
  });

  it('is the family the SVG asks for, and stays small', () => {
    for (const file of chartFontFiles()) {
      expect(new Face(new Blob(readFileSync(file))).getName(1, 'en')).toBe(CHART_FONT_FAMILY);
      expect(statSync(file).size).toBeLessThan(100_000);
    }
    expect(trendSvg([], { now, lang: 'zh', timeZone: 'UTC' })).toContain(`font-family="${CHART_FONT_FAMILY}"`);
  });
});
