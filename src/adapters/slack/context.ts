import { randomUUID } from 'node:crypto';
import type { Reply } from '../../chat/message.js';
import type { ChatContext, Locale } from '../../chat/types.js';
import type { Logger } from '../../core/logger.js';
import { detectLanguage } from '../../qa/normalize.js';
import { threadKey, type ThreadPlace } from '../../chat/thread-memory.js';

// Builds the platform-neutral context every handler sees from the bits of a Slack payload.

export interface SlackRequestInfo {
  userId: string;
  userName?: string;
  channelId: string;
  /** An event's `channel_type` ('im', 'mpim', 'channel', 'group'). Never a channel *name*: anyone can name a channel "directmessage". */
  channelType?: string;
  command: string;
  locale: Locale;
  /** Where a follow-up continues (team, channel, thread); absent where none should. */
  thread?: ThreadPlace;
  /** Given the request's own logger, how replies get back to Slack. */
  reply(log: Logger): (message: Reply) => Promise<void>;
}

export function buildContext(base: Logger, info: SlackRequestInfo): ChatContext {
  const log = base.child({
    user: info.userId,
    channel: info.channelId,
    command: info.command,
    requestId: randomUUID(),
  });
  return {
    platform: 'slack',
    user: { platform: 'slack', id: info.userId, name: info.userName },
    place: { id: info.channelId, kind: placeKind(info.channelId, info.channelType) },
    locale: info.locale,
    ...(info.thread ? { thread: threadKey(info.thread) } : {}),
    log,
    reply: info.reply(log),
  };
}

/**
 * From what Slack says, never from a name: an event's channel_type when given, else the id's
 * prefix (D… is a one-to-one DM, with the bot or between two people; C…/G… have an audience).
 */
export function placeKind(channelId: string, channelType?: string): 'direct' | 'group' {
  if (channelType) return channelType === 'im' ? 'direct' : 'group';
  return channelId.startsWith('D') ? 'direct' : 'group';
}

/** A Slack conversation: the team, the channel and the thread ("" for a DM's main timeline). */
export function slackThread(team: string | undefined, channel: string, thread: string | undefined): ThreadPlace {
  return { platform: 'slack', workspace: team ?? '', channel, thread: thread ?? '' };
}

export function localeOf(text: string, fallback: Locale): Locale {
  return text.trim() === '' ? fallback : detectLanguage(text);
}
