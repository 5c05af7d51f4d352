// The OS end-of-life table (knowledge/os-eol.yaml): dates are data with their sources, not code.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { WhoownsError } from '../core/errors.js';
import { knowledgeDir } from '../core/paths.js';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');

const regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const entrySchema = z
  .object({
    distribution: z.string().min(1),
    version: z.string().min(1),
    match: regex,
    eol: isoDay,
    extendedUntil: isoDay.optional(),
    source: z.object({ name: z.string().min(1), url: z.url() }).strict(),
    examples: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const osEolFileSchema = z.object({ entries: z.array(entrySchema).min(1) }).strict();

export type OsEolEntry = z.infer<typeof entrySchema> & { pattern: RegExp };

export interface OsEolTable {
  entries: OsEolEntry[];
}

/** ECS pads OSName with double spaces ("CentOS  7.9 64位"); match on a single-spaced form. */
export function normalizeOsName(osName: string): string {
  return osName.replace(/\s+/g, ' ').trim();
}

export function findOsEol(table: OsEolTable, osName: string): OsEolEntry | undefined {
  const name = normalizeOsName(osName);
  return table.entries.find((e) => e.pattern.test(name));
}

export function parseOsEol(text: string, file = 'os-eol.yaml'): OsEolTable {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const syntax = doc.errors[0];
  if (syntax) throw invalid(file, syntax.linePos?.[0]?.line ?? 0, syntax.message.split('\n')[0] ?? '');
  const parsed = osEolFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 0;
    throw invalid(file, line, `${issue.path.join('.')}: ${issue.message}`);
  }
  return { entries: parsed.data.entries.map((e) => ({ ...e, pattern: new RegExp(e.match, 'i') })) };
}

export function loadOsEol(path: string = join(knowledgeDir(), 'os-eol.yaml')): OsEolTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new WhoownsError(
      'KB_INVALID',
      { en: `Cannot read ${path}; reinstall whoowns or restore the file.`, zh: `无法读取 ${path}:请重新安装 whoowns 或恢复该文件。` },
      cause,
    );
  }
  return parseOsEol(text, path);
}

function invalid(file: string, line: number, what: string): WhoownsError {
  return new WhoownsError('KB_INVALID', {
    en: `${file}:${line}: ${what}. Fix the entry (see the comment at the top of the file).`,
    zh: `${file}:${line}:${what}。请按文件开头的说明修正该条目。`,
  });
}
