import type { App } from '@slack/bolt';
import { buildContext, localeOf, slackThread } from '../context.js';
import { replyInThread } from '../delivery.js';
import { runSafely } from '../safe-run.js';
import { ignored, missingFields } from './required.js';
import type { ListenerDeps } from './deps.js';

// @mentions in channels and direct messages. Both are plain questions to the dispatcher, which
// also recognises "posture …" or "help" as the first word. Replies go to the thread of the
// message that asked, so a busy channel is not flooded.

/** Slack redelivers events it thinks were not acknowledged; answer each event id once. */
function seenOnce(max = 1000): (id: string | undefined) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (!id) return false;
    if (seen.has(id)) return true;
    seen.add(id);
    if (seen.size > max) seen.delete(seen.values().next().value!);
    return false;
  };
}

/** Remove the bot's own mention (<@U123> or <@U123|name>); other people's mentions stay as text. */
export function stripBotMention(text: string, botUserId?: string): string {
  const pattern = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(pattern, ' ').replace(/\s+/g, ' ').trim();
}

export function registerEvents(app: App, deps: ListenerDeps): void {
  const duplicate = seenOnce();

  app.event('app_mention', async ({ event, body, client, context }) => {
    // DMs are answered by the message.im listener; never answer one message twice.
    if (event.bot_id) return;
    const missing = missingFields({ user: event.user, channel: event.channel, text: event.text }, ['text']);
    if (missing.length) return ignored(deps.log, 'app_mention', missing);
    if (event.channel.startsWith('D') || duplicate(body.event_id)) return;
    const text = stripBotMention(event.text, context.botUserId);
    const locale = localeOf(text, deps.defaultLocale);
    const user = event.user!;
    const threadTs = event.thread_ts ?? event.ts;
    const ctx = buildContext(deps.log, {
      userId: user,
      channelId: event.channel,
      command: 'ask',
      locale,
      // A mention at the top level starts a thread (the reply goes there): its ts is the thread.
      thread: slackThread(teamOf(body), event.channel, threadTs),
      reply: (log) =>
        replyInThread(client, { channel: event.channel, user, threadTs, direct: false }, locale, log),
    });
    await runSafely(deps.dispatch, { command: 'ask', text }, ctx);
  });

  app.event('message', async ({ event, body, client, context }) => {
    // Only fresh human messages in a DM: no edits, joins, bot posts (our own included).
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    if (typeof event.channel !== 'string' || !event.channel) return ignored(deps.log, 'message.im', ['channel']);
    if (duplicate(body.event_id)) return;
    const text = stripBotMention(event.text ?? '', context.botUserId);
    const locale = localeOf(text, deps.defaultLocale);
    const ctx = buildContext(deps.log, {
      userId: event.user,
      channelId: event.channel,
      channelType: 'im',
      command: 'ask',
      locale,
      // A DM is one conversation, unless the person replies in a thread inside it.
      thread: slackThread(teamOf(body), event.channel, event.thread_ts),
      // Replies marked ephemeral (posture, errors) stay ephemeral even here: one rule everywhere.
      reply: (log) => replyInThread(client, { channel: event.channel, user: event.user, threadTs: event.thread_ts, direct: false }, locale, log),
    });
    await runSafely(deps.dispatch, { command: 'ask', text }, ctx);
  });
}

function teamOf(body: unknown): string | undefined {
  const team = (body as { team_id?: unknown } | null)?.team_id;
  return typeof team === 'string' ? team : undefined;
}
