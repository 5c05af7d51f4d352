import { describe, expect, it } from 'vitest';
import { nearestWord } from '../../commands/suggest.js';
import type { ChatRequest } from '../../src/chat/types.js';
import { fakeContext, harness } from './helpers.js';

// A typo gets the nearest command back, in the user's language, instead of a knowledge-base
// search for "hlep"; a bad mute argument is named, with what was expected and an example.

async function send(req: ChatRequest, locale: 'en' | 'zh' = 'en') {
  const h = harness();
  const f = fakeContext({ locale });
  await h.dispatch(req, f.ctx);
  return { ...f, h };
}

describe('nearestWord', () => {
  it.each([
    ['hlep', 'help'],
    ['HELP', 'help'],
    ['postrue', 'posture'],
    ['postures', 'posture'],
    ['sgg', 'sg'],
    ['mtue', 'mute'],
  ])('%s → %s', (word, expected) => {
    expect(nearestWord(word, ['help', 'h', 'posture', 'sg', 'mute', 'unmute'])).toBe(expected);
  });

  it.each(['hi', 'ok', 'patching', 'zzzzzz', 'x'])('suggests nothing for %s', (word) => {
    expect(nearestWord(word, ['help', 'h', 'posture', 'sg', 'digest'])).toBeUndefined();
  });
});

describe('unknown commands', () => {
  it.each([
    [{ command: 'ask', text: 'hlep' }],
    [{ command: 'whoowns', text: 'hlep' }],
    [{ command: 'ask', text: '/hlep' }],
  ])('%o: suggests the nearest command', async (req) => {
    const { text, replies } = await send(req);
    expect(text()).toBe('Unknown command `hlep`. Did you mean `help`?');
    expect(replies[0]?.ephemeral).toBe(true);
  });

  it('in Chinese too', async () => {
    const { text } = await send({ command: 'ask', text: 'postrue' }, 'zh');
    expect(text()).toBe('未知命令 `postrue`。你是想用 `posture` 吗?');
  });

  it.each(['who patches the OS?', 'patching', 'hi'])('leaves questions alone: %s', async (q) => {
    const { text } = await send({ command: 'ask', text: q });
    expect(text()).not.toMatch(/Unknown command/);
  });
});

describe('unknown subcommands', () => {
  it.each([
    ['posture', 'sgg', 'Unknown subcommand `sgg`. Did you mean `posture sg`?'],
    ['posture', 'mtue 0123456789abcdef 3 x', 'Unknown subcommand `mtue`. Did you mean `posture mute`?'],
    ['digest', 'stauts', 'Unknown subcommand `stauts`. Did you mean `digest status`?'],
  ])('%s %s', async (command, text, first) => {
    const r = await send({ command, text });
    expect(r.text().split('\n')[0]).toBe(first);
    expect(r.text()).toMatch(/\nUsage: /);
    expect(r.h.collects.count).toBe(0);
  });

  it('says so in Chinese, and offers nothing when nothing is near', async () => {
    expect((await send({ command: 'posture', text: 'sgg' }, 'zh')).text().split('\n')[0]).toBe('未知的子命令 `sgg`。你是想用 `posture sg` 吗?');
    expect((await send({ command: 'posture', text: 'frobnicate' })).text().split('\n')[0]).toBe('Unknown subcommand `frobnicate`.');
  });
});

describe('mute and unmute name the bad argument', () => {
  const FP = '0123456789abcdef';
  it.each([
    ['mute', /^Missing the finding fingerprint: expected 16 hex digits/],
    ['mute 123 7 because', /^`123` is not a finding fingerprint: expected 16 hex digits/],
    [`mute ${FP}`, /^Missing the number of days: expected a whole number from 1 to 365/],
    [`mute ${FP} -5 because`, /^`-5` is not a valid number of days: expected a whole number from 1 to 365/],
    [`mute ${FP} 7.5 because`, /^`7\.5` is not a valid number of days/],
    [`mute ${FP} 400 because`, /^`400` is not a valid number of days/],
    [`mute ${FP} 30`, /^Missing the reason: say in a few words why/],
    ['unmute', /^Missing the finding fingerprint/],
    ['unmute zzzzzzzzzzzzzzzz', /^`zzzzzzzzzzzzzzzz` is not a finding fingerprint/],
    [`unmute ${FP} ${FP}`, /^Too many arguments: unmute takes one fingerprint/],
  ])('%s', async (args, expected) => {
    const r = await send({ command: 'posture', text: args });
    expect(r.text()).toMatch(expected);
    expect(r.text()).toMatch(/\nExample: `\/posture (un)?mute [0-9a-f]{16}/);
    expect(r.text()).toMatch(/\nUsage: \/posture (un)?mute/);
    expect(r.h.collects.count).toBe(0);
  });

  it('in Chinese', async () => {
    const r = await send({ command: 'posture', text: `mute ${FP} 0 原因` }, 'zh');
    expect(r.text()).toMatch(/^`0` 不是有效的天数:需要 1 到 365 之间的整数。\n例如:`\/posture mute [0-9a-f]{16} 30 /);
  });
});

describe('cost', () => {
  it('a huge single word is answered at once, not compared letter by letter', async () => {
    const started = Date.now();
    expect(nearestWord('a'.repeat(3_000_000), ['help', 'posture'])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(200);
  });
});
