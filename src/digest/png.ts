// SVG → PNG sits behind this one function so the digest never depends on a rasteriser:
// @resvg/resvg-js (its binary ships inside the npm package) renders in-process, no browser;
// if it cannot load on a platform, digests carry the trend in words instead.

export type SvgToPng = (svg: string) => Promise<Buffer>;

interface ResvgModule {
  Resvg: new (svg: string, opts?: unknown) => { render(): { asPng(): Uint8Array } };
}

/** The resvg rasteriser if the package is installed, else undefined. */
export async function loadRasterizer(moduleName = '@resvg/resvg-js'): Promise<SvgToPng | undefined> {
  let mod: ResvgModule;
  try {
    // A variable specifier: the package is optional and may not be installed.
    mod = (await import(moduleName)) as ResvgModule;
  } catch {
    return undefined;
  }
  if (typeof mod.Resvg !== 'function') return undefined;
  return async (svg) => {
    const resvg = new mod.Resvg(svg, { fitTo: { mode: 'width', value: 1440 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
    return Buffer.from(resvg.render().asPng());
  };
}
