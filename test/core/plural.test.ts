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
