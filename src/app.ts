import { join } from 'node:path';
import { COMMANDS, createDispatch } from '../commands/index.js';
import { startConsole } from './adapters/console/repl.js';
import { createRateLimiter } from './chat/rate-limit.js';
import type { Config } from './config/config.js';
import { WhoownsError } from './core/errors.js';
import type { Logger } from './core/logger.js';
import { PostureService } from './posture/service.js';
import { defaultEngine } from './qa/default.js';
import { openDb } from './store/db.js';
import { MuteStore } from './store/mutes.js';

// Wiring only: every piece is built here from config and handed to the adapters.
export async function startApp(config: Config, log: Logger): Promise<void> {
  const qa = defaultEngine();
  const db = openDb(join(config.dataDir, 'whoowns.db'));
  const posture = new PostureService({
    collect: async () => {
      throw new WhoownsError('NOT_IMPLEMENTED', {
        zh: '尚未接入云账号采集:posture 功能正在开发中。',
        en: 'Cloud collection is not wired in yet: posture is still being built.',
      });
    },
    evaluate: () => {
      throw new Error('unreachable');
    },
    mutes: new MuteStore(db),
    now: () => new Date(),
    log,
    ttlMs: 15 * 60_000,
    refreshIntervalMs: 60_000,
    demo: false,
  });
  const dispatch = createDispatch(() => COMMANDS, {
    qa,
    posture,
    access: config.access,
    limiter: createRateLimiter({ perMinute: 30, burst: 10 }),
  });
  await startConsole({ dispatch, input: process.stdin, output: process.stdout, log, color: Boolean(process.stdout.isTTY) });
  db.close();
}
