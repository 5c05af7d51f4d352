import type { Readable, Writable } from 'node:stream';
import { inspect } from 'node:util';
import { startConsole } from './adapters/console/repl.js';
import { DEMO_NOTICE, startApp } from './app.js';
import { loadConfig, type Config } from './config/config.js';
import { WhoownsError, toWhoownsError } from './core/errors.js';
import { installLastResort } from './core/last-resort.js';
import { createLogger } from './core/logger.js';
import { createRedactor, type Redactor } from './core/redact.js';
import { secretsFromEnv } from './core/secrets.js';

// The one start path of the bot: `npm start` (src/main.ts) and `whoowns serve` both run serve().
// Load config, then wire knowledge, posture and the chat adapters (src/app.ts); with no chat
// credentials, open the local console — in a terminal only.

export interface ServeIo {
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  err(text: string): void;
}

/** Runs until stopped (SIGINT/SIGTERM, or the console's end); returns the exit code: 0, 1 (a bug), 2 (fix the setup). */
export async function serve(io: ServeIo): Promise<number> {
  const redactor = installLastResort(createRedactor(secretsFromEnv(io.env)));
  try {
    const config = loadConfig(io.env);
    redactor.add(...(config.secrets ?? []));
    await run(config, io, redactor);
    return 0;
  } catch (e) {
    return report(e, io, redactor);
  }
}

async function run(config: Config, io: ServeIo, redactor: Redactor): Promise<void> {
  const consoleOnly = !config.slack && !config.dingtalk;
  // A container without -it, or a service unit: a console there answers nobody and exits 0.
  if (consoleOnly && !io.stdin.isTTY && !config.consoleOnPipe) throw noChatPlatform();
  // The console shares the terminal with the log: keep it to warnings unless asked otherwise.
  const quiet = consoleOnly && !io.env.WHOOWNS_LOG_LEVEL;
  const log = createLogger({ level: quiet ? 'warn' : config.logLevel, secrets: redactor });
  for (const w of config.warnings ?? []) log.warn(w);
  const app = await startApp(config, log);
  if (!app.hasChat) {
    const color = Boolean(io.stdout.isTTY);
    await startConsole({ dispatch: app.dispatch, input: io.stdin, output: io.stdout, log, color, notice: app.demo ? DEMO_NOTICE : undefined, defaultLocale: config.lang });
  } else {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    log.info('shutting down');
  }
  await app.stop();
}

function report(e: unknown, io: ServeIo, redactor: Redactor): number {
  const err = toWhoownsError(e);
  const zh = (io.env.WHOOWNS_LANG ?? io.env.LANG ?? '').startsWith('zh');
  io.err(`${redactor.redact(zh ? err.messages.zh : err.messages.en)}\n`);
  // "Internal error; see the log": so the log must hold the cause.
  if (err.code === 'INTERNAL') io.err(`${redactor.redact(inspect(err.cause, { depth: 6 }))}\n`);
  return err.code === 'INTERNAL' ? 1 : 2;
}

function noChatPlatform(): WhoownsError {
  return new WhoownsError('CONFIG_INVALID', {
    zh: '没有配置聊天平台,也没有终端可以运行本地控制台,whoowns 无事可做。请设置 SLACK_BOT_TOKEN 加 SLACK_APP_TOKEN(Socket Mode)或 SLACK_SIGNING_SECRET(HTTP),或设置 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET;要用本地控制台,请在终端里运行(docker run -it);只问一个问题可用 whoowns ask。',
    en: 'No chat platform is configured and there is no terminal for the local console, so whoowns has nothing to serve. Set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), or DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET; for the local console, run it in a terminal (docker run -it); for one question, use whoowns ask.',
  });
}
