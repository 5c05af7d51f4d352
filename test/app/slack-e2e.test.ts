import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, JSON_TYPE, SECRET, eventCallback, post, slashCommand } from '../adapters/slack/slack-requests.js';

// The whole bot as deployed: config from the environment, the real Bolt app over HTTP with
// signed requests, the real commands, and posture from the demo account on the emulator.

const BOT_TOKEN = 'xoxb-e2e-secret-token';
let fake: FakeSlack;
let app: App;
let events: string;
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({
    HOME: '/nonexistent',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DEMO: 'true',
    WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-e2e-')),
    WHOOWNS_POSTURE_USERS: 'U_SEC',
    WHOOWNS_POSTURE_CHANNELS: 'C_SEC',
  });
  app = await startApp(config, createLogger({ level: 'debug', destination: { write: (l: string) => void logs.push(l) } }));
  events = `http://127.0.0.1:${app.slack!.port()}/slack/events`;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

async function slash(command: string, text: string, user = 'U_SEC', channel = 'C_SEC') {
  const id = `r${Math.random().toString(36).slice(2)}`;
  const res = await post(events, slashCommand({ command, text, response_url: fake.respondUrl(id), user_id: user, channel_id: channel }), FORM);
  expect(res.status).toBe(200);
  expect(res.ms).toBeLessThan(3000);
  // A first posture scan posts "Scanning…" first; the answer is the last thing posted.
  const answer = await fake.waitFor(() => fake.responses.find((r) => r.id === id && !/Scanning the account/.test(JSON.stringify(r.body))), 15_000);
  return { body: answer.body as { response_type: string; text: string; blocks: unknown[] }, json: JSON.stringify(answer.body) };
}

describe('whoowns on Slack, end to end', () => {
  it('answers /whoowns in the asker language', async () => {
    const { json } = await slash('/whoowns', '谁负责ECS操作系统补丁?', 'U_ANYONE', 'C_RANDOM');
    expect(json).toMatch(/负责方:您/);
  });

  it('answers /posture with demo data, labelled, from the live emulator', async () => {
    const { body, json } = await slash('/posture', '');
    expect(body.response_type).toBe('in_channel');
    expect(json).toMatch(/DEMO DATA/);
    expect(json).toMatch(/open finding/);
    expect(json).toMatch(/sg-t4nall000001/);
  });

  it('keeps posture away from people who are not allowed, ephemerally', async () => {
    const { body } = await slash('/posture', 'sg', 'U_ANYONE');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/only for authorised people/);
  });

  it('validates ids before any cloud call', async () => {
    const { body } = await slash('/posture', 'sg $(reboot)');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/not a valid security group id/);
  });

  it('refreshes one security group without rescanning the account', async () => {
    await slash('/posture', '');
    const { json } = await slash('/posture', 'refresh sg-bp1web000001');
    expect(json).toMatch(/Security group findings \(refreshed\) sg-bp1web000001/);
    expect(json).toMatch(/TCP 22/);
  });

  it('reads a follow-up in a thread in the sense of the earlier question (the app wires the memory)', async () => {
    const mention = async (text: string, ts: string, thread?: string) => {
      const before = fake.callsTo('chat.postMessage').length;
      const event = { type: 'app_mention', user: 'U_ANYONE', text: `<@UBOT> ${text}`, ts, channel: 'C_RANDOM', event_ts: ts, ...(thread ? { thread_ts: thread } : {}) };
      expect((await post(events, eventCallback(event), JSON_TYPE)).status).toBe(200);
      const call = await fake.waitFor(() => fake.callsTo('chat.postMessage')[before], 15_000);
      return /\(([a-z0-9.-]+)\)/.exec(JSON.stringify((call.body.blocks as { type: string }[]).filter((b) => b.type === 'context')))?.[1];
    };
    const sense = await mention('Who is responsible for encrypting data?', '1700000500.000100');
    expect(sense).toBeDefined();
    expect(await mention('and for disks?', '1700000501.000100', '1700000500.000100')).toBe(sense);
    expect(await mention('and for disks?', '1700000502.000100')).not.toBe(sense);
  });

  it('never writes the bot token or signing secret to the log', () => {
    const all = logs.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SECRET);
  });
});
