// Terminal display width: how many columns a string takes, so tables line up when cells hold
// Chinese (two columns a character), emoji, combining marks or colour codes. String#padEnd counts
// UTF-16 code units and gets all of these wrong.

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}{2}/u;

// East Asian Width W and F blocks (Unicode EastAsianWidth.txt), coarse but complete for CJK text.
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff], [0x1f200, 0x1f2ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function isWide(cp: number): boolean {
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi);
}

function graphemeWidth(g: string): number {
  if (ZERO_WIDTH.test(g)) return 0;
  if (EMOJI.test(g)) return 2;
  return isWide(g.codePointAt(0)!) ? 2 : 1;
}

/** Columns `s` takes in a terminal; colour codes take none. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const { segment } of segmenter.segment(s.replace(ANSI, ''))) w += graphemeWidth(segment);
  return w;
}

export type Align = 'left' | 'right';

/** `s` padded with spaces to `width` display columns (never cut). */
export function padDisplay(s: string, width: number, align: Align = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** The display width of each column: the widest cell in it. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const n = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: n }, (_, i) => Math.max(0, ...rows.map((r) => displayWidth(r[i] ?? ''))));
}

/** Rows as aligned lines, columns two spaces apart, no trailing blanks. */
export function alignColumns(rows: readonly (readonly string[])[], align: (column: number) => Align = () => 'left', widths = columnWidths(rows)): string[] {
  return rows.map((r) => r.map((c, i) => padDisplay(c, widths[i] ?? 0, align(i))).join('  ').trimEnd());
}
