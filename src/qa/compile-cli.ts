import { writeFileSync } from 'node:fs';
import { knowledgeDir } from '../core/paths.js';
import { isWhoownsError } from '../core/errors.js';
import { compiledDocument, defaultCompiledPath, knowledgeHash } from '../kb/compiled.js';
import { loadKnowledge } from '../kb/load.js';
import { buildIndex, serializeIndex } from './index.js';

// Run by `npm run build` after tsc: validate knowledge/ once and write dist/knowledge.json with the
// Q&A index built from it, so `whoowns ask` neither parses YAML nor builds the index at start.
// A knowledge base that does not validate fails the build with the file:line the loader names.
const dir = knowledgeDir();
try {
  const kb = loadKnowledge(dir);
  writeFileSync(defaultCompiledPath(), compiledDocument(kb, knowledgeHash(dir)!, serializeIndex(buildIndex(kb))));
} catch (e) {
  process.stderr.write(`${isWhoownsError(e) ? e.messageIn('en') : String(e)}\n`);
  process.exitCode = 1;
}
