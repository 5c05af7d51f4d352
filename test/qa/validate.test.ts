import { describe, expect, it } from 'vitest';
import { validateQuestion } from '../../src/qa/validate.js';
import { WhoownsError } from '../../src/core/errors.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof WhoownsError ? e.code : 'other';
  }
  return undefined;
}

describe('validateQuestion', () => {
  it('accepts and strips controls', () => expect(validateQuestion(' who\u0007 owns\u202E it ')).toBe('who owns it'));
  it('rejects empty and whitespace', () => {
    expect(codeOf(() => validateQuestion(''))).toBe('QUESTION_EMPTY');
    expect(codeOf(() => validateQuestion(' \t\n '))).toBe('QUESTION_EMPTY');
  });
  it('rejects over 2,000 characters', () => expect(codeOf(() => validateQuestion('补'.repeat(2001)))).toBe('QUESTION_TOO_LONG'));
  it('accepts exactly 2,000 characters', () => expect(validateQuestion('a'.repeat(2000))).toHaveLength(2000));
  it('rejects binary junk', () => {
    expect(codeOf(() => validateQuestion('abc\u0000def'))).toBe('QUESTION_BINARY');
    expect(codeOf(() => validateQuestion('\uFFFD\uFFFD\u0001\u0002xy'))).toBe('QUESTION_BINARY');
  });
  it('messages exist in both languages', () => {
    try {
      validateQuestion('');
    } catch (e) {
      expect((e as WhoownsError).messages.zh).toMatch(/问题为空/);
      expect((e as WhoownsError).messages.en).toMatch(/empty/);
    }
  });
});
