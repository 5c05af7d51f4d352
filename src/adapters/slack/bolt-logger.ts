import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

// Bolt and the WebClient log through this, so their lines land in our pino stream (with its
// redaction) instead of on the console. Bolt passes loose arguments; join them into one message.

export function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: 'bolt' });
  let level = fromPino(child.level);
  const format = (args: unknown[]) => args.map(describe).join(' ');
  return {
    debug: (...args: unknown[]) => {
      if (child.isLevelEnabled('debug')) child.debug(format(args));
    },
    info: (...args: unknown[]) => child.info(format(args)),
    warn: (...args: unknown[]) => child.warn(format(args)),
    error: (...args: unknown[]) => child.error(format(args)),
    setLevel(l: LogLevel) {
      level = l;
    },
    getLevel: () => level,
    setName() {},
  };
}

function describe(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  try {
    return JSON.stringify(arg);
  } catch {
    return String(arg);
  }
}

function fromPino(level: string): LogLevel {
  if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
  if (level === 'warn') return LogLevel.WARN;
  if (level === 'error' || level === 'fatal' || level === 'silent') return LogLevel.ERROR;
  return LogLevel.INFO;
}
