import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WhoownsError } from '../core/errors.js';
import { packageRoot } from '../core/paths.js';
import { CHART_FONT_FAMILY } from './chart.js';

// SVG → PNG sits behind this one function so the digest never depends on a rasteriser:
// @resvg/resvg-js (its binary ships inside the npm package) renders in-process, no browser;
// if it cannot load on a platform, digests carry the trend in words instead.
// The chart brings its own font (a Noto Sans SC subset, assets/fonts) and resvg is given nothing
// else: hosts often lack CJK fonts, and a chart that looks different on every host is no picture.

export type SvgToPng = (svg: string) => Promise<Buffer>;

interface ResvgModule {
  Resvg: new (svg: string, opts?: unknown) => { render(): { asPng(): Uint8Array } };
}

/** The shipped font subsets, regular then bold (the title is bold). */
export function chartFontFiles(): string[] {
  const dir = join(packageRoot(), 'assets', 'fonts');
  return ['NotoSansSC-Regular-chart.ttf', 'NotoSansSC-Bold-chart.ttf'].map((f) => join(dir, f));
}

/** The resvg rasteriser if the package is installed, else undefined. */
export async function loadRasterizer(moduleName = '@resvg/resvg-js', fontFiles = chartFontFiles()): Promise<SvgToPng | undefined> {
  let mod: ResvgModule;
  try {
    // A variable specifier: the package is optional and may not be installed.
    mod = (await import(moduleName)) as ResvgModule;
  } catch {
    return undefined;
  }
  if (typeof mod.Resvg !== 'function') return undefined;
  const font = { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY };
  return async (svg) => {
    // resvg skips a missing font file silently and would draw a chart without any text.
    assertFontsPresent(fontFiles);
    const resvg = new mod.Resvg(svg, { fitTo: { mode: 'width', value: 1440 }, font, background: '#ffffff' });
    return Buffer.from(resvg.render().asPng());
  };
}

function assertFontsPresent(files: string[]): void {
  const missing = files.filter((f) => !existsSync(f));
  if (!missing.length) return;
  const list = missing.join(', ');
  throw new WhoownsError('INTERNAL', {
    zh: `趋势图的字体文件缺失:${list}。请重新安装 whoowns(软件包自带该文件),或在源码目录运行 npm run font:subset 重新生成。`,
    en: `The trend chart's font file is missing: ${list}. Reinstall whoowns (the package ships it), or run npm run font:subset in the source checkout to make it again.`,
  });
}
