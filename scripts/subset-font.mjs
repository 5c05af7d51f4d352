// Cuts the trend chart's font: Noto Sans SC (regular and bold, from the pinned dev dependency
// @expo-google-fonts/noto-sans-sc) subset to the characters the chart can draw, as TrueType files
// in assets/fonts, which are committed. Run after changing any chart label: `npm run font:subset`
// (it builds first, since the character table lives in the TypeScript source).
// Committed rather than made at install: the runtime then needs no 20 MB source font and no
// harfbuzz, `npm ci --omit=dev` and the Docker image get the glyphs for free, and
// test/digest/chart-font.test.ts fails when a label's characters are not in the files.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const subsetFont = require('subset-font');
const { chartCharacters } = await import(join(root, 'dist/src/digest/chart.js'));
const { chartFontFiles } = await import(join(root, 'dist/src/digest/png.js'));

const sourcePackage = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const sources = ['400Regular/NotoSansSC_400Regular.ttf', '700Bold/NotoSansSC_700Bold.ttf'].map((f) => join(sourcePackage, f));
const targets = chartFontFiles();
const text = chartCharacters();

mkdirSync(dirname(targets[0]), { recursive: true });
for (const [i, source] of sources.entries()) {
  // sfnt (TrueType): resvg reads neither WOFF nor WOFF2. No hinting: resvg does not use it.
  const subset = await subsetFont(readFileSync(source), text, { targetFormat: 'sfnt', noHinting: true });
  writeFileSync(targets[i], subset);
  console.log(`${targets[i]}: ${subset.length} bytes, ${[...text].length} characters`);
}
// The OFL asks that the licence travel with the font.
copyFileSync(join(sourcePackage, 'LICENSE_FONT'), join(dirname(targets[0]), 'OFL.txt'));
