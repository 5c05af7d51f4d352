import { textReply, type Reply } from '../../chat/message.js';
import type { ChatContext, ChatRequest, Dispatch, Locale } from '../../chat/types.js';
import { isWhoownsError } from '../../core/errors.js';
import { reasonOf } from './delivery.js';

// The last line of defence: whatever a handler throws, the process keeps running and the user
// gets a short answer in their language instead of silence.

export function errorReply(locale: Locale, e?: unknown): Reply {
  if (isWhoownsError(e) && e.code !== 'INTERNAL') return textReply(e.messageIn(locale), { ephemeral: true });
  return textReply(
    locale === 'zh' ? '抱歉,处理这个请求时出错了。请稍后再试;如果一直出错,请联系管理员查看日志。' : 'Sorry, something went wrong while handling that. Try again in a minute; if it keeps failing, ask an admin to check the logs.',
    { ephemeral: true },
  );
}

export async function runSafely(dispatch: Dispatch, req: ChatRequest, ctx: ChatContext): Promise<void> {
  try {
    await dispatch(req, ctx);
  } catch (e) {
    ctx.log.error({ err: describeError(e) }, 'handler failed');
    try {
      await ctx.reply(errorReply(ctx.locale, e));
    } catch (e2) {
      ctx.log.warn({ reason: reasonOf(e2) }, 'error reply not delivered');
    }
  }
}

/** Name, code, message and stack only: an error's other properties may hold request data or tokens. */
export function describeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e).slice(0, 500) };
  return {
    name: e.name,
    code: (e as { code?: unknown }).code,
    message: e.message.slice(0, 500),
    stack: e.stack,
  };
}
