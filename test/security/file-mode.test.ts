import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { isWhoownsError, type WhoownsError } from '../../src/core/errors.js';
import { assertNotWorldReadable } from '../../src/security/file-mode.js';
import { cli } from '../cli/helpers.js';

// The config file can hold webhook tokens and ExternalIds: one every local user can read is refused.

function configFile(mode: number, name = 'whoowns.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'whoowns-mode-'));
  const path = join(dir, name);
  writeFileSync(path, 'regions: [cn-hangzhou]\n');
  chmodSync(path, mode);
  return path;
}

function thrown(fn: () => unknown): WhoownsError {
  try {
    fn();
  } catch (e) {
    if (isWhoownsError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
}

const env = (path: string) => ({ HOME: '/nonexistent', WHOOWNS_CONFIG: path });

describe.skipIf(process.platform === 'win32')('config file permissions', () => {
  it('refuses a world-readable config file, saying exactly how to fix it, in both languages', () => {
    const path = configFile(0o644);
    const e = thrown(() => loadConfig(env(path)));
    expect(e.code).toBe('CONFIG_FILE');
    expect(e.messages.en).toContain(`chmod 600 ${path}`);
    expect(e.messages.en).toMatch(/readable by every user \(mode 644\)/);
    expect(e.messages.zh).toContain(`chmod 600 ${path}`);
  });

  it('accepts 600 and 640 (owner, or owner and group)', () => {
    expect(loadConfig(env(configFile(0o600))).cloud.regions).toEqual(['cn-hangzhou']);
    expect(loadConfig(env(configFile(0o640))).cloud.regions).toEqual(['cn-hangzhou']);
  });

  it('quotes a path the shell would split', () => {
    const path = configFile(0o604, 'my config.yaml');
    expect(thrown(() => loadConfig(env(path))).messages.en).toContain(`chmod 600 '${path}'`);
  });

  it('leaves a missing file to the reader, which names it', () => {
    expect(() => assertNotWorldReadable('/nonexistent/whoowns.yaml')).not.toThrow();
    expect(thrown(() => loadConfig(env('/nonexistent/whoowns.yaml'))).messages.en).toMatch(/Cannot read \/nonexistent\/whoowns.yaml/);
  });

  it('checks nothing on Windows, which has no mode bits', () => {
    expect(() => assertNotWorldReadable('C:\\x.yaml', () => ({ mode: 0o100666 }), 'win32')).not.toThrow();
    expect(() => assertNotWorldReadable('/x.yaml', () => ({ mode: 0o100666 }), 'linux')).toThrow(/chmod 600 \/x.yaml/);
  });

  it('the CLI exits 2 with the fix on stderr', async () => {
    const path = configFile(0o644);
    const r = await cli(['scan', '--demo'], { env: { ...env(path), LANG: 'en_US.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`chmod 600 ${path}`);
  });
});
