import { Option } from 'commander';

// Options several commands share, defined once so their spelling and choices cannot drift.

/** `--lang zh|en`; the description says what the language applies to. */
export function langOption(description = 'output language'): Option {
  return new Option('--lang <lang>', description).choices(['zh', 'en']);
}

/** Parser for repeatable, comma-separable options: `--region a,b --region c` → [a, b, c]. */
export function listArg(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}
