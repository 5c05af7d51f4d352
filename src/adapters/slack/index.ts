import type { Server } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { Reply } from '../../chat/message.js';
import type { Dispatch, Locale } from '../../chat/types.js';
import { WhoownsError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { boltLogger } from './bolt-logger.js';
import { DEFAULT_RETRY, delivered, findDigestMessage, findSharedFile, reasonOf, type DigestLookup, type RetryPolicy } from './delivery.js';
import { closeServer, healthRoutes, startProbeServer } from './health.js';
import { createUsergroupLookup } from './usergroups.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { toBlockKit } from './render.js';
import { createConnection, DEFAULT_BACKOFF, type Backoff } from './connection.js';
import { guardIntake } from './intake.js';
import { createRequestGuard } from './request-guard.js';
import { describeError } from './safe-run.js';

// The only module that knows about Bolt. It wires listeners to the neutral dispatcher and
// offers postMessage for scheduled digests; everything else lives in small files beside it.

export interface SlackAdapterOptions {
  botToken: string;
  /** xapp-… token: Socket Mode (no public URL needed). Without it, HTTP mode with signingSecret. */
  appToken?: string;
  signingSecret?: string;
  /** HTTP port for /slack/events (HTTP mode) and the /healthz, /readyz probes (both modes). */
  port: number;
  /** Interface to bind (events endpoint and probes); all interfaces when unset. */
  host?: string;
  /** Web API base URL, e.g. GovSlack's or a local fake in tests. */
  apiUrl?: string;
  dispatch: Dispatch;
  log: Logger;
  defaultLocale?: Locale;
  /** Both given: skip the auth.test call Bolt makes to learn them. */
  botId?: string;
  botUserId?: string;
  /** Web API and response_url retries (429 honours Retry-After; 5xx and network errors back off). */
  retry?: Partial<RetryPolicy>;
  /** Delay between attempts to reach Slack at start (doubling, capped). */
  connectBackoff?: Partial<Backoff>;
  /** More for /readyz than the Slack connection (replicas: the shared database answers). */
  ready?: () => boolean;
}

export interface PostOptions {
  /** A chart for the digest, uploaded to the same channel after the message. */
  image?: { filename: string; data: Buffer; title: string };
  locale?: Locale;
  /** Slack message metadata (digests carry their run id, so a resumed run can find its post). */
  metadata?: { event_type: string; event_payload: Record<string, string> };
}

export type { DigestLookup };

export interface SlackAdapter {
  /** The Bolt app, for tests and for registering extra listeners. */
  readonly app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Post a reply to a channel outside any request (digests). Throws a WhoownsError when Slack
   * refuses. Not retried inside: chat.postMessage has no idempotency key, so a retry after a lost
   * answer would post twice; the digest delivery retries, looking the message up first.
   */
  postMessage(channel: string, reply: Reply, opts?: PostOptions): Promise<{ ts?: string }>;
  /** A digest run's message in the channel, by its metadata; throws when the look-up fails. */
  findMessage(channel: string, q: DigestLookup): Promise<{ ts: string } | undefined>;
  /** Upload an image to the channel (the digest chart); throws when Slack refuses. */
  uploadImage(channel: string, image: NonNullable<PostOptions['image']>): Promise<void>;
  /** Whether a file of that name was shared in the channel after a message (the chart, after a crash). */
  findFile(channel: string, q: { filename: string; afterTs: string }): Promise<boolean>;
  /** The bound HTTP port once started (useful with port 0), else undefined. */
  port(): number | undefined;
}

export function createSlackAdapter(opts: SlackAdapterOptions): SlackAdapter {
  checkOptions(opts);
  // The adapter names its platform once; every line it and its handlers log carries it.
  const log = opts.log.child({ platform: 'slack' });
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  let server: Server | undefined;
  const boundPort = () => {
    const address = server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  };

  const knownIdentity = opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId, tokenVerificationEnabled: false } : {};
  const common = {
    token: opts.botToken,
    ...knownIdentity,
    // Bolt would call auth.test in its constructor and leave the rejection unhandled (the process
    // exits when Slack is unreachable); init() is called by the connection loop instead.
    deferInitialization: true,
    logger: boltLogger(log),
    clientOptions: {
      slackApiUrl: opts.apiUrl,
      rejectRateLimitedCalls: false,
      timeout: 15_000,
      retryConfig: { retries: retry.retries, factor: 2, minTimeout: retry.minTimeoutMs, maxTimeout: retry.maxTimeoutMs, randomize: true },
    },
  };
  const guard = createRequestGuard(log);
  // Our own receiver only to hand the signature headers to the replay guard (and to start it
  // before Slack has answered, so the probes are up).
  const receiver = opts.appToken
    ? undefined
    : new HTTPReceiver({
        signingSecret: opts.signingSecret!,
        port: opts.port,
        customRoutes: healthRoutes(() => connection.ready() && (opts.ready?.() ?? true)),
        logger: common.logger,
        customPropertiesExtractor: (req) => guard.extract(req),
      });
  const app = receiver ? new App({ ...common, receiver }) : new App({ ...common, appToken: opts.appToken, socketMode: true });
  const connection = createConnection({
    log,
    backoff: { ...DEFAULT_BACKOFF, ...opts.connectBackoff },
    identify: () => app.init(),
    // Socket Mode opens its WebSocket only once the bot knows who it is.
    connect: receiver ? async () => {} : () => app.start().then(() => undefined),
  });
  guardIntake(app, log, () => connection.identified());
  app.use(guard.middleware);
  // Same endpoint and timeout, no retries (see postMessage); 429s fail fast and the caller backs off.
  const once = new webApi.WebClient(opts.botToken, { ...common.clientOptions, logger: common.logger, retryConfig: { retries: 0 } });

  const groups = createUsergroupLookup(app.client);
  // The asker's user groups, for /posture mine: resolved here so commands stay platform-neutral.
  const dispatch: Dispatch = (req, ctx) => opts.dispatch(req, { ...ctx, user: { ...ctx.user, inGroups: (ids) => groups.userIn(ctx.user.id, ids) } });
  const deps = { dispatch, log, defaultLocale: opts.defaultLocale ?? 'en', retry };
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
  // Listeners catch their own errors; this only sees Bolt's (middleware, authorize).
  app.error(async (error) => {
    log.error({ err: describeError(error) }, 'slack request failed');
  });

  return {
    app,
    async start() {
      if (receiver) {
        server = (await receiver.start(opts.host ? { port: opts.port, host: opts.host } : opts.port)) as Server;
        // Outlive the idle timeout of the load balancers in front (often 60 s); Node's 5 s default
        // makes them reuse sockets we have just closed, which surfaces as occasional 502s.
        server.keepAliveTimeout = 65_000;
        server.headersTimeout = 66_000;
      } else {
        server = await startProbeServer(() => connection.ready() && (opts.ready?.() ?? true), opts.port, opts.host);
      }
      // Probes are up; the first attempt is awaited (a reachable Slack makes start() ready at once),
      // further ones run in the background until Slack answers or stop() is called.
      await connection.start();
      log.info({ mode: opts.appToken ? 'socket' : 'http', port: boundPort() ?? opts.port, ready: connection.ready() }, 'slack adapter started');
    },
    async stop() {
      const wasConnected = connection.connected();
      connection.stop();
      if (receiver || wasConnected) await app.stop();
      if (!receiver && server) await closeServer(server);
      server = undefined;
    },
    async postMessage(channel, reply, postOpts = {}) {
      const { text, blocks } = toBlockKit(reply, { locale: postOpts.locale ?? opts.defaultLocale ?? 'en' });
      const plog = log.child({ channel });
      try {
        const meta = postOpts.metadata ? { metadata: postOpts.metadata } : {};
        const r = await delivered(plog, 'chat.postMessage', () => once.chat.postMessage({ channel, text, blocks, ...meta }));
        const image = postOpts.image;
        // The message is in the channel now: a failed chart upload must not fail the post, or the
        // caller's retry would post the same message again on every attempt.
        if (image) await uploadTo(plog, channel, image).catch(() => undefined);
        return r.ts ? { ts: r.ts } : {};
      } catch (e) {
        const reason = reasonOf(e);
        throw new WhoownsError(
          'INTERNAL',
          {
            zh: `无法发送消息到 Slack 频道 ${channel}(${reason})。请确认机器人已加入该频道(/invite @whoowns),并具有 chat:write 和 files:write 权限。`,
            en: `Could not post to Slack channel ${channel} (${reason}). Make sure the bot is in the channel (/invite @whoowns) and has the chat:write and files:write scopes.`,
          },
          e,
        );
      }
    },
    findMessage: (channel, q) => findDigestMessage(app.client, channel, q),
    uploadImage: (channel, image) => uploadTo(log.child({ channel }), channel, image),
    findFile: (channel, q) => findSharedFile(app.client, channel, q),
    port: boundPort,
  };

  async function uploadTo(plog: Logger, channel: string, image: NonNullable<PostOptions['image']>): Promise<void> {
    await delivered(plog, 'files.uploadV2', () => app.client.filesUploadV2({ channel_id: channel, file: image.data, filename: image.filename, title: image.title }));
  }
}

function checkOptions(opts: SlackAdapterOptions): void {
  if (!opts.botToken) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: '缺少 Slack 机器人令牌。请设置 SLACK_BOT_TOKEN(xoxb- 开头,在 Slack 应用的 OAuth & Permissions 页面获取)。',
      en: 'The Slack bot token is missing. Set SLACK_BOT_TOKEN (starts with xoxb-, from the Slack app’s OAuth & Permissions page).',
    });
  }
  if (!opts.appToken && !opts.signingSecret) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: 'Slack 需要 Socket Mode 的应用令牌(SLACK_APP_TOKEN,xapp- 开头)或 HTTP 模式的签名密钥(SLACK_SIGNING_SECRET)。请至少设置其中一个。',
      en: 'Slack needs either an app-level token for Socket Mode (SLACK_APP_TOKEN, starts with xapp-) or a signing secret for HTTP mode (SLACK_SIGNING_SECRET). Set one of them.',
    });
  }
}
