import { writeSync } from 'node:fs';
import { inspect } from 'node:util';
import type { Redactor } from './redact.js';

// The last resort for errors nothing caught. Node's default handler prints the error object
// whole — an HTTP client's error carries the Authorization header it failed to send — so this
// one prints the same detail through the redaction layer, then stops the process: after an
// uncaught error its state is unknown (the database is WAL, a kill here loses nothing).

export type FatalKind = 'uncaughtException' | 'unhandledRejection';

let installed: Redactor | undefined;

/** The text written for a fatal error: a bilingual headline, then the redacted detail. */
export function describeFatal(kind: FatalKind, err: unknown, redactor: Redactor): string {
  const what = kind === 'uncaughtException' ? 'an uncaught error' : 'an unhandled promise rejection';
  const headline =
    `whoowns stopped on ${what}; this is a bug: report it to the maintainers with the details below (secrets are redacted), then start whoowns again.\n` +
    `whoowns 因未处理的错误而停止;这是程序缺陷:请把下面的详情(密钥已隐去)报告给维护者,然后重新启动 whoowns。\n`;
  return redactor.redact(`${headline}${inspect(err, { depth: 6, breakLength: 120 })}\n`);
}

export interface LastResortDeps {
  write?: (text: string) => void;
  exit?: (code: number) => void;
}

/**
 * Install the handlers once per process and return the redactor they use; later calls return
 * that same redactor, so values learnt later (the config file's secrets) can be added to it.
 */
export function installLastResort(redactor: Redactor, deps: LastResortDeps = {}): Redactor {
  if (installed) return installed;
  installed = redactor;
  const write = deps.write ?? writeStderr;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const fatal = (kind: FatalKind) => (err: unknown) => {
    write(describeFatal(kind, err, redactor));
    exit(1);
  };
  process.on('uncaughtException', fatal('uncaughtException'));
  process.on('unhandledRejection', fatal('unhandledRejection'));
  return redactor;
}

function writeStderr(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // stderr closed or non-blocking and full: nothing else can be done at this point.
  }
}
