import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeDir } from '../../src/core/paths.js';
import { compiledDocument, knowledgeHash, loadCompiled, readCompiled } from '../../src/kb/compiled.js';
import { loadKnowledge } from '../../src/kb/load.js';

// The build's compiled knowledge base is used only while it matches the YAML byte for byte.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyKnowledge(): { dir: string; bundle: string } {
  const root = mkdtempSync(join(tmpdir(), 'kb-compiled-'));
  dirs.push(root);
  const dir = join(root, 'knowledge');
  cpSync(knowledgeDir(), dir, { recursive: true });
  const bundle = join(root, 'knowledge.json');
  writeFileSync(bundle, compiledDocument(loadKnowledge(dir), knowledgeHash(dir)!));
  return { dir, bundle };
}

describe('compiled knowledge base', () => {
  it('reads back exactly what the YAML loader gives', () => {
    const { dir, bundle } = copyKnowledge();
    const fromYaml = loadKnowledge(dir);
    const compiled = readCompiled(dir, bundle)!.kb;
    expect(compiled.entries).toEqual(fromYaml.entries);
    expect(compiled.synonyms).toEqual(fromYaml.synonyms);
    expect([...compiled.byId.keys()]).toEqual([...fromYaml.byId.keys()]);
  });

  it('is ignored once a knowledge file changes, so an edit is never hidden by a stale copy', async () => {
    const { dir, bundle } = copyKnowledge();
    appendFileSync(join(dir, 'synonyms.yaml'), '  - [影子词, shadowword]\n');
    expect(readCompiled(dir, bundle)).toBeUndefined();
    const { kb } = await loadCompiled(dir, bundle);
    expect(kb.synonyms.at(-1)).toEqual(['影子词', 'shadowword']);
  });

  it('is ignored when it is missing or not ours, and the YAML is read instead', async () => {
    const { dir, bundle } = copyKnowledge();
    writeFileSync(bundle, '{"format": 99}');
    expect(readCompiled(dir, bundle)).toBeUndefined();
    expect(readCompiled(dir, join(dir, 'nope.json'))).toBeUndefined();
    expect((await loadCompiled(dir, bundle)).kb.entries.length).toBe(loadKnowledge(dir).entries.length);
  });

  it('still reports a broken knowledge file through the YAML path', async () => {
    const { dir, bundle } = copyKnowledge();
    writeFileSync(join(dir, 'products.yaml'), 'entries: [');
    await expect(loadCompiled(dir, bundle)).rejects.toMatchObject({ code: 'KB_INVALID' });
  });
});
