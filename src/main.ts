import { loadConfig } from './config/config.js';
import { toWhoownsError } from './core/errors.js';
import { createLogger } from './core/logger.js';
import { startConsole } from './console/repl.js';
import { defaultEngine } from './qa/default.js';

// `npm start`: wire config, knowledge and the adapters. With no chat credentials it opens the
// local console.
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger({ level: config.logLevel });
  const engine = defaultEngine();
  log.debug({ entries: engine.kb.entries.length }, 'knowledge base loaded');
  await startConsole({ engine, input: process.stdin, output: process.stdout, log, color: Boolean(process.stdout.isTTY) });
}

main().catch((e: unknown) => {
  const err = toWhoownsError(e);
  const zh = (process.env.LANG ?? '').startsWith('zh');
  process.stderr.write(`${zh ? err.messages.zh : err.messages.en}\n`);
  process.exitCode = err.code === 'INTERNAL' ? 1 : 2;
});
