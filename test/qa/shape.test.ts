import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../builders/engine.js';

// How an answer is put together: lists answered with the parts, pieces without a subject read with
// the part before them, a question no piece answers tried whole, cuts at a sentence.

const engine = defaultEngine();

describe('answer shape', () => {
  it('a "what does it include" question names the parts of the entry', () => {
    const en = engine.ask('Which areas does virtualization security consist of?');
    expect(en.answer).toMatch(/^It covers: .*isolation/m);
    const zh = engine.ask('数据中心安全都有哪些方面?');
    expect(zh.answer).toMatch(/^包括:/m);
  });

  it('an overview lists its groups and their members when asked for a list', () => {
    const a = engine.ask('列举一下阿里云的安全产品');
    expect(a.answer).toMatch(/包括:.*云安全中心.*操作审计/);
    expect([...a.answer].length).toBeLessThanOrEqual(900);
  });

  it('a follow-on piece without a subject is read with the part before it', () => {
    // "要停机不" alone names nothing; with the first part it is a downtime question about hot patches.
    const a = engine.ask('阿里云给宿主机打热补丁时我的业务会中断吗?要停机不');
    expect(a.sources[0]!.id).toBe('cloud.virtualization.hot-patching');
    expect(a.answer.match(/^负责方/gm)).toHaveLength(1);
  });

  it('a question whose pieces each name no subject is tried whole', () => {
    const a = engine.ask('How is the work split between what Alibaba Cloud protects and what we protect on ECS?');
    expect(a.matched).toBe(true);
    expect(a.sources[0]!.id).toBe('context.shared-model');
  });

  it('a short answer never ends mid-clause without saying so', () => {
    for (const q of ['What does Alibaba Cloud secure?', 'Who handles tenant isolation on the hypervisor?', '谁负责应用安全?']) {
      const body = engine.ask(q).answer.split('\n').filter((l) => !/^(More|详情|Owner|负责方)/.test(l));
      for (const line of body) expect(line, q).not.toMatch(/[,,;;]$/);
    }
  });
});
