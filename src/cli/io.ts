import type { Redactor } from '../core/redact.js';

// What a CLI command may touch, passed in so tests run commands in-process with real behaviour.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Lines of standard input, read lazily (for bulk modes). */
  lines(): AsyncIterable<string>;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export function uiLang(env: NodeJS.ProcessEnv): 'zh' | 'en' {
  const v = env.WHOOWNS_LANG ?? env.LC_ALL ?? env.LANG ?? '';
  return v.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** CLI output (stdout and stderr) through the redactor. Here, not in security/guard, because nothing outside the CLI may import it. */
export function redactingIo(io: CliIo, r: Redactor): CliIo {
  return { ...io, out: (t) => io.out(r.redact(t)), err: (t) => io.err(r.redact(t)) };
}
