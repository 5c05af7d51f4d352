import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Least privilege: the manifest asks for exactly the bot scopes some code path needs.

interface Manifest {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const manifest = parse(readFileSync(new URL('../../../deploy/slack-app-manifest.yaml', import.meta.url), 'utf8')) as Manifest;
const scopes = manifest.oauth_config.scopes.bot;

/** Each scope and what uses it. Adding a scope means adding the code that needs it here. */
const USED_BY: Record<string, string> = {
  'app_mentions:read': 'app_mention events (listeners/events.ts)',
  'chat:write': 'chat.postMessage / chat.postEphemeral (delivery.ts, digests)',
  commands: '/whoowns /posture /digest (listeners/commands.ts)',
  'im:history': 'message.im events: DMs sent to the bot (listeners/events.ts)',
  'files:write': 'files.uploadV2 for the digest chart (index.ts)',
  'channels:history': 'conversations.history: digest exactly-once look-up in public channels',
  'groups:history': 'conversations.history: digest exactly-once look-up in private channels',
  'usergroups:read': 'usergroups.users.list: /posture mine by Slack user group (adapters/slack/usergroups.ts)',
};

describe('Slack app manifest', () => {
  it('asks only for scopes the code uses', () => {
    for (const scope of scopes) expect(USED_BY[scope], `${scope} is not used by any code`).toBeDefined();
    expect(scopes).not.toContain('im:read');
    expect(scopes).not.toContain('im:write');
  });

  it('keeps every scope the code needs', () => {
    for (const needed of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'files:write']) expect(scopes).toContain(needed);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_mention', 'message.im']));
  });
});
