import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z, ZodType } from 'zod';
import { WhoownsError } from '../core/errors.js';
import { knowledgeDir } from '../core/paths.js';
import { entryFileSchema, intentFileSchema, scopeFileSchema, synonymFileSchema, type Entry, type IntentFile, type ScopeFile } from './schema.js';
import { ENTRY_FILES, INTENT_FILE, SCOPE_FILE, SYNONYM_FILE } from './files.js';

export interface KnowledgeBase {
  entries: Entry[];
  byId: Map<string, Entry>;
  /** Cross-language synonym groups (already validated). */
  synonyms: string[][];
  /** Question cues and what they prefer; empty when the directory has no intents.yaml. */
  intents: IntentFile;
  /** Other clouds; empty when the directory has no scope.yaml. */
  scope: ScopeFile;
}


/**
 * Parse a YAML file and validate it, reporting problems as file:line so that whoever edits
 * the knowledge base can find them. Used for every YAML file the bot loads.
 */
export function readYamlFile<T>(path: string, schema: ZodType<T>, code: 'KB_INVALID' | 'CONFIG_FILE' | 'SUPPRESSIONS_INVALID' = 'KB_INVALID'): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new WhoownsError(code, { zh: `无法读取文件 ${path}:请确认文件存在且可读。`, en: `Cannot read ${path}: check that the file exists and is readable.` }, cause);
  }
  return parseYamlText(text, path, schema, code);
}

export function parseYamlText<T>(text: string, path: string, schema: ZodType<T>, code: 'KB_INVALID' | 'CONFIG_FILE' | 'SUPPRESSIONS_INVALID' = 'KB_INVALID'): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0]?.line ?? 0;
    throw new WhoownsError(code, {
      zh: `${path}:${line} YAML 语法错误:${syntax.message.split('\n')[0]}。请修正该行后重试。`,
      en: `${path}:${line}: YAML syntax error: ${syntax.message.split('\n')[0]}. Fix that line and try again.`,
    });
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const parentNode = doc.getIn(issue.path.slice(0, -1) as (string | number)[], true) as { range?: [number, number] } | undefined;
    const offset = unknownKeyNode(doc, issue)?.range?.[0] ?? node?.range?.[0] ?? parentNode?.range?.[0] ?? 0;
    const line = lineCounter.linePos(offset).line;
    const where = issue.path.join('.');
    throw new WhoownsError(code, {
      zh: `${path}:${line} 字段 ${where || '(根)'} 无效:${issue.message}。请按 README 中的格式修正。`,
      en: `${path}:${line}: field ${where || '(root)'} is invalid: ${issue.message}. Fix it to match the format in the README.`,
    });
  }
  return parsed.data;
}

/** An unknown key is reported on the object holding it; find the key itself, for its line. */
function unknownKeyNode(doc: Document, issue: z.core.$ZodIssue): Node | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const holder = issue.path.length ? doc.getIn(issue.path as (string | number)[], true) : doc.contents;
  if (!isMap(holder)) return undefined;
  const pair = holder.items.find((p) => isScalar(p.key) && p.key.value === issue.keys[0]);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

export function loadKnowledge(dir: string = knowledgeDir()): KnowledgeBase {
  const entries: Entry[] = [];
  for (const file of ENTRY_FILES) entries.push(...readYamlFile(join(dir, file), entryFileSchema).entries);
  const synonyms = readYamlFile(join(dir, SYNONYM_FILE), synonymFileSchema).groups;
  const intents = optionalYaml(join(dir, INTENT_FILE), intentFileSchema, { signals: [], joiners: { zh: [], en: [] } });
  const scope = optionalYaml(join(dir, SCOPE_FILE), scopeFileSchema, { clouds: [] });
  return linkKnowledge(dir, { entries, synonyms, intents, scope });
}

/** Index entries by id and check every link (the compiled copy holds only what passed this). */
function linkKnowledge(dir: string, parts: Omit<KnowledgeBase, 'byId'>): KnowledgeBase {
  const { entries, intents } = parts;
  const byId = new Map<string, Entry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw linkError(dir, `duplicate id ${e.id}`, `重复的 id ${e.id}`);
    byId.set(e.id, e);
  }
  for (const e of entries) {
    for (const ref of [e.parent, ...e.related]) {
      if (ref !== undefined && !byId.has(ref)) {
        throw linkError(dir, `entry ${e.id} links to unknown entry ${ref}`, `条目 ${e.id} 引用了不存在的条目 ${ref}`);
      }
    }
  }
  for (const s of intents.signals) {
    for (const ref of s.prefer?.ids ?? []) {
      if (!byId.has(ref)) throw linkError(dir, `intent ${s.id} prefers unknown entry ${ref}`, `意图 ${s.id} 引用了不存在的条目 ${ref}`);
    }
  }
  return { ...parts, byId };
}

// A knowledge directory made for one test may leave these out; the shipped one has both (a test says so).
function optionalYaml<T>(path: string, schema: ZodType<T>, empty: T): T {
  return existsSync(path) ? readYamlFile(path, schema) : empty;
}

function linkError(dir: string, en: string, zh: string): WhoownsError {
  return new WhoownsError('KB_INVALID', {
    zh: `知识库(${basename(dir)}/)无效:${zh}。请修正后重试。`,
    en: `Knowledge base (${basename(dir)}/) is invalid: ${en}. Fix it and try again.`,
  });
}
