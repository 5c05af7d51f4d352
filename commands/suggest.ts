import { echo } from '../src/core/echo.js';
import { WhoownsError } from '../src/core/errors.js';

// "Did you mean …?" for commands and subcommands: one distance, one threshold, one message shape.

/**
 * The candidate closest to `word` by edit distance (a swap of two neighbours counts once), or
 * undefined when none is close enough to be a typo: one edit for words up to 4 letters, two for
 * longer ones, and always fewer edits than the candidate has letters (so "hi" is not "h").
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const length = [...w].length;
  const allowed = length <= 4 ? 1 : 2;
  let best: { word: string; d: number } | undefined;
  for (const c of candidates) {
    // The distance is at least the difference in length: a 3 MB "word" costs nothing here.
    if (Math.abs([...c].length - length) > allowed) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d === 0) return c;
    if (d <= allowed && d < [...c].length && (!best || d < best.d)) best = { word: c, d };
  }
  return best?.word;
}

/** Optimal string alignment distance: insert, delete, replace, or swap two adjacent characters. */
function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0]![j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** A word the user typed, shown in `code`: echoed (defused, short) and unable to end the code span. */
export function codeWord(word: string): string {
  return `\`${echo(word, 40).replaceAll('`', "'")}\``;
}

/**
 * "Unknown command `hlep`. Did you mean `help`?" / "Unknown subcommand `sgg`. Did you mean `posture sg`?"
 * `prefix` is the command the suggestion belongs under; `usage` lines follow when given.
 */
/** Longer usage lists are not repeated after an unknown word. */
const USAGE_INLINE_MAX = 400;

export function unknownWordError(
  o: { kind: 'command' | 'subcommand'; word: string; candidates: readonly string[]; prefix?: string; usage?: { zh: string[]; en: string[] } },
): WhoownsError {
  const near = nearestWord(o.word, o.candidates);
  const typed = codeWord(o.word);
  const hint = near ? `\`${o.prefix ? `${o.prefix} ` : ''}${near}\`` : undefined;
  const zhKind = o.kind === 'command' ? '未知命令' : '未知的子命令';
  const enKind = o.kind === 'command' ? 'Unknown command' : 'Unknown subcommand';
  const zh = `${zhKind} ${typed}。${hint ? `你是想用 ${hint} 吗?` : ''}`;
  const en = `${enKind} ${typed}.${hint ? ` Did you mean ${hint}?` : ''}`;
  if (!o.usage) return new WhoownsError('USAGE', { zh, en });
  // A long list of subcommands would bury the hint: the first few, then the command's own help.
  const short = (lines: string[], more: string) => {
    if (!o.prefix || lines.join(' | ').length <= USAGE_INLINE_MAX) return lines.join(' | ');
    const head: string[] = [];
    for (const l of lines) if ([...head, l].join(' | ').length <= USAGE_INLINE_MAX / 2) head.push(l);
    return `${head.join(' | ')} | … ${more}`;
  };
  const usage = { zh: short(o.usage.zh, `全部:\`${o.prefix} help\``), en: short(o.usage.en, `all: \`${o.prefix} help\``) };
  return new WhoownsError('USAGE', { zh: `${zh}\n用法:${usage.zh}`, en: `${en}\nUsage: ${usage.en}` });
}
