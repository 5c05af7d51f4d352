import { describe, expect, it } from 'vitest';
import { formatHuman } from '../../src/cli/ask.js';
import { defaultEngine } from '../builders/engine.js';
import { cli } from './helpers.js';

describe('whoowns ask', () => {
  it('prints owner first, explanation, then sources', async () => {
    const r = await cli(['ask', 'Who patches the OS on ECS?']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Owner: You \(customer\)/);
    expect(lines.at(-1)).toMatch(/^Sources: .*\[customer\./);
  });

  it('prints one JSON object with the documented fields', async () => {
    const r = await cli(['ask', '--json', '虚拟化层的安全由谁保障?']);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a).sort()).toEqual(['answer', 'language', 'matched', 'owner', 'question', 'sources']);
    expect(a).toMatchObject({ language: 'zh', matched: true, owner: 'alibaba-cloud' });
    expect(a.sources[0]).toEqual({ id: expect.any(String), title: expect.any(String), score: 1 });
  });

  it('--lang forces the answer language', async () => {
    const a = JSON.parse((await cli(['ask', '--json', '--lang', 'en', '谁负责补丁?'])).stdout);
    expect(a.language).toBe('en');
  });

  it('reads JSON Lines from stdin in order, one object per question', async () => {
    const r = await cli(['ask', '--json'], { stdin: ['Who secures the data centres?', '安全组是什么?', 'weather today?'] });
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.question)).toEqual(['Who secures the data centres?', '安全组是什么?', 'weather today?']);
    expect(rows[2].matched).toBe(false);
    expect(r.code).toBe(0);
  });

  it('every input line yields exactly one output line, blank ones included, in order; exit 2 after answering the rest', async () => {
    const long = `${'x'.repeat(1999)}yz${'w'.repeat(500)}`;
    const stdin = ['Who secures the data centres?', '', long, '   ', 'ab\u0000cd', '谁负责补丁?'];
    const r = await cli(['ask', '--json'], { stdin });
    expect(r.code).toBe(2);
    const out = r.stdout.split('\n');
    expect(out.at(-1)).toBe('');
    const rows = out.slice(0, -1).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(stdin.length);
    expect(rows[0]).toMatchObject({ question: 'Who secures the data centres?', matched: true });
    expect(rows[1]).toEqual({ question: '', error: { code: 'QUESTION_EMPTY', message: expect.stringMatching(/empty/) } });
    expect(rows[2]).toEqual({ question: long.slice(0, 200), error: { code: 'QUESTION_TOO_LONG', message: expect.stringMatching(/too long/) } });
    expect(rows[3]).toEqual({ question: '', error: { code: 'QUESTION_EMPTY', message: expect.any(String) } });
    expect(rows[4].error.code).toBe('QUESTION_BINARY');
    expect(rows[5]).toMatchObject({ question: '谁负责补丁?', language: 'zh', matched: true });
    expect(r.stderr).toBe('');
  });

  it('a bad line in bulk mode errors in its own language, counting characters, not UTF-16 units', async () => {
    const r = await cli(['ask', '--json'], { stdin: ['补'.repeat(2001), '😀'.repeat(2001)] });
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[0].question).toBe('补'.repeat(200));
    expect(rows[0].error.message).toMatch(/太长/);
    expect(rows[1].question).toBe('😀'.repeat(200));
  });

  it('--long prints the long form, as the engine gives it with long: true', async () => {
    const q = 'Who patches the OS on ECS?';
    const long = await cli(['ask', '--long', q]);
    expect(long.code).toBe(0);
    expect(long.stdout).toBe(formatHuman(defaultEngine().ask(q, { long: true }), false));
    const json = JSON.parse((await cli(['ask', '--json', '--long', q])).stdout);
    expect(json.answer).toBe(defaultEngine().ask(q, { long: true }).answer);
    const batch = JSON.parse((await cli(['ask', '--json', '--long'], { stdin: [q] })).stdout);
    expect(batch.answer).toBe(defaultEngine().ask(q, { long: true }).answer);
  });

  it.each([
    [['ask', '   '], /empty/],
    [['ask', 'a'.repeat(2001)], /too long/],
    [['ask', 'ab\u0000\u0001cd'], /binary/],
    [['ask'], /Usage: whoowns ask/],
  ])('bad input %# exits 2 with a clear message on stderr', async (argv, msg) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stdout).toBe('');
  });

  it('errors for a Chinese question come in Chinese', async () => {
    const r = await cli(['ask', '补'.repeat(2001)]);
    expect(r.stderr).toMatch(/错误.*太长/);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    expect((await cli(['ask', '--nope', 'x'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('whoowns kb', () => {
  it('lists entries and shows one', async () => {
    const list = await cli(['kb', 'list', '--kind', 'layer']);
    expect(list.stdout.match(/^cloud\./gm)).toHaveLength(4);
    const show = await cli(['kb', 'show', 'product.security-group', '--lang', 'zh']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/安全组/);
  });
  it('an unknown id suggests near ones and exits 2', async () => {
    const r = await cli(['kb', 'show', 'product.securty-group']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Did you mean: .*product\.security-group/);
  });
});
