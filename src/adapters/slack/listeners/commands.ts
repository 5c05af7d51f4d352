import type { App } from '@slack/bolt';
import { buildContext, localeOf, slackThread } from '../context.js';
import { replyViaRespond } from '../delivery.js';
import { runSafely } from '../safe-run.js';
import { ignored, missingFields } from './required.js';
import type { ListenerDeps } from './deps.js';

// /whoowns, /posture, /digest. Ack first (Slack gives 3 s), then do the work and answer through
// response_url. "/whoowns <text>" is sent as command 'whoowns': the dispatcher reads it as a
// question or, when the first word names a command, as that command.

export const SLASH_COMMANDS = ['whoowns', 'posture', 'digest'] as const;

export function registerCommands(app: App, deps: ListenerDeps): void {
  for (const name of SLASH_COMMANDS) {
    app.command(`/${name}`, async ({ command, ack, respond }) => {
      await ack();
      const missing = missingFields({ user_id: command.user_id, channel_id: command.channel_id, response_url: command.response_url, text: command.text }, ['text']);
      if (missing.length) return ignored(deps.log, `/${name}`, missing);
      const text = command.text.trim();
      const locale = localeOf(text, deps.defaultLocale);
      const ctx = buildContext(deps.log, {
        userId: command.user_id,
        userName: command.user_name,
        channelId: command.channel_id,
        command: name,
        locale,
        // A slash command has no thread: the asker's own last question in that channel is one.
        thread: slackThread(command.team_id, command.channel_id, `slash:${command.user_id}`),
        reply: (log) => replyViaRespond(respond, locale, log, deps.retry),
      });
      await runSafely(deps.dispatch, { command: name, text }, ctx);
    });
  }
}
