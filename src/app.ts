import { join } from 'node:path';
import { COMMANDS, createDispatch } from '../commands/index.js';
import { startConsole } from './adapters/console/repl.js';
import { createDingTalkAdapter } from './adapters/dingtalk/index.js';
import { createSlackAdapter } from './adapters/slack/index.js';
import { createRateLimiter } from './chat/rate-limit.js';
import type { Config } from './config/config.js';
import type { Logger } from './core/logger.js';
import { createBackend } from './posture/backend.js';
import { PostureService } from './posture/service.js';
import { defaultEngine } from './qa/default.js';
import { openDb } from './store/db.js';
import { MuteStore } from './store/mutes.js';

// Wiring only: every piece is built here from config and handed to the adapters.

export interface AppStreams {
  input: NodeJS.ReadableStream & import('node:stream').Readable;
  output: import('node:stream').Writable;
  color: boolean;
}

export async function startApp(config: Config, log: Logger, streams: AppStreams): Promise<void> {
  const qa = defaultEngine();
  const db = openDb(join(config.dataDir, 'whoowns.db'));
  const backend = await createBackend(config, log);
  // Chat answers about the first configured account; the CLI's scan takes --account.
  const account = backend.accounts[0]!;
  const posture = new PostureService({
    collect: (l) => backend.collect(account, l),
    evaluate: (snapshot, now) => backend.evaluate(snapshot, now),
    mutes: new MuteStore(db),
    now: () => new Date(),
    log,
    ttlMs: config.posture.ttlMs,
    refreshIntervalMs: config.posture.refreshIntervalMs,
    demo: backend.demo,
  });
  const dispatch = createDispatch(() => COMMANDS, {
    qa,
    posture,
    access: config.access,
    limiter: createRateLimiter({ perMinute: 30, burst: 10 }),
  });

  const stops: (() => Promise<void>)[] = [];
  if (config.slack) {
    const slack = createSlackAdapter({ ...config.slack, port: config.port, dispatch, log: log.child({ adapter: 'slack' }), defaultLocale: config.lang });
    await slack.start();
    stops.push(() => slack.stop());
    log.info({ mode: config.slack.appToken ? 'socket' : 'http', port: config.slack.appToken ? undefined : config.port }, 'slack adapter started');
  }
  if (config.dingtalk) {
    const dingtalk = createDingTalkAdapter({ ...config.dingtalk, dispatch, log: log.child({ adapter: 'dingtalk' }), defaultLocale: config.lang });
    await dingtalk.start();
    stops.push(() => dingtalk.stop());
    log.info('dingtalk adapter started');
  }

  const shutdown = async () => {
    for (const stop of stops) await stop().catch((e: unknown) => log.warn({ err: e }, 'adapter did not stop cleanly'));
    await backend.close();
    db.close();
  };

  if (!stops.length) {
    const notice = backend.demo
      ? 'No cloud credentials found: posture commands use the DEMO account on a local emulator (DEMO DATA). / 未找到云账号凭证:posture 命令使用本地模拟器的演示账号(演示数据)。'
      : undefined;
    await startConsole({ dispatch, input: streams.input, output: streams.output, log, color: streams.color, notice, defaultLocale: config.lang });
    await shutdown();
    return;
  }
  await new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  log.info('shutting down');
  await shutdown();
}
