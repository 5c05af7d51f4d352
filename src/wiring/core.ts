import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createOpenApi, sendCustomRobot, type OpenApiOptions } from '../adapters/dingtalk/openapi.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import { systemClock, type Clock } from '../digest/clock.js';
import { prepareDigests, type PreparedDigests, type Senders } from '../digest/index.js';
import type { KnowledgeBase } from '../kb/load.js';
import { createBackend } from '../posture/backend.js';
import { PostureSource } from '../posture/service.js';
import { loadDefaultEngine } from '../qa/default.js';
import type { QaEngine } from '../qa/engine.js';
import { openDb, type Db } from '../store/db.js';
import { LatestScanStore } from '../store/latest-scans.js';
import { MuteStore } from '../store/mutes.js';
import { ChannelAccountStore } from '../store/channel-accounts.js';
import { sharedDirectory } from './shared-directory.js';
import { startDemoCloud } from './demo.js';

// The one place the posture pipeline is built: the bot (app.ts), every CLI command and the
// digests get the same posture source, stores, digest system and redaction from here.

export interface CoreOptions {
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /**
   * 'write' opens (and creates) the state database; 'read' uses it only when it exists, so a
   * command that reads the cloud leaves no file behind (an empty in-memory one stands in).
   */
  store?: 'write' | 'read';
  /** The bot: schedules must name only connected platforms and need their sending secrets. */
  bot?: boolean;
  /** Digest schedules are only listed or dry-run: their sending secrets need not be set. */
  sending?: boolean;
  /** Tests only: a local stand-in for api.dingtalk.com. */
  dingtalkApi?: Pick<OpenApiOptions, 'apiBaseUrl' | 'fetch'>;
}

export interface Stores {
  db: Db;
  mutes: MuteStore;
  channelAccounts: ChannelAccountStore;
}

export interface Core {
  kb: KnowledgeBase;
  qa: QaEngine;
  stores: Stores;
  posture: PostureSource;
  digests: PreparedDigests;
  /** Every reply and error a surface produces passes this (config secrets and chat tokens). */
  redactor: Redactor;
  clock: Clock;
  close(): Promise<void>;
}

export async function createCore(config: Config, log: Logger, o: CoreOptions = {}): Promise<Core> {
  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  // The backend first: a bad suppressions file stops us before a database is opened.
  const backend = createBackend(config, log, { now, startDemo: (l) => startDemoCloud(l, now) });
  const db = await openStore(config, o.store ?? 'write', log);
  let digests: PreparedDigests | undefined;
  const close = async () => {
    await digests?.stop();
    await backend.close();
    await db.close();
  };
  try {
    const mutes = new MuteStore(db);
    const qa = await loadDefaultEngine();
    // Replicas on PostgreSQL answer chat from each other's latest scans.
    const url = config.databaseUrl;
    const rd = config.cloud.demo ? undefined : config.cloud.resourceDirectory;
    const shared = url ? { shared: new LatestScanStore(db), ...(rd ? { directory: sharedDirectory(db, url, rd) } : {}) } : {};
    const posture = new PostureSource({ backend, mutes, now, log, ttlMs: config.posture.ttlMs, refreshIntervalMs: config.posture.refreshIntervalMs, ...shared });
    const redactor = createRedactor([...(config.secrets ?? []), config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.dingtalk?.clientSecret]);
    digests = await prepareDigests({
      config,
      env: o.env ?? process.env,
      db,
      posture,
      log,
      clock,
      sending: o.sending ?? true,
      checkPlatforms: o.bot ?? false,
      redact: (r) => redactor.deep(r),
      senders: senders(config, o),
    });
    return { kb: qa.kb, qa, stores: { db, mutes, channelAccounts: new ChannelAccountStore(db) }, posture, digests, redactor, clock, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function senders(config: Config, o: CoreOptions): Senders {
  const out: Senders = { dingtalkWebhook: (msg) => sendCustomRobot(msg), env: o.env ?? process.env };
  // Group messages need only the app credentials, not the stream connection.
  if (config.dingtalk) out.dingtalk = createOpenApi({ ...config.dingtalk, ...o.dingtalkApi });
  return out;
}

/** PostgreSQL when WHOOWNS_DATABASE_URL is set (replicas share it), else the SQLite file in the data directory. */
async function openStore(config: Config, mode: 'write' | 'read', log: Logger): Promise<Db> {
  if (config.databaseUrl) {
    // Loaded only when used: a single-machine start (and every CLI command) never loads pg.
    const { openPostgres } = await import('../store/postgres.js');
    return openPostgres({ url: config.databaseUrl, onIdleError: (e) => log.warn({ code: (e as { code?: string }).code }, 'a pooled PostgreSQL connection failed; the next query reconnects') });
  }
  const path = join(config.dataDir, 'whoowns.db');
  return mode === 'write' || existsSync(path) ? openDb(path) : openDb(':memory:');
}
