import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_ID_PATTERN, decodeButtonValue } from '../button-value.js';
import { buildContext } from '../context.js';
import { replyInThread, replyViaRespond } from '../delivery.js';
import { runSafely } from '../safe-run.js';
import { ignored, missingFields } from './required.js';
import type { ListenerDeps } from './deps.js';

// Drill-down buttons. The value carries the command text as if typed after /whoowns, so the
// dispatcher routes it exactly like a typed command (and applies the same access checks).

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(ACTION_ID_PATTERN, async ({ ack, body, action, respond, client }) => {
    await ack();
    const missing = missingFields({ user: body.user?.id });
    if (missing.length) return ignored(deps.log, 'button', missing);
    const value = decodeButtonValue(action.value);
    if (!value) {
      deps.log.warn({ platform: 'slack', actionId: action.action_id }, 'button with an unreadable value ignored');
      return;
    }
    const channelId = body.channel?.id ?? body.container?.channel_id ?? body.user.id;
    const user = body.user.id;
    const ctx = buildContext(deps.log, {
      userId: user,
      userName: body.user.username ?? body.user.name,
      channelId,
      command: 'button',
      locale: value.lang,
      reply: (log) =>
        body.response_url
          ? replyViaRespond(respond, value.lang, log, deps.retry)
          : // A D… channel may be a DM between two people: an ephemeral reply stays ephemeral.
            replyInThread(client, { channel: channelId, user, direct: false }, value.lang, log),
    });
    await runSafely(deps.dispatch, { command: 'whoowns', text: value.cmd }, ctx);
  });
}
