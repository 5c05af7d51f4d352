import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import type { ChatContext } from '../../../src/chat/types.js';
import { silentLogger } from '../../../src/core/logger.js';
import { isWhoownsError } from '../../../src/core/errors.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { FORM, SECRET, post, slashCommand } from './slack-requests.js';

// /posture mine's Slack side: the real Bolt app resolves the asker's user groups with
// usergroups.users.list (fake Slack), cached, and hands the command a neutral inGroups().

let fake: FakeSlack;
let seen: ChatContext[] = [];
let adapter: ReturnType<typeof createSlackAdapter>;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.usergroups = { S0WEB: ['U_WEB', 'U_BOTH'], S0DATA: ['U_BOTH'] };
  adapter = createSlackAdapter({
    botToken: 'xoxb-groups',
    signingSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    botId: 'BBOT',
    botUserId: 'UBOT',
    log: silentLogger(),
    retry: { retries: 0, minTimeoutMs: 10, maxTimeoutMs: 10 },
    dispatch: async (_req, ctx) => {
      seen.push(ctx);
    },
  });
  await adapter.start();
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

async function contextFor(user: string): Promise<ChatContext> {
  seen = [];
  const res = await post(`http://127.0.0.1:${adapter.port()}/slack/events`, slashCommand({ command: '/posture', text: 'mine', user_id: user, response_url: fake.respondUrl(`${user}-${Math.random().toString(36).slice(2)}`) }), FORM);
  expect(res.status).toBe(200);
  return fake.waitFor(() => seen[0]);
}

describe('Slack user groups for /posture mine', () => {
  it('answers which of the asked groups the user is in, one usergroups.users.list per group within the TTL', async () => {
    const both = await contextFor('U_BOTH');
    expect(await both.user.inGroups!(['S0WEB', 'S0DATA'])).toEqual(['S0WEB', 'S0DATA']);
    const web = await contextFor('U_WEB');
    expect(await web.user.inGroups!(['S0WEB', 'S0DATA'])).toEqual(['S0WEB']);
    expect(fake.callsTo('usergroups.users.list').map((c) => c.body.usergroup)).toEqual(['S0WEB', 'S0DATA']);
  });

  it('a refused look-up is a bilingual error that names the missing scope', async () => {
    fake.fail('usergroups.users.list', 1, { kind: 'slack-error', error: 'missing_scope', needed: 'usergroups:read' });
    const ctx = await contextFor('U_WEB');
    const err = await ctx.user.inGroups!(['S0NEW']).catch((e: unknown) => e);
    expect(isWhoownsError(err) && err.messages.en).toMatch(/usergroups:read/);
    expect(isWhoownsError(err) && err.messages.zh).toMatch(/usergroups:read/);
  });
});
