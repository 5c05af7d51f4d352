import type { AccessPolicy } from '../src/chat/access.js';
import type { RateLimiter } from '../src/chat/rate-limit.js';
import type { ThreadMemory } from '../src/chat/thread-memory.js';
import type { ChatContext } from '../src/chat/types.js';
import type { QaEngine } from '../src/qa/engine.js';
import type { PostureSource } from '../src/posture/service.js';
import type { Bilingual } from '../src/core/errors.js';
import type { DigestService } from '../src/digest/service.js';
import type { OwnersConfig } from '../src/config/file.js';
import type { ChannelAccountStore } from '../src/store/channel-accounts.js';

// Chat commands are data (names, help, usage, who may run them) plus a handler over a
// platform-neutral context. Adding a command = one module + one line in index.ts.

export interface Services {
  qa: QaEngine;
  posture: PostureSource;
  access: AccessPolicy;
  limiter: RateLimiter;
  /** The last question per conversation, for follow-ups; absent: every question stands alone. */
  threads?: ThreadMemory;
  /** Scheduled digests; absent when the app was started without them. */
  digests?: DigestService;
  /** Ownership rules and the user → team map (/posture mine); absent without an owners block. */
  owners?: OwnersConfig;
  /** Per-place default accounts (/posture use); absent: every place answers about the first account. */
  channelAccounts?: Pick<ChannelAccountStore, 'get' | 'set'>;
}

export interface CommandSpec {
  name: string;
  /** Other words that start this command (e.g. 帮助 for help). */
  aliases: string[];
  /** 'posture' commands are limited to the configured users and places. */
  access: 'open' | 'posture';
  summary: Bilingual;
  /** Usage lines with examples, shown by help and after a usage error. */
  usage: { zh: string[]; en: string[] };
  run(ctx: ChatContext, args: string, services: Services): Promise<void>;
}
