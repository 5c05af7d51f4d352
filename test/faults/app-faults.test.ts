import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { fakeContext } from '../commands/helpers.js';

// The whole bot (config from the environment, the default credential chain, the real collector,
// checks and commands) against an emulated account that refuses one action and hangs in one
// region: the chat answer says it is incomplete, which calls failed, and what to grant.

let emu: RunningEmulator;
let app: App;
const logs: string[] = [];
const HANGING = 'ap-southeast-1';

beforeAll(async () => {
  emu = await startEmulator({
    scenario: loadScenario('demo'),
    faults: [
      { action: 'DescribeSecurityGroupAttribute', region: 'cn-hangzhou', kind: 'deny' },
      { region: HANGING, kind: 'timeout', ms: 5000 },
    ],
  });
  const url = `http://${emu.endpoint}`;
  // The SDK's default credential chain reads the process environment.
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', DEFAULT_EMULATOR_CREDENTIAL.accessKeyId);
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  const env: NodeJS.ProcessEnv = {
    HOME: '/nonexistent',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
    WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-faults-')),
    ...endpointEnv(url),
  };
  const config = loadConfig(env);
  expect(config.cloud.demo).toBe(false);
  // Production timeouts and retries would make the hanging region take a minute.
  config.cloud.timeouts = { readMs: 300, connectMs: 300 };
  config.cloud.limits = { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 20 } as typeof config.cloud.limits;
  app = await startApp(config, createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(l) } }));
});

afterAll(async () => {
  await app?.stop();
  await emu?.stop();
  vi.unstubAllEnvs();
});

describe('posture in chat when the cloud half answers', () => {
  it('the summary says it is incomplete, names the failed calls and the permission to grant', async () => {
    const { ctx, text } = fakeContext({ platform: 'console' });
    await app.dispatch({ command: 'posture', text: '' }, ctx);
    const out = text();
    expect(out).toMatch(/Incomplete\*\*: \d+ calls? failed, so anything not listed below is unknown, not clean/);
    // One line per cause, counted: the denied groups do not crowd out the hanging region.
    expect(out).toMatch(/DescribeSecurityGroupAttribute in cn-hangzhou was denied \(Forbidden\.RAM\); grant ecs:DescribeSecurityGroupAttribute to the scanning identity and scan again\. \(×\d+\)/);
    expect(out).toMatch(new RegExp(`in ${HANGING} failed \\((Timeout|RegionUnreachable)\\)`));
    expect(out).toMatch(/could not be decided for lack of data/);
  });

  it('a drill-down into the unread area says "unknown", never "nothing found"', async () => {
    const { ctx, text } = fakeContext({ platform: 'console', locale: 'zh' });
    await app.dispatch({ command: 'posture', text: 'sg sg-t4nall000001' }, ctx);
    const out = text();
    expect(out).toMatch(/结果不完整/);
    expect(out).not.toMatch(/^没有发现问题。$/m);
  });

  it('what could be read is still answered: the cn-hangzhou instances', async () => {
    const { ctx, text } = fakeContext({ platform: 'console' });
    await app.dispatch({ command: 'posture', text: 'instances' }, ctx);
    expect(text()).toMatch(/cn-hangzhou|i-bp1/);
  });

  it('logs the gaps without the credential', () => {
    const all = logs.join('\n');
    expect(all).toMatch(/snapshot collected/);
    expect(all).not.toContain(DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  });
});
