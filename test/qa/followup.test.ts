import { describe, expect, it } from 'vitest';
import { followUp, isElliptical } from '../../src/qa/followup.js';
import { defaultEngine } from '../builders/engine.js';

describe('followUp', () => {
  it.each([
    ['Who is responsible for encryption?', 'and for disks?', 'For disks, who is responsible for encryption?'],
    ['Who is responsible for encryption?', 'what about snapshots?', 'For snapshots, who is responsible for encryption?'],
    ['Who is responsible for encryption?', 'How about on Windows?', 'On Windows, who is responsible for encryption?'],
    ['Who is responsible for encryption?', 'And the backups', 'For the backups, who is responsible for encryption?'],
    ['谁负责数据加密?', '那磁盘呢?', '关于磁盘,谁负责数据加密?'],
    ['谁负责数据加密?', '还有快照呢', '关于快照,谁负责数据加密?'],
    ['谁负责数据加密?', '快照的呢?', '关于快照,谁负责数据加密?'],
    ['谁负责数据加密?', '那么对于备份呢?', '关于备份,谁负责数据加密?'],
  ])('%s + %s', (previous, next, expected) => {
    expect(followUp(previous, next)).toBe(expected);
  });

  it.each([
    'Who patches the OS?',
    'and who patches the OS on ECS?',
    'what about?',
    '那呢?',
    'and what is a security group and who configures its rules for our production VPC?',
    '那谁负责操作系统补丁呢?',
    'disks',
    '',
  ])('a complete or empty question is not a follow-up: %s', (next) => {
    expect(followUp('Who is responsible for encryption?', next)).toBeUndefined();
  });

  it('tells elliptical questions apart on their own', () => {
    expect(isElliptical('and for disks?')).toBe(true);
    expect(isElliptical('那磁盘呢?')).toBe(true);
    expect(isElliptical('what is a security group?')).toBe(false);
  });

  it.each([
    ['Who is responsible for encrypting data?', 'and for disks?'],
    ['谁负责数据加密?', '那磁盘呢?'],
  ])('the rewritten question keeps the earlier sense for the engine: %s + %s', (previous, next) => {
    const engine = defaultEngine();
    const first = engine.ask(previous);
    const plain = engine.ask(next);
    const resolved = engine.ask(followUp(previous, next)!);
    expect(first.matched && resolved.matched).toBe(true);
    // On its own the follow-up is about something else; rewritten, it stays on encryption.
    expect(plain.sources[0]?.id).not.toBe(first.sources[0]!.id);
    expect(resolved.sources[0]!.id).toBe(first.sources[0]!.id);
  });
});
