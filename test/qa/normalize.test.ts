import { describe, expect, it } from 'vitest';
import { detectLanguage, normalize, stripControls } from '../../src/qa/normalize.js';
import { segment, stem } from '../../src/qa/segment.js';

describe('normalize', () => {
  it('folds full-width forms, case and punctuation', () => {
    expect(normalize('ＳＳＨ　密钥对，是什么？')).toBe('ssh 密钥对 是什么');
    expect(normalize('Who OWNS the Hot-Patch?')).toBe('who owns the hot-patch');
  });
  it('keeps joiners inside names', () => {
    expect(normalize('NIST SP800-88 and 0.0.0.0/0')).toBe('nist sp800-88 and 0.0.0.0/0');
  });
  it('strips controls, zero-width and bidi overrides', () => {
    expect(stripControls('a\u0000b\u202Ec\u200Bd\ne')).toBe('abcd e');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['谁负责ECS操作系统的补丁?', 'zh'],
    ['Who patches the OS?', 'en'],
    ['安全组是什么', 'zh'],
    ['What is 安全组 in English?', 'en'],
    ['RAM子账号的权限谁管', 'zh'],
  ])('%s → %s', (q, lang) => expect(detectLanguage(q)).toBe(lang));
});

describe('segment and stem', () => {
  it('segments Chinese into words and keeps Latin words whole', () => {
    expect(segment(normalize('谁负责ECS补丁'))).toEqual(expect.arrayContaining(['谁', '负责', 'ecs', '补丁']));
  });
  it('stems plural and verb forms', () => {
    expect(['patches', 'patched', 'patching', 'patch'].map(stem)).toEqual(['patch', 'patch', 'patch', 'patch']);
    expect(stem('policies')).toBe('policy');
    expect(stem('sp800-88')).toBe('sp800-88');
  });
});
