// Terminal display width: how many columns a string takes, so tables line up when cells hold
// Chinese (two columns a character), emoji, combining marks or colour codes. String#padEnd counts
// UTF-16 code units and gets all of these wrong.

import stringWidth from 'string-width';

/** Columns `s` takes in a terminal; colour codes take none (string-width: Unicode's East Asian Width tables, kept current). */
export function displayWidth(s: string): number {
  return stringWidth(s);
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
