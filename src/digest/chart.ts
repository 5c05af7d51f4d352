import { SEVERITIES, type Severity } from '../posture/types.js';
import { dayAxis, TREND_DAYS } from './trend.js';
import type { TrendPoint } from './types.js';
import { severityName, type Lang } from './words.js';

// The trend picture as SVG: open findings by severity per day, stacked bars, 30 days. Hand-drawn
// rectangles and text only, so any SVG rasteriser (resvg) turns it into a PNG without a browser.

export interface ChartOptions {
  now: Date;
  timeZone: string;
  lang: Lang;
  days?: number;
  width?: number;
  height?: number;
}

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#991b1b',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#2563eb',
  info: '#9ca3af',
};

/** The family of the font shipped in assets/fonts (png.ts hands resvg those files and no others). */
export const CHART_FONT_FAMILY = 'Noto Sans SC';
const FONT = `font-family="${CHART_FONT_FAMILY}"`;
const LANGS: readonly Lang[] = ['zh', 'en'];

// Every word the chart writes, besides severity names, numbers and MM-DD dates. {n} is a number.
const CHART_TEXT = {
  title: { zh: '近 {n} 天待处理问题(按严重程度)', en: 'Open findings by severity, last {n} days' },
  empty: { zh: '暂无扫描记录', en: 'No scans recorded yet' },
} satisfies Record<string, Record<Lang, string>>;

function chartText(key: keyof typeof CHART_TEXT, lang: Lang, n?: number): string {
  return CHART_TEXT[key][lang].replace('{n}', String(n ?? ''));
}

/**
 * Every character the chart can draw, in both languages, sorted: the font subset is cut to exactly
 * these (scripts/subset-font.mjs), so a new label brings its glyphs with it.
 */
export function chartCharacters(): string {
  const words = LANGS.flatMap((lang) => [
    ...Object.keys(CHART_TEXT).map((k) => chartText(k as keyof typeof CHART_TEXT, lang)),
    ...SEVERITIES.map((s) => severityName(s, lang)),
  ]);
  // Digits for the axis and the day count; '-' for MM-DD dates.
  return [...new Set([...words.join(''), ...'0123456789-'])].sort().join('');
}

export function trendSvg(points: TrendPoint[], o: ChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 320;
  const days = dayAxis(o.now, o.timeZone, o.days ?? TREND_DAYS);
  const byDay = new Map(points.map((p) => [p.day, p]));
  const left = 48;
  const right = 16;
  const top = 44;
  const bottom = 64;
  const pw = W - left - right;
  const ph = H - top - bottom;
  const totals = days.map((d) => SEVERITIES.reduce((n, s) => n + (byDay.get(d)?.counts[s] ?? 0), 0));
  const step = niceStep(Math.max(...totals, 4) / 4);
  const yMax = Math.max(step * 4, Math.ceil(Math.max(...totals) / step) * step);
  const y = (v: number) => top + ph - (v / yMax) * ph;
  const slot = pw / days.length;
  const bw = Math.max(1, slot * 0.7);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  const title = chartText('title', o.lang, days.length);
  out.push(`<text x="${left}" y="26" font-size="16" font-weight="bold" fill="#111827" ${FONT}>${esc(title)}</text>`);
  for (let k = 0; k * step <= yMax; k++) {
    const v = k * step;
    const yy = r(y(v));
    out.push(`<line x1="${left}" y1="${yy}" x2="${W - right}" y2="${yy}" stroke="${k === 0 ? '#6b7280' : '#e5e7eb'}" stroke-width="1"/>`);
    out.push(`<text x="${left - 6}" y="${r(yy + 4)}" font-size="11" text-anchor="end" fill="#6b7280" ${FONT}>${v}</text>`);
  }
  days.forEach((day, i) => {
    const x = r(left + i * slot + (slot - bw) / 2);
    const p = byDay.get(day);
    let base = 0;
    if (p) {
      for (const s of SEVERITIES) {
        const n = p.counts[s];
        if (n <= 0) continue;
        const y1 = y(base + n);
        const y0 = y(base);
        out.push(`<rect x="${x}" y="${r(y1)}" width="${r(bw)}" height="${r(y0 - y1)}" fill="${SEVERITY_COLORS[s]}"><title>${esc(`${day} ${severityName(s, o.lang)} ${n}`)}</title></rect>`);
        base += n;
      }
    }
    if ((days.length - 1 - i) % 7 === 0) {
      out.push(`<text x="${r(left + i * slot + slot / 2)}" y="${top + ph + 16}" font-size="11" text-anchor="middle" fill="#6b7280" ${FONT}>${esc(day.slice(5))}</text>`);
    }
  });
  if (!points.length) {
    out.push(`<text x="${r(left + pw / 2)}" y="${r(top + ph / 2)}" font-size="14" text-anchor="middle" fill="#6b7280" ${FONT}>${esc(chartText('empty', o.lang))}</text>`);
  }
  let lx = left;
  const ly = H - 18;
  for (const s of SEVERITIES) {
    const name = severityName(s, o.lang);
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${SEVERITY_COLORS[s]}"/>`);
    out.push(`<text x="${lx + 16}" y="${ly}" font-size="12" fill="#374151" ${FONT}>${esc(name)}</text>`);
    lx += 24 + name.length * (o.lang === 'zh' ? 13 : 7) + 12;
  }
  out.push('</svg>');
  return out.join('\n');
}

/** 1, 2 or 5 times a power of ten, at least `v` (and at least 1: counts are whole). */
export function niceStep(v: number): number {
  if (v <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
