import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';
import { ignored } from './listeners/required.js';

// The door in front of Bolt, for both receivers: they hand every verified request to
// app.processEvent. Two kinds are acknowledged and dropped here, before Bolt touches them:
// - requests that arrive before the bot knows who it is on Slack (auth.test not answered yet);
//   Bolt would fail them one by one with a confusing authorisation error;
// - interactive payloads without the user or team Slack always sends: Bolt reads them before
//   any middleware and answers a TypeError with HTTP 500.

const INTERACTIVE = new Set(['block_actions', 'block_suggestion', 'interactive_message', 'message_action', 'shortcut', 'view_submission', 'view_closed']);

/** Names of the identity fields an interactive payload lacks (none for other payloads). */
export function missingIdentity(body: Record<string, unknown>): string[] {
  if (typeof body.type !== 'string' || !INTERACTIVE.has(body.type)) return [];
  const user = body.user as { id?: unknown; team_id?: unknown } | null | undefined;
  const team = body.team as { id?: unknown } | null | undefined;
  const missing: string[] = [];
  if (typeof user?.id !== 'string' || !user.id) missing.push('user');
  // Org-wide installs send team: null and the team on the user instead.
  if (typeof team?.id !== 'string' && typeof user?.team_id !== 'string') missing.push('team');
  return missing;
}

export function guardIntake(app: App, log: Logger, isConnected: () => boolean): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    if (!isConnected()) {
      log.warn('slack request dropped: not connected to the Slack Web API yet');
      await event.ack();
      return;
    }
    const body = (event.body ?? {}) as Record<string, unknown>;
    const missing = missingIdentity(body);
    if (missing.length) {
      ignored(log, String(body.type), missing);
      await event.ack();
      return;
    }
    await processEvent(event);
  };
}
