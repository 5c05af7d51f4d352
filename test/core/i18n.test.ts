import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNER_LABEL, OWNERS, SEVERITIES, SEVERITY_LABEL } from '../../src/core/i18n.js';

// One vocabulary: owner and severity labels are defined in src/core/i18n.ts and nowhere else,
// so no surface can call "medium" 中 while another calls it 中危.

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const LABEL_TABLE = /\b(?:en:\s*'(?:CRITICAL|HIGH|MEDIUM|LOW|critical|high|medium|low)'|zh:\s*'(?:中危|低危|中|低)')/;
const LANG_TYPE = /type\s+(?:Lang|Locale)\s*=\s*'(?:zh|en)'/;

describe('one vocabulary', () => {
  it('has a label for every owner and severity in both languages', () => {
    for (const o of OWNERS) expect(OWNER_LABEL[o].zh && OWNER_LABEL[o].en).toBeTruthy();
    for (const s of SEVERITIES) expect(SEVERITY_LABEL[s].zh && SEVERITY_LABEL[s].en).toBeTruthy();
  });

  it('defines severity labels and the language type nowhere but src/core/i18n.ts', () => {
    const offenders = [...sources('src'), ...sources('commands')]
      .filter((p) => !p.endsWith(join('core', 'i18n.ts')))
      .filter((p) => {
        const text = readFileSync(p, 'utf8');
        return LABEL_TABLE.test(text) || LANG_TYPE.test(text);
      });
    expect(offenders).toEqual([]);
  });
});
