import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { CHAT_INPUTS } from './chat-inputs.js';
import { liveMentions } from './checks.js';

// The corpus through the command line: `whoowns ask "<text>"` and the JSON Lines mode that
// reads questions from stdin. Every line gets an answer or a coded error; nothing crashes.

// Arguments beginning with "-" are options to commander; after "--" they are text.
const asArgs = (text: string) => ['ask', '--', text];
const small = CHAT_INPUTS.filter((e) => e.text.length <= 20_000);

describe('whoowns ask', () => {
  it.each(small.map((e) => [e.name, e] as const))('%s', async (_name, e) => {
    const r = await cli(asArgs(e.text));
    expect([0, 2], r.stderr).toContain(r.code);
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(/Internal error|内部错误|at .+\.ts:\d+/);
    expect(out.length).toBeLessThan(4000);
    expect(liveMentions(out)).toEqual([]);
    if (r.code === 2) expect(r.stderr).toMatch(/^(Error|错误): .*(question|问题)/);
  });

  it('a 3 MB argument is refused as too long', async () => {
    const r = await cli(asArgs('A'.repeat(3 * 1024 * 1024)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/too long/);
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe('whoowns ask --json over stdin', () => {
  it('answers every corpus line in order, one JSON object each, errors as objects', async () => {
    // Lines cannot hold newlines; the corpus entries that have them are split like a terminal would.
    const lines = small.flatMap((e) => e.text.split(/\r?\n/)).filter((l) => l.trim());
    const r = await cli(['ask', '--json'], { stdin: lines });
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(lines.length);
    for (const [i, raw] of out.entries()) {
      const o = JSON.parse(raw) as { question: string; matched: boolean; owner: string | null; error?: { code: string } };
      expect(typeof o.matched, lines[i]).toBe('boolean');
      if (o.error) expect(o.error.code).toMatch(/^QUESTION_/);
      expect(o.question.length).toBeLessThanOrEqual(2000);
    }
    expect([0, 2]).toContain(r.code);
  });
});
