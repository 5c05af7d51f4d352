// SVG → PNG sits behind this one function so the digest never depends on a rasteriser.
// None is installed yet: with @resvg/resvg-js added to package.json, loadRasterizer() returns
// one and Slack digests get the trend chart attached; without it they carry the trend in words.

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
    const resvg = new mod.Resvg(svg, { fitTo: { mode: 'width', value: 1440 }, font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }, background: '#ffffff' });
    return Buffer.from(resvg.render().asPng());
  };
}
