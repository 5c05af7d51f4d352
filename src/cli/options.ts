import { Option } from 'commander';
import Fuse from 'fuse.js';
import { WhoownsError } from '../core/errors.js';

// Options several commands share, defined once so their spelling, choices and refusals cannot drift.
// Commander's own `.choices()` check is dropped by any later `.argParser()` (that is how `--service rds`
// once ran zero checks and exited 0), so every enumerated option validates in its own parser here.

/** A value the user typed, fit to echo: cut to 40 characters, quoted, control characters escaped (no terminal escapes). */
export function quoted(raw: string): string {
  const chars = [...raw];
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : raw);
}

/** The value matching `raw` case-insensitively, or a bilingual usage error listing the choices. */
export function pickChoice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  const found = choices.find((c) => c.toLowerCase() === raw.trim().toLowerCase());
  if (found !== undefined) return found;
  const list = choices.join(', ');
  throw new WhoownsError('USAGE', {
    zh: `${flag} 的值 ${quoted(raw)} 无效。可选值:${list}。`,
    en: `Invalid value ${quoted(raw)} for ${flag}. Valid choices: ${list}.`,
  });
}

function flagName(flags: string): string {
  return flags.split(/[ ,]/)[0] ?? flags;
}

/** `--flag <value>` taking one of `choices` (any case). `.choices()` only feeds the help text. */
export function choiceOption<T extends string>(flags: string, description: string, choices: readonly T[]): Option {
  return new Option(flags, description).choices(choices).argParser((v: string) => pickChoice(flagName(flags), v, choices));
}

/** Like choiceOption, repeatable and comma-separable: `--service ram,vpc --service ecs`. */
export function choiceListOption<T extends string>(flags: string, description: string, choices: readonly T[]): Option {
  const flag = flagName(flags);
  return new Option(flags, description)
    .choices(choices)
    .argParser((v: string, prev: T[] = []) => [...prev, ...nonEmptyList(flag, v).map((x) => pickChoice(flag, x, choices))]);
}

/** `--flag <values>`, repeatable and comma-separable; an empty value is refused, since "no filter" would mean everything. */
export function listOption(flags: string, description: string): Option {
  const flag = flagName(flags);
  return new Option(flags, description).argParser((v: string, prev: string[] = []) => [...prev, ...nonEmptyList(flag, v)]);
}

function nonEmptyList(flag: string, value: string): string[] {
  const items = listArg(value);
  if (items.length > 0) return items;
  throw new WhoownsError('USAGE', {
    zh: `${flag} 至少需要一个值(可用逗号分隔多个),收到的是 ${quoted(value)}。不加 ${flag} 表示全部。`,
    en: `${flag} needs at least one value (comma-separate several); got ${quoted(value)}. Leave ${flag} out to mean all.`,
  });
}

export const LANGS = ['zh', 'en'] as const;

/** `--lang zh|en`; the description says what the language applies to. */
export function langOption(description = 'output language'): Option {
  return choiceOption('--lang <lang>', description, LANGS);
}

/** Parser for repeatable, comma-separable options: `--region a,b --region c` → [a, b, c]. */
export function listArg(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** A TCP port, 0 (any free port) to 65535, written as digits: "", "80.5" and "1e3" are refused. */
export function parsePort(v: string): number {
  const n = /^\d{1,5}$/.test(v.trim()) ? Number(v) : NaN;
  if (Number.isInteger(n) && n <= 65535) return n;
  throw new WhoownsError('USAGE', {
    zh: `端口无效:${quoted(v)}。请给出 0 到 65535 之间的整数(0 表示任选一个空闲端口)。`,
    en: `Invalid port: ${quoted(v)}. Give a whole number from 0 to 65535 (0 picks any free port).`,
  });
}

/** Up to `limit` candidates closest to `value`, for "did you mean" hints. */
export function nearest(value: string, candidates: readonly string[], limit = 3): string[] {
  if (value.length > 200) return []; // fuzzy search slows with the input's length; no candidate is that long
  return new Fuse([...candidates], { threshold: 0.4 }).search(value, { limit }).map((r) => r.item);
}

/** The language the user asked for on the command line, before commander has parsed it. */
export function langFromArgv(argv: readonly string[]): 'zh' | 'en' | undefined {
  for (const [i, a] of argv.entries()) {
    if (a === '--') break;
    const v = a.startsWith('--lang=') ? a.slice('--lang='.length) : a === '--lang' ? argv[i + 1] : undefined;
    const lang = LANGS.find((l) => l === v?.toLowerCase());
    if (lang) return lang;
  }
  return undefined;
}
