// Which knowledge files hold what, without the YAML parser or zod: the compiled copy
// (compiled.ts) hashes exactly these files to know whether it still matches them.

/** Files holding entries; other YAML in knowledge/ (synonyms, os-eol ...) has its own schema. */
export const ENTRY_FILES = ['responsibilities.yaml', 'products.yaml', 'incidents.yaml'] as const;
export const SYNONYM_FILE = 'synonyms.yaml';
/** Question cues and other clouds; a knowledge directory made for a test may leave them out. */
export const INTENT_FILE = 'intents.yaml';
export const SCOPE_FILE = 'scope.yaml';
export const KB_FILES: readonly string[] = [...ENTRY_FILES, SYNONYM_FILE, INTENT_FILE, SCOPE_FILE];
