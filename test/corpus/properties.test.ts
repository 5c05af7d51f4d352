import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, route } from '../../commands/index.js';
import type { Platform } from '../../src/chat/types.js';
import { isWhoownsError } from '../../src/core/errors.js';
import { OWNERS } from '../../src/kb/schema.js';
import { defaultEngine } from '../builders/engine.js';
import { validateQuestion } from '../../src/qa/validate.js';
import { fakeContext, harness, type Harness } from '../commands/helpers.js';
import { CHAT_INPUTS } from './chat-inputs.js';
import { expectSafeReply } from './checks.js';

// Properties over any text: the router always picks one command, dispatch always answers once
// and never throws, and the Q&A entry point either refuses with a coded error or answers in the
// documented shape. Runs are bounded so the suite stays quick.

const RUNS = Number(process.env.WHOOWNS_PROPERTY_RUNS ?? 300);
const engine = defaultEngine();

/** Any UTF-16 code unit, lone surrogates included: what a broken client can send. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const junk = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: anyUnit, maxLength: 40 }),
  fc.constantFrom(...CHAT_INPUTS.filter((e) => e.text.length < 20_000).map((e) => e.text)),
);

/** Words the knowledge base knows, so that many generated questions do match something. */
const kbWords = [...new Set(engine.kb.entries.flatMap((e) => [...e.aliases.en, ...e.aliases.zh, ...e.keywords.en, ...e.keywords.zh]))];
const question = fc.oneof(
  junk,
  fc.array(fc.oneof(fc.constantFrom(...kbWords), fc.constantFrom('who', 'owns', '谁负责', 'what is', '?', '吗', 'Alibaba', '我们')), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
  fc.tuple(fc.constantFrom(...kbWords), junk).map(([w, j]) => `${j} ${w} ${j}`),
);

const commandWords = [...COMMANDS.flatMap((c) => [c.name, ...c.aliases]), 'whoowns', 'button', 'ASK', 'Posture'];
const postureWords = ['sg', '安全组', 'instances', 'ram', 'disks', 'check', 'explain', 'mute', 'unmute', 'refresh', 'help', '帮助', 'user'];
/** Text shaped like commands: "posture sg <junk>", "/help posture", "态势 mute <fp> 3 x". */
const commandText = fc
  .tuple(
    fc.constantFrom('', '/', '／'),
    fc.constantFrom(...commandWords),
    fc.array(fc.oneof(fc.constantFrom(...postureWords), fc.constantFrom('0123456789abcdef', '30', '-1', 'sg-abc', 'i-1', 'ecs.sg.admin-port-open-world'), junk), { maxLength: 4 }),
  )
  .map(([slash, word, rest]) => `${slash}${word} ${rest.join(' ')}`);

const request = fc.record({
  command: fc.oneof(fc.constantFrom(...commandWords), fc.string({ maxLength: 12 })),
  text: fc.oneof(junk, commandText),
});

describe('route', () => {
  it('resolves any request to exactly one registered command, with arguments taken from its text', () => {
    fc.assert(
      fc.property(request, (req) => {
        const { spec, args } = route(COMMANDS, req);
        expect(COMMANDS).toContain(spec);
        expect(typeof args).toBe('string');
        expect(args).toBe(args.trim());
        expect(req.text.trim().endsWith(args)).toBe(true);
        // Same input, same answer.
        expect(route(COMMANDS, req)).toEqual({ spec, args });
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('dispatch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = harness({ burst: 1e9 });
    // Warm the cache and use up the refresh allowance, so every command below answers in one
    // reply (a first scan or a full refresh says "Scanning…" first, by design).
    const { ctx } = fakeContext();
    await h.dispatch({ command: 'posture', text: 'refresh' }, ctx);
  });

  it('answers any request exactly once, briefly and safely, without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.constantFrom<Platform>('slack', 'dingtalk', 'console'), fc.constantFrom('zh' as const, 'en' as const), async (req, platform, locale) => {
        const { ctx, replies } = fakeContext({ platform, locale });
        await h.dispatch(req, ctx);
        expect(replies).toHaveLength(1);
        expectSafeReply(replies[0]!, req.text);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('QaEngine.ask after validateQuestion', () => {
  const QUESTION_CODES = ['QUESTION_EMPTY', 'QUESTION_TOO_LONG', 'QUESTION_BINARY'];

  it('refuses with a coded question error or answers in the documented shape', () => {
    let answered = 0;
    let matched = 0;
    fc.assert(
      fc.property(question, (raw) => {
        let q: string;
        try {
          q = validateQuestion(raw);
        } catch (e) {
          expect(isWhoownsError(e) && QUESTION_CODES.includes(e.code), String(e)).toBe(true);
          return;
        }
        const a = engine.ask(q);
        answered++;
        expect(['zh', 'en']).toContain(a.language);
        expect(typeof a.matched).toBe('boolean');
        expect(a.answer.trim().length).toBeGreaterThan(0);
        for (const s of a.sources) {
          expect(engine.kb.byId.has(s.id), s.id).toBe(true);
          expect(s.score).toBeGreaterThan(0);
          expect(s.score).toBeLessThanOrEqual(1);
        }
        if (!a.matched) {
          expect(a.owner).toBeNull();
          expect(a.sources).toEqual([]);
          return;
        }
        matched++;
        expect(OWNERS).toContain(a.owner);
        // The owner is the best source's owner: the answer and its sources agree.
        expect(a.owner).toBe(engine.kb.byId.get(a.sources[0]!.id)!.owner);
        expect(a.sources.length).toBeGreaterThan(0);
        expect(a.sources.length).toBeLessThanOrEqual(3);
        expect(new Set(a.sources.map((s) => s.id)).size).toBe(a.sources.length);
      }),
      { numRuns: RUNS },
    );
    // The generator is meant to reach both branches; if it stops doing so the property is hollow.
    expect(answered).toBeGreaterThan(RUNS / 4);
    expect(matched).toBeGreaterThan(RUNS / 10);
  });
});
