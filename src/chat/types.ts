import type { Lang } from '../core/i18n.js';
import type { Logger } from '../core/logger.js';
import type { Reply } from './message.js';

// What a command handler sees. Handlers never import @slack/bolt or dingtalk-stream:
// adapters build this context from their platform's payload.

export type Platform = 'slack' | 'dingtalk' | 'console';
/** The asker's language: the one `Lang`, named for where it comes from. */
export type Locale = Lang;

export interface ChatUser {
  platform: Platform;
  /** Slack user id (U…), DingTalk staff id, or the console's OS user. */
  id: string;
  name?: string;
  /**
   * Which of these platform groups (Slack user group ids) the user is in, resolved by the adapter
   * (cached); absent where the platform has none. Throws when the platform refuses to say.
   */
  inGroups?(groupIds: string[]): Promise<string[]>;
}

export interface ChatPlace {
  /** Slack channel id (C…/D…/G…), DingTalk conversation id, or "console". */
  id: string;
  kind: 'direct' | 'group';
}

export interface ChatContext {
  platform: Platform;
  user: ChatUser;
  place: ChatPlace;
  locale: Locale;
  /**
   * The conversation a follow-up question continues (a thread-memory key built from platform
   * ids only): a Slack thread or DM, a DingTalk conversation, the console. Absent: no memory.
   */
  thread?: string;
  log: Logger;
  /** Post a reply where the request came from (ephemeral replies go to the asker only where supported). */
  reply(message: Reply): Promise<void>;
}

/** An incoming request after the adapter has stripped mentions and slash prefixes. */
export interface ChatRequest {
  /** "whoowns" | "posture" | "digest" | "help" | "ask" (plain message / mention / DM). */
  command: string;
  /** The rest of the text, trimmed. */
  text: string;
}

/** The single entry point adapters call: route a request to its command and reply. */
export type Dispatch = (req: ChatRequest, ctx: ChatContext) => Promise<void>;
