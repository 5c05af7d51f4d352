import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { encodeButtonValue } from '../../src/adapters/slack/button-value.js';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../adapters/slack/fake-slack.js';
import { FORM, JSON_TYPE, SECRET, blockAction, eventCallback, post, slashCommand } from '../adapters/slack/slack-requests.js';

// Who sees a posture answer, decided from what Slack says (ids, channel_type), never from a name:
// everyone only in WHOOWNS_POSTURE_CHANNELS; everywhere else only the allowed asker.

let fake: FakeSlack;
let app: App;
let events: string;
let seq = 0;
// The rate limit is per user (burst 10): each test asks as its own allowed user.
const USERS = Array.from({ length: 30 }, (_, i) => `U_SEC${i}`);
let nextUser = 0;
const asker = () => USERS[nextUser++]!;

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({
    HOME: '/nonexistent',
    SLACK_BOT_TOKEN: 'xoxb-visibility',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    WHOOWNS_HOST: '127.0.0.1',
    WHOOWNS_DEMO: 'true',
    WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-visibility-')),
    WHOOWNS_POSTURE_USERS: USERS.join(','),
    WHOOWNS_POSTURE_CHANNELS: 'C_SEC',
  });
  app = await startApp(config, silentLogger());
  events = `http://127.0.0.1:${app.slack!.port()}/slack/events`;
  // Scan once so later answers come in one message.
  await app.posture.current();
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

/** Every response_url post for `id` once the posture answer is there. */
async function answersAt(id: string): Promise<{ response_type: unknown; text: unknown }[]> {
  await fake.waitFor(() => fake.responses.find((r) => r.id === id && /open finding|Security group findings/.test(JSON.stringify(r.body))), 15_000);
  return fake.responses.filter((r) => r.id === id).map((r) => r.body as { response_type: unknown; text: unknown });
}

const PLACES = [
  { what: 'a DM with the bot', channel_id: 'D_BOT', channel_name: 'directmessage', audience: 'ephemeral' },
  { what: 'a DM between two people', channel_id: 'D_PAIR', channel_name: 'directmessage', audience: 'ephemeral' },
  { what: 'a public channel named "directmessage"', channel_id: 'C_FAKE', channel_name: 'directmessage', audience: 'ephemeral' },
  { what: 'a public channel named "im"', channel_id: 'C_IM', channel_name: 'im', audience: 'ephemeral' },
  { what: 'a private channel that is not listed', channel_id: 'G_PRIV', channel_name: 'privategroup', audience: 'ephemeral' },
  { what: 'an unlisted channel', channel_id: 'C_RANDOM', channel_name: 'random', audience: 'ephemeral' },
  { what: 'the listed channel', channel_id: 'C_SEC', channel_name: 'secops', audience: 'in_channel' },
] as const;

describe('posture visibility on Slack', () => {
  for (const place of PLACES) {
    it(`/posture in ${place.what} is ${place.audience}`, async () => {
      const id = `slash${++seq}`;
      const { what: _w, audience: _a, ...where } = place;
      const res = await post(events, slashCommand({ command: '/posture', text: '', response_url: fake.respondUrl(id), user_id: asker(), ...where }), FORM);
      expect(res.status).toBe(200);
      const answers = await answersAt(id);
      expect(answers.map((a) => a.response_type)).toEqual(answers.map(() => place.audience));
    });

    it(`a posture button pressed in ${place.what} is ${place.audience}`, async () => {
      const id = `button${++seq}`;
      const value = encodeButtonValue({ cmd: 'posture sg', lang: 'en' })!;
      const body = blockAction({ action_id: 'whoowns_cmd_0', value }, fake.respondUrl(id), { channel: { id: place.channel_id, name: place.channel_name }, user: asker() });
      expect((await post(events, body, FORM)).status).toBe(200);
      const answers = await answersAt(id);
      expect(answers.map((a) => a.response_type)).toEqual(answers.map(() => place.audience));
    });
  }

  it('a posture button without a response_url answers a DM with chat.postEphemeral, never a post for everyone', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const user = asker();
    const value = encodeButtonValue({ cmd: 'posture sg', lang: 'en' })!;
    await post(events, blockAction({ action_id: 'whoowns_cmd_0', value }, undefined, { channel: { id: 'D_PAIR2', name: 'directmessage' }, user }), FORM);
    const call = await fake.waitFor(() => fake.callsTo('chat.postEphemeral').find((c) => c.body.channel === 'D_PAIR2'));
    expect(call.body.user).toBe(user);
    expect(fake.callsTo('chat.postMessage').slice(before).filter((c) => c.body.channel === 'D_PAIR2')).toHaveLength(0);
  });

  it('"posture" typed in the DM with the bot is answered ephemerally', async () => {
    const user = asker();
    await post(events, eventCallback({ type: 'message', channel: 'D_BOTDM', channel_type: 'im', user, text: 'posture', ts: '1700000000.000777' }), JSON_TYPE);
    const call = await fake.waitFor(() => fake.callsTo('chat.postEphemeral').find((c) => c.body.channel === 'D_BOTDM' && /open finding/.test(JSON.stringify(c.body))), 15_000);
    expect(call.body.user).toBe(user);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'D_BOTDM')).toHaveLength(0);
  });

  it('"@whoowns posture" is ephemeral in an unlisted channel and posted in the listed one', async () => {
    const user = asker();
    await post(events, eventCallback({ type: 'app_mention', user, text: '<@UBOT> posture', ts: '1700000000.000801', channel: 'C_OPEN', event_ts: '1' }), JSON_TYPE);
    await post(events, eventCallback({ type: 'app_mention', user, text: '<@UBOT> posture', ts: '1700000000.000802', channel: 'C_SEC', event_ts: '2' }), JSON_TYPE);
    await fake.waitFor(() => fake.callsTo('chat.postEphemeral').find((c) => c.body.channel === 'C_OPEN'), 15_000);
    await fake.waitFor(() => fake.callsTo('chat.postMessage').find((c) => c.body.channel === 'C_SEC' && /open finding/.test(JSON.stringify(c.body))), 15_000);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C_OPEN')).toHaveLength(0);
  });
});
