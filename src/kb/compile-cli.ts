import { writeFileSync } from 'node:fs';
import { knowledgeDir } from '../core/paths.js';
import { compiledDocument, defaultCompiledPath, knowledgeHash } from './compiled.js';
import { loadKnowledge } from './load.js';
import { isWhoownsError } from '../core/errors.js';

// Run by `npm run build` after tsc: validate knowledge/ once and write dist/knowledge.json.
// A knowledge base that does not validate fails the build with the file:line the loader names.
const dir = knowledgeDir();
try {
  const kb = loadKnowledge(dir);
  writeFileSync(defaultCompiledPath(), compiledDocument(kb, knowledgeHash(dir)!));
} catch (e) {
  process.stderr.write(`${isWhoownsError(e) ? e.messageIn('en') : String(e)}\n`);
  process.exitCode = 1;
}
