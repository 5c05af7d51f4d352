import type { Bilingual } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { reasonOf } from './delivery.js';

// Reaching Slack at start: learn who the bot is (auth.test), then, in Socket Mode, open the
// WebSocket. Slack may be unreachable for a while (network, outage, proxy not up yet); the bot
// then keeps running, says "not ready" on /readyz, and tries again with capped exponential
// backoff until Slack answers or stop() is called.

export interface Backoff {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { minMs: 1000, maxMs: 60_000 };

export interface ConnectionSteps {
  log: Logger;
  backoff: Backoff;
  /** Learn the bot's identity; done once. */
  identify(): Promise<void>;
  /** Open the event transport (Socket Mode); a no-op for HTTP. */
  connect(): Promise<void>;
}

export interface Connection {
  /** The first attempt, awaited; later ones run in the background. Never rejects. */
  start(): Promise<void>;
  stop(): void;
  identified(): boolean;
  connected(): boolean;
  /** Connected and not stopped: what /readyz reports. */
  ready(): boolean;
}

/** Slack answered, and the answer is that the token is wrong: retrying will not help by itself. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

const TOKEN_HINT: Bilingual = {
  zh: 'Slack 拒绝了机器人令牌。请检查 SLACK_BOT_TOKEN(xoxb- 开头)和 SLACK_APP_TOKEN(xapp- 开头,需 connections:write)是否正确、应用是否仍安装在工作区。',
  en: 'Slack refused the bot token. Check SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…, with connections:write), and that the app is still installed in the workspace.',
};

/** Capped exponential backoff with equal jitter, so restarted replicas do not retry in step. */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const full = Math.min(b.maxMs, b.minMs * 2 ** attempt);
  return full / 2 + random() * (full / 2);
}

export function createConnection(steps: ConnectionSteps): Connection {
  let identified = false;
  let connected = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const attempt = async () => {
    if (!identified) {
      await steps.identify();
      identified = true;
    }
    if (stopped) return;
    await steps.connect();
    connected = true;
  };

  const report = (e: unknown, n: number, nextMs: number) => {
    const reason = reasonOf(e);
    const fields = { platform: 'slack', attempt: n + 1, reason, retryInMs: Math.round(nextMs) };
    if (TOKEN_ERRORS.has(reason)) steps.log.error({ ...fields, ...TOKEN_HINT }, 'slack not reachable yet: the token was refused');
    else steps.log.warn(fields, 'slack not reachable yet; /readyz says 503 until it answers');
  };

  /** Attempt number `n` (0 was the first, in start()) after `ms`; the delay the log announced. */
  const tryAgain = (n: number, ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (stopped) return;
      attempt().then(
        () => steps.log.info({ platform: 'slack', attempts: n + 1 }, 'slack reachable: ready'),
        (e: unknown) => {
          if (stopped) return;
          const next = backoffDelay(n, steps.backoff);
          report(e, n, next);
          tryAgain(n + 1, next);
        },
      );
    }, ms);
  };

  return {
    async start() {
      stopped = false;
      try {
        await attempt();
      } catch (e) {
        const next = backoffDelay(0, steps.backoff);
        report(e, 0, next);
        tryAgain(1, next);
      }
    },
    stop() {
      stopped = true;
      connected = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    identified: () => identified,
    connected: () => connected,
    ready: () => connected && !stopped,
  };
}
