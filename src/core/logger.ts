import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

// Field names whose values are secrets wherever they appear in a log object.
export const REDACT_PATHS = [
  'accessKeySecret',
  'accessKeyId',
  'securityToken',
  'secret',
  'token',
  'password',
  'signingSecret',
  'clientSecret',
  'appSecret',
  'sessionWebhook',
  'authorization',
  '*.accessKeySecret',
  '*.accessKeyId',
  '*.securityToken',
  '*.secret',
  '*.token',
  '*.password',
  '*.signingSecret',
  '*.clientSecret',
  '*.appSecret',
  '*.sessionWebhook',
  '*.authorization',
  'headers.authorization',
  'headers["x-acs-security-token"]',
  'req.headers.authorization',
];

export interface LoggerSetup {
  level?: string;
  destination?: DestinationStream;
}

export function createLogger(setup: LoggerSetup = {}): Logger {
  const options: LoggerOptions = {
    name: 'whoowns',
    level: setup.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return setup.destination ? pino(options, setup.destination) : pino(options, pino.destination(2));
}

/** A logger that writes nothing, for tests and for CLI commands run with --quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
