// Output helpers shared by the benches: markdown tables and robust summaries of noisy timings.

/** A GitHub-flavoured markdown table; the first column left-aligned, the rest right-aligned. */
export function markdownTable(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(3, h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${widths.map((w, i) => (i === 0 ? (r[i] ?? '').padEnd(w) : (r[i] ?? '').padStart(w))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const mb = (bytes: number) => bytes / 2 ** 20;
export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
export const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
export const out = (s = '') => void process.stdout.write(`${s}\n`);

/** Bytes as the unit that reads best: "465.12 MB", "12.3 KB", "512 B". */
export function human(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
