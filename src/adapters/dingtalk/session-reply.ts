import type { Reply } from '../../chat/message.js';
import type { Locale } from '../../chat/types.js';
import type { Logger } from '../../core/logger.js';
import { excerpt, postJson, type FetchLike } from './http.js';
import { hasActions, toActionCard, toDingTalkMarkdown } from './render.js';

// Replies go to the message's sessionWebhook: a short-lived URL that is itself the credential.
// It is never logged (the logger also redacts `sessionWebhook` fields). The URL comes from the
// frame, so it is checked before anything is sent: only DingTalk's own hosts over https, or the
// configured API base (DINGTALK_API_URL). Anything else would make the bot post wherever a frame
// says — an internal service, the instance metadata address — so it is refused by host.

/** The hosts DingTalk hands out session webhooks on. */
export const SESSION_WEBHOOK_HOSTS: readonly string[] = ['oapi.dingtalk.com', 'api.dingtalk.com'];

export type WebhookCheck = { ok: true } | { ok: false; host: string };

/** Whether a reply may be posted to `url`; a refusal names only the host (safe to log). */
export function checkSessionWebhook(url: string, apiBaseUrl?: string): WebhookCheck {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, host: '(not a URL)' };
  }
  const refused = { ok: false as const, host: u.host };
  if (u.username || u.password) return refused;
  if (apiBaseUrl && u.origin === new URL(apiBaseUrl).origin) return { ok: true };
  // u.port is '' for the scheme's default port, so "https + no port" is exactly port 443.
  if (u.protocol !== 'https:' || u.port !== '' || !SESSION_WEBHOOK_HOSTS.includes(u.hostname)) return refused;
  return { ok: true };
}

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
  deps: { fetch: FetchLike; now: () => number; log: Logger; apiBaseUrl?: string },
): Promise<boolean> {
  const allowed = checkSessionWebhook(target.sessionWebhook, deps.apiBaseUrl);
  if (!allowed.ok) {
    deps.log.warn({ reason: 'session webhook host not allowed', host: allowed.host }, 'reply dropped');
    return false;
  }
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
