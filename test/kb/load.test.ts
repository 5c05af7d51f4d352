import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WhoownsError } from '../../src/core/errors.js';
import { loadKnowledge, parseYamlText } from '../../src/kb/load.js';
import { entryFileSchema } from '../../src/kb/schema.js';

const entry = (id: string, extra = '') => `  - id: ${id}
    kind: duty
    owner: customer
    title: { zh: 标题, en: Title }
    summary: { zh: 摘要, en: Summary }
    body: { zh: 正文, en: Body }
${extra}`;

function kbDir(responsibilities: string, products = `entries:\n${entry('product.x')}`): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  writeFileSync(join(dir, 'responsibilities.yaml'), responsibilities);
  writeFileSync(join(dir, 'products.yaml'), products);
  writeFileSync(join(dir, 'incidents.yaml'), `entries:\n${entry('incident.x')}`);
  writeFileSync(join(dir, 'synonyms.yaml'), 'groups:\n  - [补丁, patch]\n');
  return dir;
}

function error(f: () => unknown): WhoownsError {
  try {
    f();
  } catch (e) {
    return e as WhoownsError;
  }
  throw new Error('expected an error');
}

describe('loadKnowledge', () => {
  it('loads a valid knowledge base', () => {
    const kb = loadKnowledge(kbDir(`entries:\n${entry('a.b', '    related: [product.x]\n')}`));
    expect(kb.byId.get('a.b')?.related).toEqual(['product.x']);
  });

  it('names the file and line of a YAML syntax error', () => {
    const e = error(() => loadKnowledge(kbDir('entries:\n  - id: a\n    title: [unclosed\n')));
    expect(e.code).toBe('KB_INVALID');
    expect(e.messages.en).toMatch(/responsibilities\.yaml:\d+: YAML syntax error/);
  });

  it('names the file, line and field of a schema error', () => {
    const text = `entries:\n${entry('a.b')}${entry('c.d').replace('owner: customer', 'owner: nobody')}`;
    const e = error(() => parseYamlText(text, 'k.yaml', entryFileSchema));
    expect(e.messages.en).toMatch(/^k\.yaml:10: field entries\.1\.owner is invalid/);
    expect(e.messages.zh).toMatch(/k\.yaml:10 字段 entries\.1\.owner 无效/);
  });

  it('rejects duplicate ids and dangling links', () => {
    expect(error(() => loadKnowledge(kbDir(`entries:\n${entry('product.x')}`))).messages.en).toMatch(/duplicate id product\.x/);
    expect(error(() => loadKnowledge(kbDir(`entries:\n${entry('a.b', '    related: [nope]\n')}`))).messages.en).toMatch(/unknown entry nope/);
  });
});
