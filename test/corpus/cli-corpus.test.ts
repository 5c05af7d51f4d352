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
      if (!o.error) expect(typeof o.matched, lines[i]).toBe('boolean');
      if (o.error) expect(o.error.code).toMatch(/^QUESTION_/);
      expect(o.question.length).toBeLessThanOrEqual(2000);
    }
    expect([0, 2]).toContain(r.code);
  });
});

// Odd values for every enumerated or numeric option: each is refused with exit 2 and a short,
// printable message; the value is echoed cut short and with control characters escaped.
describe('option values', () => {
  const VALUES = ['', ' ', 'A'.repeat(100_000), '\u001b[31mred\u001b]0;title\u0007', 'ram\u0000', 'Ｒａｍ', '安全', '-1', '1e3', '__proto__', 'constructor'];
  const OPTIONS: string[][] = [
    ['scan', '--demo', '--service'],
    ['scan', '--demo', '--severity'],
    ['scan', '--demo', '--format'],
    ['scan', '--demo', '--fail-on'],
    ['inventory', '--demo', '--format'],
    ['kb', 'list', '--kind'],
    ['kb', 'list', '--owner'],
    ['checks', '--service'],
    ['policy', '--lang'],
    ['emulator', '--port'],
    ['scan', '--demo', '--check'],
    ['kb', 'show'],
  ];
  const cases = OPTIONS.flatMap((o) => VALUES.map((v) => [`${o.join(' ')} ${JSON.stringify(v.slice(0, 20))}`, [...o, v]] as const));

  it.each(cases)('%s', async (_name, argv) => {
    const r = await cli([...argv], { env: { HOME: '/nonexistent', LANG: 'en_US.UTF-8' } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/Internal error|at .+\.ts:\d+/);
    expect(r.stderr.length).toBeLessThan(400);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});
