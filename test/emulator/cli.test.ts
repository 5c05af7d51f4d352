import { expect, test } from 'vitest';
import { runEmulatorCommand } from '../../src/emulator/cli.js';

test('runEmulatorCommand serves the scenario, prints how to connect, and stops when aborted', async () => {
  const lines: string[] = [];
  const abort = new AbortController();
  let url = '';
  const done = runEmulatorCommand({
    scenario: 'demo',
    port: 0,
    signal: abort.signal,
    log: (line) => {
      lines.push(line);
      url ||= /listening on (http:\/\/\S+)/.exec(line)?.[1] ?? '';
    },
  });
  await expect.poll(() => url).not.toBe('');
  const res = await fetch(url, { method: 'POST' });
  expect(res.status).toBe(400); // unsigned, but answered
  abort.abort();
  await done;
  const text = lines.join('\n');
  expect(text).toMatch(/scenario "demo" \(2 regions, 7 instances, 6 RAM users\)/);
  expect(text).toContain('AccessKey id:     LTAI5tEmulatorTestKey');
  expect(text).toMatch(/Emulator stopped after 1 API calls/);
  await expect(fetch(url)).rejects.toThrow();
});

test('an unknown scenario fails before anything listens', async () => {
  await expect(runEmulatorCommand({ scenario: 'no-such-scenario', port: 0, log: () => {} })).rejects.toMatchObject({ code: 'SCENARIO_INVALID' });
});
