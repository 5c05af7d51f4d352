import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { Redactor } from './redact.js';
import { secretsFromEnv } from './secrets.js';

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
  /** Secret values to take out of every line (see src/security); default: those in process.env. */
  secrets?: Iterable<string> | Redactor;
}

export function createLogger(setup: LoggerSetup = {}): Logger {
  const options: LoggerOptions = {
    name: 'whoowns',
    level: setup.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  const redactor = setup.secrets instanceof Redactor ? setup.secrets : new Redactor(setup.secrets ?? secretsFromEnv(process.env));
  return pino(options, redactingDestination(setup.destination ?? pino.destination(2), redactor));
}

/**
 * Field paths cannot catch a secret inside a message, an error's text or a stack trace: the
 * serialized line itself goes through the redactor before it is written.
 */
function redactingDestination(inner: DestinationStream, redactor: Redactor): DestinationStream {
  const out: DestinationStream & { flush?: (cb?: (err?: Error) => void) => void } = { write: (line: string) => inner.write(redactor.redact(line)) };
  const flush = (inner as { flush?: (cb?: (err?: Error) => void) => void }).flush;
  if (typeof flush === 'function') out.flush = (cb) => flush.call(inner, cb);
  return out;
}

/** A logger that writes nothing, for tests and for CLI commands run with --quiet. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
