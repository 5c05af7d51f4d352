import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { count, plural } from '../../src/core/plural.js';

describe('plural', () => {
  it('picks one/other in English by Intl.PluralRules', () => {
    const forms = { one: '# call failed', other: '# calls failed' };
    expect(plural('en', 1, forms)).toBe('1 call failed');
    expect(plural('en', 0, forms)).toBe('0 calls failed');
    expect(plural('en', 2, forms)).toBe('2 calls failed');
    expect(plural('en', 1.5, forms)).toBe('1.5 calls failed');
  });
  it('has no plural forms in Chinese: always other', () => {
    expect(plural('zh', 1, { other: '# 个实例' })).toBe('1 个实例');
    expect(plural('zh', 1, { one: 'unused', other: '# 次' })).toBe('1 次');
  });
  it('counts English nouns, with irregular plurals', () => {
    expect(count(1, 'time')).toBe('1 time');
    expect(count(3, 'time')).toBe('3 times');
    expect(count(1, 'policy', 'policies')).toBe('1 policy');
    expect(count(2, 'policy', 'policies')).toBe('2 policies');
  });
});

// Every count in a user-facing sentence goes through plural(): no "1 time(s)", no `n === 1 ? '' : 's'`.
describe('sentences in src/ and commands/', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  // "(s)" after a word inside a string (a quote opens before it on the line), or a count compared to 1.
  const HAND_MADE = [/(['"`])(?:(?!\1).)*[A-Za-z]\(s\)[ .,:'"`]/, /=== 1 \? '/, /> 1 \? 's'/, /\?\s*'s'\s*:\s*''/];

  it('use the plural helper instead of "(s)" and hand-made plurals', () => {
    const found: string[] = [];
    for (const f of [...files('src'), ...files('commands')]) {
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) return; // comments may say "mention(s)"
          if (HAND_MADE.some((re) => re.test(line))) found.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found).toEqual([]);
  });
});
