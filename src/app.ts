import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMMANDS, createDispatch } from '../commands/index.js';
import { createDingTalkAdapter, type DingTalkAdapterOptions } from './adapters/dingtalk/index.js';
import { closeServer, startProbeServer } from './adapters/slack/health.js';
import { createSlackAdapter, type SlackAdapter } from './adapters/slack/index.js';
import type { Dispatch } from './chat/types.js';
import { createRateLimiter } from './chat/rate-limit.js';
import { createThreadMemory } from './chat/thread-memory.js';
import type { Config } from './config/config.js';
import { WhoownsError } from './core/errors.js';
import type { Logger } from './core/logger.js';
import type { PostureSource } from './posture/service.js';
import type { JobQueue } from './jobs/queue.js';
import { redactingDispatch } from './security/guard.js';
import { watchDb } from './store/db-health.js';
import { SeenMessageStore } from './store/seen-messages.js';
import { createCore } from './wiring/core.js';

// Wiring only: every piece is built here from config and handed to the adapters.

export interface App {
  dispatch: Dispatch;
  posture: PostureSource;
  demo: boolean;
  /** True when a chat platform is connected; otherwise the caller runs the console. */
  hasChat: boolean;
  slack?: SlackAdapter;
  /** The bound HTTP port (Slack events and/or the /healthz, /readyz probes), if any. */
  port(): number | undefined;
  stop(): Promise<void>;
}

/** Tests only: a local DingTalk gateway instead of DingTalk's. */
export interface AppOverrides {
  dingtalk?: Pick<DingTalkAdapterOptions, 'endpointOverride' | 'apiBaseUrl' | 'fetch'>;
}

export async function startApp(config: Config, log: Logger, overrides: AppOverrides = {}): Promise<App> {
  // Digest schedules are validated in the core, before any adapter starts; the scheduler starts after them.
  const core = await createCore(config, log, { env: process.env, bot: true, ...(overrides.dingtalk ? { dingtalkApi: overrides.dingtalk } : {}) });
  const { posture, digests, redactor } = core;
  // Every reply and every error a command produces passes the redaction layer (src/security).
  const dispatch = redactingDispatch(
    createDispatch(() => COMMANDS, {
      qa: core.qa,
      posture,
      access: config.access,
      limiter: createRateLimiter({ perMinute: 30, burst: 10 }),
      threads: createThreadMemory({ now: () => core.clock.now().getTime() }),
      digests: digests.service,
      ...(config.owners ? { owners: config.owners } : {}),
      channelAccounts: core.stores.channelAccounts,
    }),
    redactor,
  );

  const stops: (() => Promise<void>)[] = [];
  // Slack serves /healthz and /readyz itself (both modes); a DingTalk-only bot has no HTTP server,
  // so deployments get the same probes from a small one here.
  let ready = false;
  // On PostgreSQL the replicas share state: not ready while the database does not answer.
  const dbHealth = config.databaseUrl ? watchDb(core.stores.db, { log }) : undefined;
  const dbOk = () => dbHealth?.ok() ?? true;
  let probes: Server | undefined;
  let slack: SlackAdapter | undefined;
  let queue: JobQueue | undefined;
  try {
    if (config.dingtalk && !config.slack) probes = await startProbeServer(() => ready && dbOk(), config.port, config.host);
    if (config.slack) {
      slack = createSlackAdapter({ ...config.slack, port: config.port, host: config.host, dispatch, log, defaultLocale: config.lang, ready: dbOk });
      await slack.start();
      const s = slack;
      stops.push(() => s.stop());
      log.info({ mode: config.slack.appToken ? 'socket' : 'http', port: config.slack.appToken ? undefined : slack.port() }, 'slack adapter started');
    }
    if (config.dingtalk) {
      const seenMessages = new SeenMessageStore(core.stores.db);
      const claim = (msgId: string) => seenMessages.claim('dingtalk', msgId, core.clock.now());
      const dingtalk = createDingTalkAdapter({ ...config.dingtalk, ...overrides.dingtalk, dispatch, log, defaultLocale: config.lang, claim });
      await dingtalk.start();
      stops.push(() => dingtalk.stop());
      log.info({ probePort: probes ? portOf(probes) : undefined }, 'dingtalk adapter started');
    }
    const everyMs = posture.discoveryEveryMs;
    if (everyMs !== undefined && stops.length) {
      const { startDirectoryRefresh } = await import('./jobs/directory-refresh.js');
      const refresh = startDirectoryRefresh({ discover: () => posture.discover(), everyMs, log });
      stops.unshift(async () => refresh.stop());
    }
    // Replicas on PostgreSQL: digest slots and per-account scan cycles are jobs on the shared
    // queue (any replica runs each one once); every account is scanned once per TTL cycle.
    if (config.databaseUrl && stops.length) {
      const { JobQueue } = await import('./jobs/queue.js');
      const { startScanCycles } = await import('./jobs/scan-cycles.js');
      const q = (queue = await JobQueue.start({ url: config.databaseUrl, log }));
      stops.push(() => q.stop());
      if (digests.schedules.length) await q.workDigests(digests.schedules, digests.deps);
      await q.workScans((account) => posture.scanNow(account));
      const cycleAccounts = async () => {
        await posture.discover().catch((e: unknown) => log.warn({ err: e }, 'resource directory listing failed; this cycle scans the accounts already known'));
        return posture.accounts.map((a) => a.name);
      };
      const cycles = startScanCycles({ queue: q, accounts: cycleAccounts, cycleMs: config.posture.ttlMs, log });
      stops.unshift(async () => cycles.stop());
    }
  } catch (e) {
    // A half-started bot must not keep a port (or the demo emulator) open: undo what started.
    for (const stop of stops) await stop().catch(() => undefined);
    if (probes) await closeServer(probes);
    dbHealth?.stop();
    await core.close();
    throw listenError(e, config);
  }
  ready = true;
  const q = queue;
  digests.start({ slack, schedule: stops.length > 0, ...(q ? { dispatch: (s, req) => q.sendDigest(s, req) } : {}) });

  return {
    dispatch,
    posture,
    demo: posture.demo,
    hasChat: stops.length > 0,
    slack,
    port: () => slack?.port() ?? (probes ? portOf(probes) : undefined),
    async stop() {
      ready = false;
      await digests.stop();
      for (const stop of stops) await stop().catch((e: unknown) => log.warn({ err: e }, 'adapter did not stop cleanly'));
      if (probes) await closeServer(probes);
      dbHealth?.stop();
      await core.close();
    },
  };
}

/** "Address in use" as a message that says which setting to change, instead of an internal error. */
function listenError(e: unknown, config: Config): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return e;
  const where = `${config.host}:${config.port}`;
  return new WhoownsError(
    'CONFIG_INVALID',
    code === 'EADDRINUSE'
      ? { zh: `端口 ${where} 已被占用。请停止占用它的进程,或用 PORT(和 WHOOWNS_HOST)换一个端口。`, en: `Port ${where} is already in use. Stop the process using it, or set PORT (and WHOOWNS_HOST) to a free one.` }
      : { zh: `没有权限监听 ${where}。请用 1024 以上的 PORT,或给进程授予绑定低端口的权限。`, en: `Not allowed to listen on ${where}. Use a PORT above 1024, or give the process the right to bind low ports.` },
    e,
  );
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export const DEMO_NOTICE =
  'No cloud credentials found: posture commands use the DEMO account on a local emulator (DEMO DATA). / 未找到云账号凭证:posture 命令使用本地模拟器的演示账号(演示数据)。';
