// Scenario files: the bundled ones by name ('demo', 'clean', 'large', 'directory') or any YAML/JSON path.

import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { packageRoot } from '../core/paths.js';
import { generateLargeScenario } from './generate.js';
import { scenario, scenarioError, type Scenario } from './scenario.js';

export const BUNDLED_SCENARIOS = ['demo', 'clean', 'large', 'directory'] as const;

// Source runs from src/emulator (tests, tsx); the build must copy scenarios/ next to dist/src/emulator.
function bundledPath(name: string): string {
  const here = fileURLToPath(new URL(`./scenarios/${name}.yaml`, import.meta.url));
  if (existsSync(here)) return here;
  return join(packageRoot(), 'src', 'emulator', 'scenarios', `${name}.yaml`);
}

function parseText(text: string, file: string): unknown {
  const name = basename(file);
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line})` : '';
    throw scenarioError(name, [`cannot be parsed${where}: ${(e as Error).message.split('\n')[0]}`], e);
  }
}

export interface LoadOptions {
  /** Move a scenario that declares `asOf` to this day, so its ages (key age, idle days) hold on any date. */
  now?: Date;
}

/** 'demo' | 'clean' | 'large', or a path to a YAML/JSON scenario file. Errors name the file and field. */
export function loadScenario(nameOrPath: string, opts: LoadOptions = {}): Scenario {
  if (nameOrPath === 'large') return generateLargeScenario();
  const file = (BUNDLED_SCENARIOS as readonly string[]).includes(nameOrPath) ? bundledPath(nameOrPath) : nameOrPath;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw scenarioError(nameOrPath, [
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); use demo, clean, large, directory or a path to a .yaml/.json file`,
    ], e);
  }
  const raw = parseText(text, file);
  const moved = opts.now ? moveToNow(raw, opts.now) : raw;
  return scenario((moved ?? {}) as Parameters<typeof scenario>[0], basename(file));
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY_MS = 86_400_000;

// Whole days, so times of day (and so the order of same-day events) stay as written.
function moveToNow(raw: unknown, now: Date): unknown {
  const asOf = (raw as { asOf?: unknown } | null)?.asOf;
  if (typeof asOf !== 'string' || !ISO_INSTANT.test(asOf)) return raw;
  const shift = Math.floor((now.getTime() - Date.parse(asOf)) / DAY_MS) * DAY_MS;
  return shift === 0 ? raw : shiftInstants(raw, shift);
}

function shiftInstants(value: unknown, shift: number): unknown {
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? new Date(Date.parse(value) + shift).toISOString().replace('.000Z', 'Z') : value;
  if (Array.isArray(value)) return value.map((v) => shiftInstants(v, shift));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftInstants(v, shift)]));
  return value;
}
