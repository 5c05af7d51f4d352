import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../chat/message.js';
import type { Locale } from '../../chat/types.js';
import { WhoownsError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { toBlockKit } from './render.js';

// The three ways a reply reaches Slack: the slash command / button response_url, a thread reply
// to a mention, and a plain channel post. Web API calls are retried by the WebClient itself;
// response_url posts go through plain fetch, so they get their own small retry here.

export interface RetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, minTimeoutMs: 1000, maxTimeoutMs: 10_000 };

/** A short reason for the log: Slack's error code, the HTTP status, or the network error. Never the payload. */
export function reasonOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const err = e as { code?: string; data?: { error?: string }; statusCode?: number; original?: Error; message?: string; cause?: unknown };
  if (err.data?.error) return err.data.error;
  if (typeof err.statusCode === 'number') return `http ${err.statusCode}`;
  // fetch says only "fetch failed"; the system error code (ECONNREFUSED, ENOTFOUND…) is in its cause.
  const cause = ((err.original as { cause?: unknown } | undefined)?.cause ?? err.cause) as { code?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  if (err.original?.message) return `${err.original.message}${code}`;
  return `${err.message ?? err.code ?? 'unknown'}${code}`;
}

export function replyViaRespond(respond: RespondFn, locale: Locale, log: Logger, retry: RetryPolicy): (r: Reply) => Promise<void> {
  return async (reply) => {
    const { text, blocks } = toBlockKit(reply, { locale });
    const body = { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text, blocks } as const;
    await delivered(log, 'response_url', () => withRetry(() => respond(body), retry));
  };
}

export interface ThreadTarget {
  channel: string;
  user: string;
  threadTs?: string;
  /** In a DM everything is private already, so "ephemeral" is just a normal message. */
  direct: boolean;
}

export function replyInThread(client: WebClient, target: ThreadTarget, locale: Locale, log: Logger): (r: Reply) => Promise<void> {
  return async (reply) => {
    const { text, blocks } = toBlockKit(target.threadTs ? withoutThreadMentions(reply) : reply, { locale });
    const common = { channel: target.channel, text, blocks, ...(target.threadTs ? { thread_ts: target.threadTs } : {}) };
    if (reply.ephemeral && !target.direct) {
      await delivered(log, 'chat.postEphemeral', () => client.chat.postEphemeral({ ...common, user: target.user }));
    } else {
      await delivered(log, 'chat.postMessage', () => client.chat.postMessage(common));
    }
  };
}

/** A thread reply pings nobody unless the reply says a mention belongs in the thread. */
export function withoutThreadMentions(reply: Reply): Reply {
  if (!reply.mentions || reply.mentions.inThread) return reply;
  const { mentions: _dropped, ...rest } = reply;
  return rest;
}

/** Run a delivery; if it finally fails, log why (with the route, never the content) and rethrow. */
export async function delivered<T>(log: Logger, route: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    log.warn({ route, reason: reasonOf(e) }, 'slack message not delivered');
    throw e;
  }
}

function retryable(e: unknown): boolean {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number') return status === 429 || status >= 500;
  return e instanceof TypeError; // fetch's network failures
}

async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= policy.retries || !retryable(e)) throw e;
      const delay = Math.min(policy.maxTimeoutMs, policy.minTimeoutMs * 2 ** attempt);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

// --- digests: exactly once

/** A look-up for one run's digest message (Slack message metadata) posted since `oldest`. */
export interface DigestLookup {
  eventType: string;
  runId: string;
  oldest: Date;
}

/** A digest run posts one message per channel; more pages than this means the window is wrong. */
const LOOKUP_PAGES = 5;

/**
 * Find the run's message in the channel. conversations.history needs channels:history (public
 * channels) or groups:history (private ones); Slack's missing_scope error is passed on with the
 * scope named, for the caller to decide what to do.
 */
export async function findDigestMessage(client: WebClient, channel: string, q: DigestLookup): Promise<{ ts: string } | undefined> {
  try {
    return await searchHistory(client, channel, q);
  } catch (e) {
    const reason = lookupFailure(e);
    throw new WhoownsError(
      'CONFIG_INVALID',
      {
        zh: `无法在 Slack 频道 ${channel} 中查找本次摘要是否已发送(${reason})。请给 Slack 应用添加 channels:history(公开频道)和 groups:history(私有频道)权限并重新安装。`,
        en: `Could not look in Slack channel ${channel} for this digest's message (${reason}). Add the channels:history (public channels) and groups:history (private channels) scopes to the Slack app and reinstall it.`,
      },
      e,
    );
  }
}

async function searchHistory(client: WebClient, channel: string, q: DigestLookup): Promise<{ ts: string } | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const r = await client.conversations.history({
      channel,
      oldest: (q.oldest.getTime() / 1000).toFixed(6),
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    const hit = r.messages?.find((m) => m.metadata?.event_type === q.eventType && (m.metadata?.event_payload as Record<string, unknown> | undefined)?.run_id === q.runId);
    if (hit?.ts) return { ts: hit.ts };
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!r.has_more || !cursor) return undefined;
  }
  throw new Error(`more than ${LOOKUP_PAGES} pages of messages since ${q.oldest.toISOString()}`);
}

/** Whether a file named `filename` was shared in the channel after the message `afterTs` (the digest chart). */
export async function findSharedFile(client: WebClient, channel: string, q: { filename: string; afterTs: string }): Promise<boolean> {
  try {
    const r = await client.conversations.history({ channel, oldest: q.afterTs, include_all_metadata: false, limit: 200 });
    return !!r.messages?.some((m) => m.files?.some((f) => f.name === q.filename));
  } catch (e) {
    throw new WhoownsError(
      'CONFIG_INVALID',
      {
        zh: `无法在 Slack 频道 ${channel} 中查找趋势图是否已上传(${lookupFailure(e)})。请给 Slack 应用添加 channels:history 和 groups:history 权限。`,
        en: `Could not look in Slack channel ${channel} for the uploaded trend chart (${lookupFailure(e)}). Add the channels:history and groups:history scopes to the Slack app.`,
      },
      e,
    );
  }
}

/** Why a look-up failed, with the scope to add when Slack says one is missing. */
export function lookupFailure(e: unknown): string {
  const data = (e as { data?: { error?: string; needed?: string } } | null)?.data;
  if (data?.error === 'missing_scope') return `missing_scope: needs ${data.needed ?? 'channels:history or groups:history'}`;
  return reasonOf(e);
}
