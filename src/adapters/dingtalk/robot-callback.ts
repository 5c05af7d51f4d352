import type { DWClientDownStream } from 'dingtalk-stream';
import { textReply } from '../../chat/message.js';
import type { ChatContext, Dispatch, Locale } from '../../chat/types.js';
import { toWhoownsError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { detectLanguage } from '../../qa/normalize.js';
import { threadKey } from '../../chat/thread-memory.js';
import type { SeenSet } from './dedupe.js';
import type { FetchLike } from './http.js';
import { parseRobotMessage, stripMentions, toChatRequest } from './parse.js';
import { checkSessionWebhook, postSessionReply } from './session-reply.js';

// One robot callback: ack, check, de-duplicate, build the neutral context, dispatch.
// Resolves in every case; nothing a user sends can make it reject.

export interface RobotCallbackDeps {
  dispatch: Dispatch;
  log: Logger;
  seen: SeenSet;
  /** The database's claim on the msgId (replicas); absent: the in-memory set alone decides. */
  claim?: (msgId: string) => Promise<boolean>;
  fetch: FetchLike;
  now: () => number;
  defaultLocale?: Locale;
  /** The configured DingTalk API base (DINGTALK_API_URL); session webhooks on it are allowed too. */
  apiBaseUrl?: string;
  ack: (messageId: string | undefined) => void;
}

export async function handleRobotCallback(frame: DWClientDownStream, deps: RobotCallbackDeps): Promise<void> {
  // Ack first: the gateway redelivers anything unacked for ~60 s, and a posture scan can be slow.
  deps.ack(frame?.headers?.messageId);
  const parsed = parseRobotMessage(frame?.data);
  if (!parsed.ok) {
    deps.log.warn({ msgId: parsed.msgId, reason: parsed.reason }, 'robot message ignored');
    return;
  }
  const m = parsed.message;
  // Nowhere safe to answer: do not run the command at all.
  const hook = checkSessionWebhook(m.sessionWebhook, deps.apiBaseUrl);
  if (!hook.ok) {
    deps.log.warn({ msgId: m.msgId, reason: 'session webhook host not allowed', host: hook.host }, 'robot message ignored');
    return;
  }
  const userId = m.senderStaffId || m.senderId || '';
  const log = deps.log.child({ user: userId, conversation: m.conversationId, msgId: m.msgId });
  if (!deps.seen.firstTime(m.msgId)) {
    log.info('duplicate delivery ignored');
    return;
  }
  if (deps.claim && !(await claimed(deps.claim, m.msgId, log))) {
    log.info('message already taken by another replica');
    return;
  }
  const text = stripMentions(m.text.content);
  const locale: Locale = text ? detectLanguage(text) : (deps.defaultLocale ?? 'zh');
  const group = m.conversationType !== '1';
  const target = { sessionWebhook: m.sessionWebhook, expiresAt: m.sessionWebhookExpiredTime, group, staffId: m.senderStaffId, locale };
  const ctx: ChatContext = {
    platform: 'dingtalk',
    user: { platform: 'dingtalk', id: userId, name: m.senderNick },
    place: { id: m.conversationId, kind: group ? 'group' : 'direct' },
    locale,
    thread: threadKey({ platform: 'dingtalk', workspace: m.robotCode ?? '', channel: m.conversationId, thread: '' }),
    log,
    reply: async (reply) => {
      await postSessionReply(reply, target, { fetch: deps.fetch, now: deps.now, log, apiBaseUrl: deps.apiBaseUrl });
    },
  };
  const req = toChatRequest(text);
  try {
    log.info({ command: req.command }, 'robot message');
    await deps.dispatch(req, ctx);
  } catch (e) {
    const err = toWhoownsError(e);
    log.error({ err: e, code: err.code }, 'command failed');
    try {
      await ctx.reply(textReply(err.messageIn(locale), { ephemeral: true }));
    } catch (e2) {
      log.error({ err: e2 }, 'could not send the error reply');
    }
  }
}

/**
 * A database that cannot be reached cannot say who took the message: answer it (a rare duplicate
 * beats a question nobody answers) and say so in the log.
 */
async function claimed(claim: (msgId: string) => Promise<boolean>, msgId: string, log: Logger): Promise<boolean> {
  try {
    return await claim(msgId);
  } catch (e) {
    log.warn({ code: (e as { code?: string }).code }, 'message dedupe table unreachable; answering anyway');
    return true;
  }
}
