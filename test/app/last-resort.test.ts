import { describe, expect, it } from 'vitest';
import { describeFatal } from '../../src/core/last-resort.js';
import { createRedactor } from '../../src/core/redact.js';

// What the last-resort handler writes: Node's level of detail, with every known secret out of it
// (including ones no pattern recognises, inside nested properties as Node prints them).

describe('describeFatal', () => {
  const secret = 'plainSecretValue42';
  const redactor = createRedactor([secret]);

  it('keeps the detail and takes out known secret values, also nested and JSON-escaped', () => {
    const err = Object.assign(new Error(`request failed for key ${secret}`), { data: { seen: `Basic ${secret}`, nested: { deeper: [secret] } } });
    const text = describeFatal('uncaughtException', err, redactor);
    expect(text).toContain('whoowns stopped on an uncaught error');
    expect(text).toContain('whoowns 因未处理的错误而停止');
    expect(text).toContain('request failed for key [redacted]');
    expect(text).toContain('seen:');
    expect(text).not.toContain(secret);
  });

  it('redacts a secret with a newline however inspect prints it', () => {
    const withNewline = 'line-one-secret\nline-two-secret';
    const r = createRedactor([withNewline]);
    const text = describeFatal('unhandledRejection', { reason: withNewline, message: `oops ${withNewline}` }, r);
    expect(text).toContain('unhandled promise rejection');
    expect(text).not.toContain('line-two-secret');
  });

  it('redacts a Slack token by its shape even when it was never configured', () => {
    const text = describeFatal('unhandledRejection', new Error('Bearer xoxb-9999-8888-unknownToken'), createRedactor());
    expect(text).not.toContain('unknownToken');
  });
});
