import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plainText, splitMrkdwn, toMrkdwn, truncateMrkdwn } from '../../../src/adapters/slack/mrkdwn.js';

const RAW_MENTION = /<[!@#]|@(here|channel|everyone)\b/i;

describe('toMrkdwn', () => {
  it('converts bold, links and keeps code', () => {
    expect(toMrkdwn('**SSH** is open, see [docs](https://help.aliyun.com/a?b=1&c=2) and `sg-1`')).toBe(
      '*SSH* is open, see <https://help.aliyun.com/a?b=1&amp;c=2|docs> and `sg-1`',
    );
  });

  it('escapes the control characters', () => {
    expect(toMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('leaves non-web links as text', () => {
    expect(toMrkdwn('[x](javascript:alert(1))')).not.toContain('<javascript');
  });

  it('defuses mention injection', () => {
    const out = toMrkdwn('<!channel> @here <@U123> <!subteam^S1> `<!everyone>` @Channel');
    expect(out).not.toMatch(RAW_MENTION);
  });

  it('never lets user text produce a mention (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(toMrkdwn(s)).not.toMatch(RAW_MENTION);
        expect(plainText(s)).not.toMatch(RAW_MENTION);
      }),
    );
  });
});

describe('splitMrkdwn', () => {
  it('splits at lines and keeps every piece within the limit', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} ` + 'x'.repeat(30)).join('\n');
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join('\n')).toBe(text);
  });

  it('does not cut inside an entity or a link', () => {
    const text = 'a'.repeat(2997) + '&amp;' + 'b'.repeat(10);
    const [first] = splitMrkdwn(text, 3000);
    expect(first!.endsWith('a')).toBe(true);
    const link = 'a'.repeat(2990) + '<https://x.example/abc|label>';
    expect(splitMrkdwn(link, 3000)[1]).toBe('<https://x.example/abc|label>');
  });

  it('keeps pieces within the limit for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 20, max: 100 }), (s, max) => {
        for (const p of splitMrkdwn(toMrkdwn(s), max)) expect(p.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe('truncateMrkdwn', () => {
  it('adds an ellipsis and respects the limit', () => {
    const out = truncateMrkdwn('x'.repeat(100), 10);
    expect(out).toHaveLength(10);
    expect(out.endsWith('…')).toBe(true);
  });
});
