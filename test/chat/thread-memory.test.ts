import { describe, expect, it } from 'vitest';
import { createThreadMemory, threadKey } from '../../src/chat/thread-memory.js';

describe('thread memory', () => {
  it('remembers per thread and forgets after the TTL without use', () => {
    let t = 0;
    const m = createThreadMemory({ ttlMs: 1000, now: () => t });
    m.remember('a', 'who encrypts disks?');
    expect(m.recall('b')).toBeUndefined();
    t = 900;
    expect(m.recall('a')).toBe('who encrypts disks?');
    t = 1800; // 900 ms after the last use: still fresh
    expect(m.recall('a')).toBe('who encrypts disks?');
    t = 2800;
    expect(m.recall('a')).toBeUndefined();
    expect(m.size()).toBe(0);
  });

  it('drops expired threads even when nobody asks for them again', () => {
    let t = 0;
    const m = createThreadMemory({ ttlMs: 1000, now: () => t });
    for (let i = 0; i < 5; i++) m.remember(`t${i}`, 'q');
    t = 1000;
    m.remember('new', 'q');
    expect(m.size()).toBe(1);
  });

  it('keeps only the most recently used threads', () => {
    const m = createThreadMemory({ maxThreads: 2, now: () => 0 });
    m.remember('a', 'qa');
    m.remember('b', 'qb');
    m.recall('a'); // a is now the most recent
    m.remember('c', 'qc');
    expect(m.recall('b')).toBeUndefined();
    expect(m.recall('a')).toBe('qa');
    expect(m.recall('c')).toBe('qc');
    expect(m.size()).toBe(2);
  });

  it('keys keep workspaces, channels and threads apart', () => {
    const k = (workspace: string, channel: string, thread: string) => threadKey({ platform: 'slack', workspace, channel, thread });
    const keys = new Set([k('T1', 'C1', '1.1'), k('T2', 'C1', '1.1'), k('T1', 'C2', '1.1'), k('T1', 'C1', '1.2'), k('T1', 'C1/1.1', '')]);
    expect(keys.size).toBe(5);
  });
});
