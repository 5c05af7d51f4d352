import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeDir } from '../../src/core/paths.js';
import { WhoownsError } from '../../src/core/errors.js';
import { loadKnowledge } from '../../src/kb/load.js';
import { defaultEngine } from '../builders/engine.js';
import { correctsPremise, judgeStrict } from '../../src/qa/eval.js';
import { SHORT_MAX } from '../../src/qa/compose.js';
import { cuePattern } from '../../src/qa/intent.js';

// Our own wording for each kind of question issue #12 names; never the dev questions.
const engine = defaultEngine();
const first = (q: string) => engine.ask(q).answer.split('\n')[0]!;

describe('premise of a yes/no question', () => {
  it.each([
    ['Alibaba Cloud installs the security updates inside my Windows instance, doesn’t it?', 'customer', /^No — /],
    ['We must shred the old disks ourselves after releasing an instance, right?', 'alibaba-cloud', /^No — .*Alibaba Cloud/],
    ['数据中心的消防也要我们自己负责吗?', 'alibaba-cloud', /^不是。这由阿里云负责/],
    ['阿里云会替我们把实例里的数据备份好,对吧?', 'customer', /^不是。这由您.客户./],
    ['Alibaba Cloud hot-patches the hypervisor for us, right?', 'alibaba-cloud', /^Yes — Alibaba Cloud owns this/],
    ['安全组规则是我们自己配置的,对吧?', 'customer', /^是的。这由您.客户./],
  ])('%s', (q, owner, line) => {
    const a = engine.ask(q);
    expect(a.owner).toBe(owner);
    expect(a.answer.split('\n')[0]).toMatch(line);
  });

  it('a Chinese yes/no question without 谁 still leads with the owner', () => {
    expect(first('操作系统的补丁要我们自己打吗?')).toMatch(/客户/);
    expect(first('堡垒机要自己买吗')).toMatch(/负责方|客户/);
  });
});

describe('intent picks among what the subject matched', () => {
  it('who-did-it goes to the audit trail, even when the question names a port', () => {
    expect(engine.ask('who opened port 3389 on our security group last week?').answer).toMatch(/ActionTrail/);
    expect(engine.ask('控制台上是谁删了这台实例,去哪里查?').answer).toMatch(/操作审计|ActionTrail/);
  });

  it('"which product" answers with a product', () => {
    const a = engine.ask('Our ports are locked down; which product blocks SQL injection against our website?');
    expect(engine.kb.byId.get(a.sources[0]!.id)!.kind).toBe('product');
    expect(a.answer).toMatch(/WAF/);
  });

  it('"does it need a reboot" goes to the entry that says whether it does', () => {
    const a = engine.ask('When Alibaba fixes a flaw in the virtualization layer, do my instances go down?');
    expect(a.sources[0]!.id).toBe('cloud.virtualization.hot-patching');
    expect(a.answer).toMatch(/reboot|restart/);
  });
});

describe('scope', () => {
  it.each(['Who fixes vulnerabilities on a Tencent Cloud CVM?', '谷歌云的防火墙规则谁来配?', 'How do I lock down EC2 instances?', 'Azure 虚拟机的磁盘加密谁负责?'])(
    'another cloud is not answered as ECS: %s',
    (q) => {
      const a = engine.ask(q);
      expect(a).toMatchObject({ matched: false, owner: null, sources: [] });
      expect(a.answer).toMatch(/Alibaba Cloud ECS|阿里云 ECS/);
    },
  );

  it('a comparison with another cloud is answered for the Alibaba Cloud side', () => {
    const a = engine.ask('Unlike on AWS, who patches the guest OS on Alibaba Cloud ECS?');
    expect(a).toMatchObject({ matched: true, owner: 'customer' });
  });

  it.each([
    '2024-05-01 12:00:03 ERROR [main] o.a.Foo - connection refused',
    "ERROR 1045 (28000): Access denied for user 'root'@'localhost'",
    'at org.example.Server.start(Server.java:88)',
    '<script>alert(1)</script>',
    'kernel: Out of memory: Killed process 4321 (java)',
  ])('pasted text with no question gets a one-line hint: %s', (q) => {
    const a = engine.ask(q);
    expect(a).toMatchObject({ matched: false, owner: null });
    expect(a.answer.split('\n')).toHaveLength(1);
  });

  it('a paste with a question is answered from the question and the paste’s words', () => {
    const a = engine.ask('Failed password for root from 10.0.0.5 port 2222 ssh2 — who should deal with this?');
    expect(a).toMatchObject({ matched: true, owner: 'customer' });
    expect(a.answer).toMatch(/password|key/i);
  });
});

describe('multi-part questions', () => {
  it('answers every part, each with its owner; owner is the first part’s', () => {
    const a = engine.ask('Who erases the disks after an instance is released, and who backs up my data?');
    expect(a.owner).toBe('alibaba-cloud');
    expect(a.answer.match(/^Owner: /gm)).toHaveLength(2);
    expect(a.answer).toMatch(/You \(customer\)/);
  });

  it('splits at 另外 in Chinese', () => {
    const a = engine.ask('机房是按什么标准建的?另外操作系统补丁谁来打?');
    expect(a.answer).toMatch(/50174|942/);
    expect(a.answer).toMatch(/补丁/);
    expect(a.answer.match(/^负责方:/gm)).toHaveLength(2);
  });

  it('two clauses that each ask (谁…,谁…) are two parts; one question after a statement stays one', () => {
    const two = engine.ask('谁负责操作系统补丁,谁负责机房物理安全?');
    expect(two.answer.match(/^负责方:/gm)).toHaveLength(2);
    expect(two.answer).toMatch(/补丁/);
    expect(two.answer).toMatch(/50174|942|机房/);
    const en = engine.ask('Who patches the OS, who secures the data center?');
    expect(en.answer.match(/^Owner: /gm)).toHaveLength(2);
    const one = engine.ask('我的ECS被入侵了,谁负责?');
    expect(one.answer.match(/^负责方:/gm)).toHaveLength(1);
    // "whole" is not "who": a Latin question word must end where the word does.
    expect(engine.ask('Whole disk encryption, who turns it on?').answer.match(/^Owner: /gm)).toHaveLength(1);
  });

  it('a part with no subject of its own is about the previous part', () => {
    const a = engine.ask('What does Cloud Firewall do, and who configures it?');
    expect(a.answer.match(/^Owner: /gm)).toHaveLength(1);
    expect(a.answer).toMatch(/Cloud Firewall/);
  });
});

describe('short answers', () => {
  it.each(['Who patches the OS on ECS?', '虚拟化层的安全由谁保障?', 'What is Session Manager?', 'Who backs up data on ECS, and who wipes released disks?'])(
    'stays under the limit with a pointer to the full entry: %s',
    (q) => {
      const a = engine.ask(q);
      expect([...a.answer].length).toBeLessThanOrEqual(SHORT_MAX);
      expect(a.answer.split('\n').at(-1)).toMatch(/^(More: |详情:)`whoowns kb show /);
    },
  );

  it('long gives the full entry', () => {
    const short = engine.ask('Who patches the OS on ECS?');
    const long = engine.ask('Who patches the OS on ECS?', { long: true });
    expect(long.answer.length).toBeGreaterThan(short.answer.length);
    expect(long.answer).not.toMatch(/whoowns kb show/);
  });
});

describe('strict eval rule', () => {
  it('a correction starts a line within the first 200 characters', () => {
    expect(correctsPremise('No — this is yours.\nOwner: You')).toBe(true);
    expect(correctsPremise('不是。这由阿里云负责')).toBe(true);
    expect(correctsPremise('并非如此')).toBe(true);
    expect(correctsPremise(`${'x'.repeat(210)}\nNo — late`)).toBe(false);
    expect(correctsPremise('Owner: You, the customer. Not a correction')).toBe(false);
  });

  it('refuses an answer that is long, in the other language, or names the owner only later', () => {
    const base = { question: 'q', matched: true, owner: 'customer' as const, sources: [] };
    const q = { q: 'Who patches the OS?', owner: 'customer' as const, any: [['patch']] };
    expect(judgeStrict(q, { ...base, language: 'en', answer: 'Owner: You, the customer.\npatch it' })).toBeNull();
    expect(judgeStrict(q, { ...base, language: 'en', answer: `Owner: You\n${'patch '.repeat(200)}` })).toMatch(/over 900/);
    expect(judgeStrict(q, { ...base, language: 'zh', answer: '负责方:客户\npatch' })).toMatch(/answered in zh/);
    expect(judgeStrict(q, { ...base, language: 'en', answer: 'Patching is important.\nOwner: You, the customer. patch' })).toMatch(/first line/);
    expect(judgeStrict({ ...q, premise: false }, { ...base, language: 'en', answer: 'Owner: You, the customer.\npatch' })).toMatch(/premise/);
  });
});

describe('intent cues are data', () => {
  it('compiles cue syntax: … between, ^ and $ anchors, * open end, whole Latin words', () => {
    expect(new RegExp(cuePattern('是不是…阿里云')).test('是不是要阿里云')).toBe(true);
    expect(new RegExp(cuePattern('^do')).test('do we patch')).toBe(true);
    expect(new RegExp(cuePattern('^do')).test('what do we patch')).toBe(false);
    expect(new RegExp(cuePattern('right$')).test('we patch right')).toBe(true);
    expect(new RegExp(cuePattern('right$')).test('the right to patch')).toBe(false);
    expect(new RegExp(cuePattern('responsib*')).test('who is responsible')).toBe(true);
    expect(new RegExp(cuePattern('or')).test('for me')).toBe(false);
  });

  it('the shipped knowledge base has intents and other clouds', () => {
    expect(engine.kb.intents.signals.length).toBeGreaterThan(5);
    expect(engine.kb.scope.clouds.length).toBeGreaterThan(5);
  });

  it('a bad intents.yaml is refused with its file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whoowns-intents-'));
    cpSync(knowledgeDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'intents.yaml'), 'signals:\n  - id: owner\n    cues:\n      - zh: [谁]\n  - id: nonsense\n    cues:\n      - en: [x]\njoiners: { zh: [], en: [] }\n');
    let err: unknown;
    try {
      loadKnowledge(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WhoownsError);
    expect((err as WhoownsError).messages.en).toMatch(/intents\.yaml:5: field signals\.1\.id is invalid/);
  });
});

describe('OSS (issue #16)', () => {
  it.each([
    ['who is responsible for a public OSS bucket?', /^Owner: You \(customer\)/],
    ['谁负责公开的 OSS 存储桶', /^负责方:您.客户./],
  ])('%s answers with the customer and the OSS entries', (q, line) => {
    const a = engine.ask(q);
    expect(a.owner).toBe('customer');
    expect(a.answer.split('\n')[0]).toMatch(line);
    const ids = a.sources.map((s) => s.id);
    expect(ids.some((id) => id === 'customer.oss-bucket-security' || id === 'product.oss')).toBe(true);
  });

  it('says what Alibaba Cloud keeps: the service and its durability', () => {
    const entry = engine.kb.byId.get('product.oss')!;
    expect(entry.owner).toBe('customer');
    expect(JSON.stringify(entry)).toMatch(/durab/);
  });
});
