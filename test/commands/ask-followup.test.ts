import { describe, expect, it } from 'vitest';
import { askInThread } from '../../commands/ask.js';
import { createThreadMemory } from '../../src/chat/thread-memory.js';
import { defaultEngine } from '../builders/engine.js';
import { fakeContext, harness } from './helpers.js';

describe('ask in a thread', () => {
  const qa = defaultEngine();

  it('small talk in between does not erase the subject; a new full question replaces it', () => {
    const threads = createThreadMemory({ now: () => 0 });
    const sense = askInThread(qa, threads, 't', 'Who is responsible for encrypting data?').sources[0]!.id;
    expect(askInThread(qa, threads, 't', 'weather today?').matched).toBe(false);
    expect(askInThread(qa, threads, 't', 'and for disks?').sources[0]!.id).toBe(sense);
    const other = askInThread(qa, threads, 't', 'Who configures security group rules?').sources[0]!.id;
    expect(threads.recall('t')).toBe('Who configures security group rules?');
    expect(other).not.toBe(sense);
  });

  it('answers in the language of the follow-up, and without a key or memory asks as it is', () => {
    const threads = createThreadMemory({ now: () => 0 });
    askInThread(qa, threads, 't', 'Who is responsible for encrypting data?');
    expect(askInThread(qa, threads, 't', '那磁盘呢?').language).toBe('zh');
    expect(askInThread(qa, undefined, 't', 'and for disks?')).toEqual(qa.ask('and for disks?'));
    expect(askInThread(qa, threads, undefined, 'and for disks?')).toEqual(qa.ask('and for disks?'));
  });
});

describe('kb show in chat', () => {
  it('shows the full entry to the asker only, in their language', async () => {
    const h = harness();
    const { ctx, replies, text } = fakeContext({ locale: 'zh', place: 'C1', kind: 'group' });
    await h.dispatch({ command: 'ask', text: 'kb show customer.os-patching' }, ctx);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(text()).toContain(defaultEngine().kb.byId.get('customer.os-patching')!.body.zh);
    expect(text()).toMatch(/负责方:您/);
  });

  it('an unknown id says which one was meant; a bare kb says how to use it', async () => {
    const h = harness();
    const a = fakeContext();
    await h.dispatch({ command: 'whoowns', text: 'kb show customer.os-patchin' }, a.ctx);
    expect(a.text()).toMatch(/No entry with id customer\.os-patchin\. Did you mean customer\.os-patching\?/);
    const b = fakeContext();
    await h.dispatch({ command: 'whoowns', text: 'kb' }, b.ctx);
    expect(b.text()).toMatch(/Usage: kb show <entry id>/);
    expect(b.replies[0]!.ephemeral).toBe(true);
  });

  it('an answer on Slack carries the Full answer button, elsewhere not', async () => {
    const h = harness();
    const slack = fakeContext({ platform: 'slack' });
    await h.dispatch({ command: 'ask', text: 'Who patches the OS on ECS?' }, slack.ctx);
    expect(slack.text()).toMatch(/\[Full answer→kb show customer\.os-patching\]/);
    const ding = fakeContext({ platform: 'dingtalk' });
    await h.dispatch({ command: 'ask', text: 'Who patches the OS on ECS?' }, ding.ctx);
    expect(ding.text()).not.toMatch(/Full answer/);
  });
});
