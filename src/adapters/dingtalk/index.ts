import { TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Dispatch, Locale } from '../../chat/types.js';
import { WhoownsError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { createSeenSet } from './dedupe.js';
import type { FetchLike } from './http.js';
import { createOpenApi, sendCustomRobot, type CustomRobotMessage, type GroupMessage } from './openapi.js';
import { handleRobotCallback } from './robot-callback.js';
import { StreamClient } from './stream-client.js';
import { createWatchdog } from './watchdog.js';

// The DingTalk adapter: a stream-mode robot (no public URL needed) that turns robot messages
// into ChatRequests for the shared dispatch, plus proactive sends for digests.
// The only module allowed to import dingtalk-stream.

export { customRobotSign, sendCustomRobot, createOpenApi } from './openapi.js';
export { toActionCard, toDingTalkMarkdown } from './render.js';
export { toChatRequest } from './parse.js';

export interface DingTalkAdapterOptions {
  /** The robot app's AppKey / AppSecret (DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET). */
  clientId: string;
  clientSecret: string;
  dispatch: Dispatch;
  log: Logger;
  /** Locale for messages with no text (a bare @mention). Default 'zh'. */
  defaultLocale?: Locale;
  /** Reconnect after this long without any frame or ping. Default 60 s. */
  watchdogMs?: number;
  /** The stream gateway's connections/open URL (DINGTALK_GATEWAY_URL); default DingTalk's. */
  gatewayUrl?: string;
  /** Tests: a local gateway, winning over gatewayUrl from the configuration. */
  endpointOverride?: string;
  /** api.dingtalk.com or a stand-in (DINGTALK_API_URL): tokens, group sends, allowed session webhooks. */
  apiBaseUrl?: string;
  fetch?: FetchLike;
  now?: () => number;
  /**
   * Several replicas: true for the one replica that takes this msgId (the shared database's
   * chat_messages_seen table); the in-memory set stays the first, cheap filter.
   */
  claim?: (msgId: string) => Promise<boolean>;
}

export interface DingTalkAdapter {
  /** Connect (returns after the first attempt; the client keeps retrying by itself). */
  start(): Promise<void>;
  /** Disconnect and wait (up to 5 s) for messages being handled. */
  stop(): Promise<void>;
  /** Post a reply into a group the robot is in, unprompted (digests). Throws WhoownsError. */
  sendGroupMessage(msg: GroupMessage): Promise<{ processQueryKey?: string }>;
  /** Post through a custom group robot webhook (加签 secret optional). Throws WhoownsError. */
  sendCustomRobot(msg: CustomRobotMessage): Promise<void>;
}

export function createDingTalkAdapter(opts: DingTalkAdapterOptions): DingTalkAdapter {
  if (!opts.clientId || !opts.clientSecret) {
    // DWClient would throw a bare Error (and console.error) for this.
    throw new WhoownsError('CONFIG_INVALID', {
      zh: '钉钉机器人需要 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET(应用的 AppKey 和 AppSecret,在钉钉开放平台的应用凭证页)。',
      en: 'The DingTalk robot needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET (the app\'s AppKey and AppSecret, from the app credentials page of the DingTalk developer console).',
    });
  }
  // The adapter names its platform once; every line it and its handlers log carries it.
  const log = opts.log.child({ platform: 'dingtalk' });
  const fetchImpl = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const watchdogMs = opts.watchdogMs ?? 60_000;
  const seen = createSeenSet({ now });
  const inFlight = new Set<Promise<void>>();

  const watchdog = createWatchdog({
    timeoutMs: watchdogMs,
    onSilent: (silentMs) => {
      log.warn({ silentMs }, 'nothing from DingTalk for too long; reconnecting');
      client.reconnect();
    },
  });
  const client = new StreamClient({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    log,
    gatewayUrl: opts.endpointOverride ?? opts.gatewayUrl,
    fetch: fetchImpl,
    onActivity: () => watchdog.touch(),
  });
  const openapi = createOpenApi({ clientId: opts.clientId, clientSecret: opts.clientSecret, apiBaseUrl: opts.apiBaseUrl, fetch: fetchImpl, now });

  // The SDK emits callbacks with EventEmitter and ignores the returned promise: a rejection here
  // would be an unhandled rejection that ends the process. handleRobotCallback never rejects;
  // the catch is the second belt.
  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    const work = handleRobotCallback(frame, {
      dispatch: opts.dispatch,
      log,
      seen,
      ...(opts.claim ? { claim: opts.claim } : {}),
      fetch: fetchImpl,
      now,
      defaultLocale: opts.defaultLocale,
      apiBaseUrl: opts.apiBaseUrl,
      ack: (messageId) => client.ack(messageId, { status: 'SUCCESS' }),
    })
      .catch((e: unknown) => log.error({ err: e }, 'robot callback failed'))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });

  return {
    async start() {
      watchdog.start();
      await client.connect();
    },
    async stop() {
      watchdog.stop();
      await client.stop();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
    },
    sendGroupMessage: (msg) => openapi.sendGroupMessage(msg),
    sendCustomRobot: (msg) => sendCustomRobot(msg, { fetch: fetchImpl, now }),
  };
}
