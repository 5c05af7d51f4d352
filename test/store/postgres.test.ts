import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { WhoownsError } from '../../src/core/errors.js';
import { createRedactor, redactPatterns } from '../../src/core/redact.js';
import { describeUrl, openPostgres } from '../../src/store/postgres.js';

// WHOOWNS_DATABASE_URL is a secret: read by the config like the rest, never shown whole.

const URL = 'postgres://bot:S3cret%2Fpw0rd@127.0.0.1:1/whoowns';

describe('WHOOWNS_DATABASE_URL', () => {
  it('is read by the config, and its password becomes a secret to redact', () => {
    const c = loadConfig({ HOME: '/home/x', WHOOWNS_DATABASE_URL: URL });
    expect(c.databaseUrl).toBe(URL);
    const r = createRedactor(c.secrets);
    expect(r.redact(`connecting with S3cret/pw0rd to ${URL}`)).not.toMatch(/S3cret/);
    expect(loadConfig({ HOME: '/home/x' }).databaseUrl).toBeUndefined();
  });

  it('must be a PostgreSQL URL; the refusal never quotes the value', () => {
    try {
      loadConfig({ HOME: '/home/x', WHOOWNS_DATABASE_URL: 'mysql://bot:hunter2hunter2@db/x' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(WhoownsError);
      expect((e as WhoownsError).messages.en).toContain('WHOOWNS_DATABASE_URL');
      expect((e as WhoownsError).messages.en).not.toContain('hunter2');
    }
  });

  it('a password in any postgres URL is redacted by pattern, even when not known', () => {
    expect(redactPatterns('failed: postgresql://u:pa55word@db:5432/x')).toBe('failed: postgresql://u:[redacted]@db:5432/x');
    expect(describeUrl(URL)).toBe('postgres://bot@127.0.0.1:1/whoowns');
  });

  it('a server that cannot be reached: DB_UNAVAILABLE naming host and database, never the password', async () => {
    const err = (await openPostgres({ url: URL }).catch((e: unknown) => e)) as WhoownsError;
    expect(err).toBeInstanceOf(WhoownsError);
    expect(err.code).toBe('DB_UNAVAILABLE');
    for (const text of [err.messages.en, err.messages.zh]) {
      expect(text).toContain('postgres://bot@127.0.0.1:1/whoowns');
      expect(text).toContain('WHOOWNS_DATABASE_URL');
      expect(text).not.toMatch(/S3cret/);
    }
  });
});
