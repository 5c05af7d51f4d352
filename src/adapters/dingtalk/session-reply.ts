import type { Reply } from '../../chat/message.js';
import type { Locale } from '../../chat/types.js';
import type { Logger } from '../../core/logger.js';
import { excerpt, postJson, type FetchLike } from './http.js';
import { hasActions, toActionCard, toDingTalkMarkdown } from './render.js';

// Replies go to the message's sessionWebhook: a short-lived URL that is itself the credential.
// It is never logged (the logger also redacts `sessionWebhook` fields).

export interface SessionTarget {
  sessionWebhook: string;
  /** Epoch ms after which DingTalk refuses the webhook. */
  expiresAt?: number;
  group: boolean;
  /** The asker, @-mentioned in groups. */
  staffId?: string;
  locale: Locale;
}

const GROUP_BUTTON_HINT = {
  zh: '在群里点按钮只会把命令发到群里,我收不到;请 @ 我并发送同样的文字。',
  en: 'In a group a button only posts the command and I do not see it; mention me with the same words instead.',
};

/**
 * The JSON DingTalk expects. Ephemeral replies: a session webhook can only post to the
 * conversation the message came from, and DingTalk groups have no asker-only messages, so an
 * ephemeral reply is posted in the group like any other, @-mentioning the asker. Commands keep
 * sensitive results out of groups themselves (see chat/access.ts).
 */
export function webhookBody(reply: Reply, target: Pick<SessionTarget, 'group' | 'staffId' | 'locale'>): Record<string, unknown> {
  const mention = target.group && target.staffId ? target.staffId : undefined;
  const at = mention ? { at: { atUserIds: [mention], isAtAll: false } } : {};
  if (hasActions(reply)) {
    // Group robots only hear messages that @-mention them, and a dtmd:// button cannot.
    const withHint: Reply = target.group ? { ...reply, blocks: [...reply.blocks, { type: 'context', text: GROUP_BUTTON_HINT[target.locale] }] } : reply;
    return { msgtype: 'actionCard', actionCard: toActionCard(withHint, { mentionStaffId: mention }), ...at };
  }
  return { msgtype: 'markdown', markdown: toDingTalkMarkdown(reply, { mentionStaffId: mention }), ...at };
}

/** Post a reply; failures are logged, not thrown: there is nobody else to tell. */
export async function postSessionReply(
  reply: Reply,
  target: SessionTarget,
  deps: { fetch: FetchLike; now: () => number; log: Logger },
): Promise<boolean> {
  if (target.expiresAt !== undefined && target.expiresAt <= deps.now()) {
    deps.log.warn({ reason: 'session webhook expired' }, 'reply dropped');
    return false;
  }
  const r = await postJson(deps.fetch, target.sessionWebhook, webhookBody(reply, target));
  const errcode = r.body.errcode;
  if (!r.reached || r.status !== 200 || (errcode !== undefined && errcode !== 0)) {
    deps.log.warn(
      { reason: 'session webhook refused', status: r.status, failure: r.failure, errcode: excerpt(errcode), errmsg: excerpt(r.body.errmsg) },
      'reply not delivered',
    );
    return false;
  }
  return true;
}
