import { loadConfig } from './config/config.js';
import { toWhoownsError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { startConsole } from './adapters/console/repl.js';
import { DEMO_NOTICE, startApp } from './app.js';
import { createRedactor } from './core/redact.js';
import { secretsFromEnv } from './core/secrets.js';

// `npm start`: load config, then wire knowledge, posture and the chat adapters (src/app.ts).
// With no chat credentials it opens the local console.
try {
  const config = loadConfig(process.env);
  // The console shares the terminal with the log: keep it to warnings unless asked otherwise.
  const quiet = !config.slack && !config.dingtalk && !process.env.WHOOWNS_LOG_LEVEL;
  const log = createLogger({ level: quiet ? 'warn' : config.logLevel, secrets: config.secrets });
  const app = await startApp(config, log);
  if (!app.hasChat) {
    const color = Boolean(process.stdout.isTTY);
    await startConsole({ dispatch: app.dispatch, input: process.stdin, output: process.stdout, log, color, notice: app.demo ? DEMO_NOTICE : undefined, defaultLocale: config.lang });
  } else {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    log.info('shutting down');
  }
  await app.stop();
} catch (e) {
  const err = toWhoownsError(e);
  const zh = (process.env.WHOOWNS_LANG ?? process.env.LANG ?? '').startsWith('zh');
  process.stderr.write(`${createRedactor(secretsFromEnv(process.env)).redact(zh ? err.messages.zh : err.messages.en)}\n`);
  process.exitCode = err.code === 'INTERNAL' ? 1 : 2;
}
