import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { knowledgeDir } from '../core/paths.js';
import type { KnowledgeBase } from './load.js';
import { KB_FILES } from './files.js';

// The knowledge base as the build validated it. Parsing the YAML and checking it with zod costs
// `whoowns ask` about half a second at every start; the build writes the result once
// (compile-cli.ts), and a start reads it back when it still matches the files byte for byte.
// An edited, added or missing file changes the hash, and the YAML is read and checked again.

export const COMPILED_FORMAT = 2;

interface Compiled extends Omit<KnowledgeBase, 'byId'> {
  format: number;
  hash: string;
  /** What the Q&A engine built from it (qa/index.ts serializeIndex); opaque here. */
  index?: unknown;
}

export interface CompiledKnowledge {
  kb: KnowledgeBase;
  index?: unknown;
}

/** Where the build writes it: dist/knowledge.json, beside dist/src. */
export function defaultCompiledPath(): string {
  return fileURLToPath(new URL('../../knowledge.json', import.meta.url));
}

/** One hash over the names and bytes of every file the knowledge base is read from. */
export function knowledgeHash(dir: string): string | undefined {
  const h = createHash('sha256');
  try {
    for (const name of KB_FILES) h.update(`${name}\0`).update(readFileSync(join(dir, name))).update('\0');
  } catch {
    return undefined;
  }
  return h.digest('hex');
}

export function compiledDocument(kb: KnowledgeBase, hash: string, index?: unknown): string {
  const { byId: _byId, ...parts } = kb;
  const doc: Compiled = { format: COMPILED_FORMAT, hash, ...parts, index };
  return JSON.stringify(doc);
}

/** The compiled copy (knowledge base and prebuilt index) if it matches `dir` exactly; undefined sends the caller to the YAML. */
export function readCompiled(dir: string = knowledgeDir(), path: string = defaultCompiledPath()): CompiledKnowledge | undefined {
  let doc: Compiled;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Compiled;
  } catch {
    return undefined;
  }
  if (doc.format !== COMPILED_FORMAT || doc.hash !== knowledgeHash(dir)) return undefined;
  const { format: _format, hash: _hash, index, ...parts } = doc;
  return { kb: { ...parts, byId: new Map(doc.entries.map((e) => [e.id, e])) }, index };
}

/** The compiled copy when it is current, else the knowledge base from the YAML (parsed and checked), without an index. */
export async function loadCompiled(dir: string = knowledgeDir(), path?: string): Promise<CompiledKnowledge> {
  const compiled = readCompiled(dir, path);
  if (compiled) return compiled;
  const { loadKnowledge } = await import('./load.js');
  return { kb: loadKnowledge(dir) };
}
