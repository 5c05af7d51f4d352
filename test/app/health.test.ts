import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { startFakeGateway } from '../adapters/dingtalk/fake-gateway.js';
import { startFakeSlack } from '../adapters/slack/fake-slack.js';
import { SECRET } from '../adapters/slack/slack-requests.js';

// Deployments probe /healthz and /readyz whichever chat platform is configured.

const cleanup: (() => Promise<void>)[] = [];

beforeEach(() => {
  // dingtalk-stream prints "connect success" and friends with console.* whatever `debug` says.
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
  vi.restoreAllMocks();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    HOME: '/nonexistent',
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DEMO: 'true',
    WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-health-')),
    ...extra,
  };
}

async function get(app: App, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${app.port()}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('health probes', () => {
  it('serves /healthz and /readyz for a DingTalk-only bot, and stops serving on stop()', async () => {
    const gateway = await startFakeGateway();
    cleanup.push(() => gateway.close());
    const app = await startApp(loadConfig(env({ DINGTALK_CLIENT_ID: 'ding-app-key', DINGTALK_CLIENT_SECRET: 'ding-app-secret' })), silentLogger(), {
      dingtalk: { endpointOverride: gateway.openUrl },
    });
    let stopped = false;
    cleanup.push(async () => void (stopped || (await app.stop())));
    const port = app.port();
    expect(port).toBeGreaterThan(0);
    expect(await get(app, '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect(await get(app, '/readyz')).toEqual({ status: 200, body: 'ready' });
    expect((await get(app, '/slack/events')).status).toBe(404);

    await app.stop();
    stopped = true;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('uses the Slack HTTP server when Slack is configured (one port for events and probes)', async () => {
    const fake = await startFakeSlack();
    cleanup.push(() => fake.close());
    const app = await startApp(loadConfig(env({ SLACK_BOT_TOKEN: 'xoxb-health', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl })), silentLogger());
    cleanup.push(() => app.stop());
    expect(app.port()).toBe(app.slack!.port());
    expect(await get(app, '/healthz')).toEqual({ status: 200, body: 'ok' });
    expect(await get(app, '/readyz')).toEqual({ status: 200, body: 'ready' });
  });

  it('binds nothing when no chat platform is configured (the console runs instead)', async () => {
    const app = await startApp(loadConfig(env({})), silentLogger());
    cleanup.push(() => app.stop());
    expect(app.hasChat).toBe(false);
    expect(app.port()).toBeUndefined();
  });
});
