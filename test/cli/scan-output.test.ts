import { describe, expect, it } from 'vitest';
import { bufferedOut } from '../../src/cli/scan.js';
import { createRedactor } from '../../src/core/redact.js';

// The CLI writes a report in batches of renderer pieces; each batch passes the redactor on its
// own. Redacting batch by batch must take out what redacting the whole text would.

describe('scan output batches', () => {
  const secret = 'Sup3rS3cretValue0123456789';
  const r = createRedactor([secret]);
  const pieces = Array.from({ length: 5000 }, (_, i) => `${i === 0 ? '' : '\n'}    {"n":${i},"name":"web-${secret}-${i}","token":"xoxb-1234-abcdEFGH"}`);

  it('joins to the whole report, in batches of about the asked size, every secret redacted', () => {
    const calls: string[] = [];
    const out = bufferedOut((t) => calls.push(r.redact(t)), 4096);
    for (const p of pieces) out.write(p);
    out.flush();
    expect(calls.join('')).toBe(r.redact(pieces.join('')));
    expect(calls.join('')).not.toContain(secret);
    expect(calls.join('')).not.toContain('xoxb-1234');
    expect(calls.length).toBeGreaterThan(50);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThan(4096 + 200);
  });

  it('writes nothing for nothing', () => {
    const calls: string[] = [];
    bufferedOut((t) => calls.push(t)).flush();
    expect(calls).toEqual([]);
  });
});
