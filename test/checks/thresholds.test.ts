import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, parseThresholds, thresholdsSchema } from '../../src/checks/thresholds.js';
import { isWhoownsError } from '../../src/core/errors.js';

describe('thresholds', () => {
  it('defaults follow the benchmarks', () => {
    expect(thresholdsSchema.parse(DEFAULT_THRESHOLDS)).toEqual(DEFAULT_THRESHOLDS);
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      accessKeyMaxAgeDays: 90,
      accessKeyUnusedDays: 90,
      consoleIdleDays: 90,
      passwordMinLength: 14,
      passwordReusePrevention: 5,
      passwordMaxLoginAttempts: 5,
      passwordMaxAgeDays: 0,
      snapshotMinRetentionDays: 7,
      adminPorts: [22, 3389],
    });
  });

  it('overrides merge over the defaults', () => {
    const t = parseThresholds({ passwordMaxAgeDays: 90, adminPorts: [22] });
    expect(t.passwordMaxAgeDays).toBe(90);
    expect(t.adminPorts).toEqual([22]);
    expect(t.consoleIdleDays).toBe(90);
    expect(parseThresholds(undefined)).toEqual(DEFAULT_THRESHOLDS);
  });

  it.each([
    [{ accessKeyMaxAgeDays: 0 }, 'accessKeyMaxAgeDays'],
    [{ adminPorts: [70000] }, 'adminPorts'],
    [{ passwordMinLength: '14' }, 'passwordMinLength'],
    [{ nonsense: 1 }, 'root'],
    [[1, 2], 'mapping'],
  ])('rejects %j', (partial, word) => {
    try {
      parseThresholds(partial);
      expect.unreachable();
    } catch (e) {
      expect(isWhoownsError(e) && e.code).toBe('CONFIG_INVALID');
      expect((e as Error).message).toContain(word === 'root' ? 'invalid' : word);
    }
  });

  it('documents every value with the check that reads it', () => {
    const src = readFileSync(new URL('../../src/checks/thresholds.ts', import.meta.url), 'utf8');
    const block = src.slice(src.indexOf('DEFAULT_THRESHOLDS: Thresholds'));
    const keys = Object.keys(DEFAULT_THRESHOLDS);
    keys.forEach((key, i) => {
      const at = block.indexOf(`  ${key}:`);
      const prev = i === 0 ? 0 : block.indexOf(`  ${keys[i - 1]}:`);
      const comment = block.slice(block.indexOf('\n', prev), at);
      expect(comment, key).toMatch(/\/\/.*(ecs|ram|vpc|kms|cas|sls)\.[a-z-]+/);
    });
  });
});
