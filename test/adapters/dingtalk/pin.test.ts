import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// StreamClient (src/adapters/dingtalk/stream-client.ts) reaches into DWClient's private fields
// (dw_url, socket, config.subscriptions) and overrides _connect(); the public API has no way to
// set the gateway URL or see the socket. Those internals can change in any release, so the
// version the fixes were verified against is pinned exactly, in package.json and the lock.

const VERIFIED = '2.1.5';
const root = new URL('../../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

describe('dingtalk-stream', () => {
  it(`is pinned to exactly ${VERIFIED}, the version StreamClient was verified against`, () => {
    expect(json('package.json').dependencies['dingtalk-stream']).toBe(VERIFIED);
    const lock = json('package-lock.json');
    expect(lock.packages[''].dependencies['dingtalk-stream']).toBe(VERIFIED);
    expect(lock.packages['node_modules/dingtalk-stream'].version).toBe(VERIFIED);
  });

  it('is installed at that version', () => {
    const pkg = createRequire(import.meta.url)('dingtalk-stream/package.json') as { version: string };
    expect(pkg.version.replace(/^v/, '')).toBe(VERIFIED);
  });
});
