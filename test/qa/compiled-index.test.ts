import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/kb/load.js';
import { QaEngine } from '../../src/qa/engine.js';
import { buildIndex, serializeIndex, type SerializedIndex } from '../../src/qa/index.js';

// The build writes the index beside the compiled knowledge base; an engine started from it must
// answer every question exactly as one that built its own.

const kb = loadKnowledge();
const built = new QaEngine(kb);
const prebuilt = new QaEngine(kb, JSON.parse(JSON.stringify(serializeIndex(buildIndex(kb)))) as SerializedIndex);
const questions = ['test/fixtures/qa-blind.json', 'test/fixtures/qa-extra.json'].flatMap(
  (f) => (JSON.parse(readFileSync(f, 'utf8')) as { q: string }[]).map((x) => x.q),
);

describe('prebuilt Q&A index', () => {
  it('answers every fixture question as the index built at start does', () => {
    expect(questions.length).toBeGreaterThan(200);
    for (const q of questions) expect(prebuilt.ask(q), q).toEqual(built.ask(q));
  });

  it('still matches typos, which go through the lazily built fuzzy matchers', () => {
    for (const q of ['who secures the virtualisation layr?', 'what is a bastian host?', '安全租规则谁配置?']) {
      expect(prebuilt.ask(q), q).toEqual(built.ask(q));
    }
  });
});
