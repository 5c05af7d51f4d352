import { beforeAll, describe, expect, it } from 'vitest';
import { toDingTalkMarkdown } from '../../src/adapters/dingtalk/render.js';
import { toBlockKit } from '../../src/adapters/slack/render.js';
import type { Reply } from '../../src/chat/message.js';
import { fakeContext, harness, replyText, type Harness } from '../commands/helpers.js';
import { BAD_IDS, CHAT_INPUTS, ID_SUBCOMMANDS, type CorpusEntry } from './chat-inputs.js';
import { allText, expectSafeDingTalk, expectSafeReply, expectSafeSlack } from './checks.js';
import { FLAVOURS, type Flavour } from './flavours.js';

// Every corpus entry, through each platform's request parsing, the real dispatch and commands,
// and the platform's renderer: a short, safe reply every time, and nothing run.

async function send(h: Harness, f: Flavour, text: string, req = f.request(text)) {
  const { ctx, replies } = fakeContext({ platform: f.platform, locale: f.locale(text) });
  await expect(h.dispatch(req, ctx)).resolves.toBeUndefined();
  return { replies, locale: ctx.locale, text: replies.map(allText).join('\n---\n') };
}

function expectSafe(f: Flavour, replies: Reply[], input: string, locale: 'zh' | 'en'): void {
  expect(replies.length, 'no reply').toBeGreaterThan(0);
  for (const r of replies) {
    expectSafeReply(r, input);
    if (f.platform === 'slack') expectSafeSlack(toBlockKit(r, { locale }));
    if (f.platform === 'dingtalk') expectSafeDingTalk(toDingTalkMarkdown(r, { mentionStaffId: 'staff01' }), 'staff01');
  }
}

const byName = (name: string): CorpusEntry => {
  const e = CHAT_INPUTS.find((x) => x.name === name);
  if (!e) throw new Error(`no corpus entry ${name}`);
  return e;
};

describe.each(FLAVOURS)('corpus as typed on $name', (f) => {
  let h: Harness;
  beforeAll(() => {
    h = harness({ burst: 1e9 });
  });

  it.each(CHAT_INPUTS.map((e) => [e.name, e] as const))('%s: a short safe reply', async (_name, e) => {
    const { replies, locale } = await send(h, f, e.text);
    expectSafe(f, replies, e.text, locale);
  });

  it.each(CHAT_INPUTS.map((e) => [e.name, e] as const))('%s: as a posture argument', async (_name, e) => {
    for (const sub of ['sg', 'ram', 'check', 'explain']) {
      const text = `${sub} ${e.text}`;
      const { replies, locale } = await send(h, f, text, { command: 'posture', text });
      expectSafe(f, replies, text, locale);
    }
  });
});

describe('ids of the wrong shape are refused before any scan', () => {
  // Some have the shape of a RAM user name (@all, SG-ABC) or a check id (sg-aaa…): those are
  // looked up in the scan like any other name.
  const lookedUp = (sub: string, id: string) =>
    (sub === 'ram' && /^[A-Za-z0-9._@-]{1,64}$/.test(id)) || (['check', 'explain'].includes(sub) && /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/.test(id));

  it.each(FLAVOURS.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const h = harness({ burst: 1e9 });
    for (const sub of [...ID_SUBCOMMANDS, 'check', 'explain']) {
      for (const id of BAD_IDS) {
        if (lookedUp(sub, id)) continue;
        const text = `${sub} ${id}`;
        const { replies, locale } = await send(h, f, text, { command: 'posture', text });
        expect(replies, text).toHaveLength(1);
        expect(replies[0]!.ephemeral, text).toBe(true);
        expect(replyText(replies[0]!), text).toMatch(/Usage|用法/);
        expectSafe(f, replies, text, locale);
      }
    }
    expect(h.collects.count).toBe(0);
  });
});

describe('error replies say what is wrong', () => {
  const slash = FLAVOURS[0]!;
  const cases: [string, RegExp][] = [
    ['', /question is empty/],
    [byName('3 MB message').text, /too long \(over 2000 characters\)/],
    [byName('NUL bytes').text, /binary data/],
    [byName('10,000 Han characters').text, /问题太长/],
    ['posture frobnicate', /^Unknown subcommand `frobnicate`\.\nUsage: \/posture \| \/posture sg/],
    ['posture sg $(reboot)', /^"\$\(reboot\)" is not a valid security group id \(sg-…\)\.\nUsage: \/posture sg/],
    ['posture ram bob\' OR 1=1 --', /^Too many arguments\.|"bob'" is not a valid RAM user name/],
    ['posture mute 0123456789abcdef -5 because', /^`-5` is not a valid number of days: expected a whole number from 1 to 365\./],
    ['posture check ../../../knowledge/products', /^Unknown check id: \.\.\/\.\.\/\.\.\/knowledge\/products\./],
    ['posture 安全组 无效', /“无效” 不是有效的安全组 ID/],
    ['posture sg <!channel>', /is not a valid security group id/],
    ['posture disks d-1', /^Too many arguments\.\nUsage: \/posture disks/],
  ];

  it.each(cases)('%j', async (text, expected) => {
    const h = harness();
    const { replies, text: out } = await send(h, slash, text);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.ephemeral).toBe(true);
    expect(out.split('\n---\n')[0]!.replace(/^[^\n]*\n/, '')).toMatch(expected);
  });

  it('shows a refused id back without its mention or direction tricks', async () => {
    const h = harness();
    for (const id of ['<!channel>', '@所有人', 'sg-\u202Eabc', `<@U123>`]) {
      const { text } = await send(h, slash, `posture sg ${id}`);
      expect(text).toMatch(/not a valid security group id|不是有效的安全组/);
      expect(text).not.toContain(id);
    }
    expect(h.collects.count).toBe(0);
  });

  it('a refresh too soon is refused in one reply, without first announcing a scan', async () => {
    const h = harness();
    const first = await send(h, slash, 'posture refresh');
    expect(first.replies).toHaveLength(2);
    const again = await send(h, slash, 'posture refresh');
    expect(again.replies).toHaveLength(1);
    expect(again.text).toMatch(/refresh again in 60 s/);
    expect(again.text).not.toMatch(/Scanning/);
    expect(h.collects.count).toBe(1);
  });

  it('cuts a long refused word short', async () => {
    const h = harness();
    const { text } = await send(h, slash, `posture ${'z'.repeat(5000)}`);
    expect(text).toMatch(/Unknown subcommand `z{10,40}…?`\./);
    expect(text.length).toBeLessThan(600);
  });
});

describe('renderers keep corpus text inert and within platform limits', () => {
  const risky = CHAT_INPUTS.filter((e) => e.tags.some((t) => t === 'mention' || t === 'markup' || t === 'huge' || t === 'injection'));

  /** The entry's text in every place a reply can carry user-derived text. */
  function everywhere(text: string): Reply {
    return {
      summary: text,
      blocks: [
        { type: 'header', text },
        { type: 'text', text: `You asked: ${text}` },
        { type: 'fields', fields: [{ label: text.slice(0, 500), value: text }] },
        { type: 'context', text },
        { type: 'actions', buttons: [{ label: text, command: `posture sg ${text.slice(0, 100)}` }] },
      ],
    };
  }

  it.each(risky.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    expectSafeSlack(toBlockKit(everywhere(e.text), { locale: 'en' }));
    expectSafeSlack(toBlockKit(everywhere(e.text), { locale: 'zh' }));
    expectSafeDingTalk(toDingTalkMarkdown(everywhere(e.text), { mentionStaffId: 'staff01' }), 'staff01');
    expectSafeDingTalk(toDingTalkMarkdown(everywhere(e.text)));
  });
});
