// Coded errors: every failure the user can see carries a stable code, a message in both
// languages that says what went wrong and how to fix it, and the original cause (never shown raw).

import { redactPatterns } from './redact.js';

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'CONFIG_FILE'
  /** The data directory (WHOOWNS_DATA_DIR) cannot hold the database: a file, not writable. */
  | 'DATA_DIR'
  /** The state database file is damaged: restore it or move it aside. */
  | 'DB_DAMAGED'
  /** The PostgreSQL database (WHOOWNS_DATABASE_URL) cannot be reached or set up. */
  | 'DB_UNAVAILABLE'
  | 'KB_INVALID'
  | 'QUESTION_EMPTY'
  | 'QUESTION_TOO_LONG'
  | 'QUESTION_BINARY'
  | 'NOT_FOUND'
  | 'NO_CREDENTIALS'
  | 'ENDPOINT_INSECURE'
  | 'ENDPOINT_UNREACHABLE'
  | 'CLOUD_CALL'
  | 'SCENARIO_INVALID'
  | 'SUPPRESSIONS_INVALID'
  | 'NOT_ALLOWED'
  /** An account that is unknown or not visible to the asker here (one answer for both: existence is not revealed). */
  | 'ACCOUNT_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL';

export interface Bilingual {
  zh: string;
  en: string;
}

export class WhoownsError extends Error {
  readonly code: ErrorCode;
  readonly messages: Bilingual;
  override readonly cause?: unknown;

  constructor(code: ErrorCode, messages: Bilingual, cause?: unknown) {
    // Messages are shown to people: nothing shaped like a credential gets into one.
    const safe = { zh: redactPatterns(messages.zh), en: redactPatterns(messages.en) };
    super(safe.en);
    this.name = 'WhoownsError';
    this.code = code;
    this.messages = safe;
    this.cause = cause;
  }

  messageIn(lang: 'zh' | 'en'): string {
    return this.messages[lang];
  }
}

export function isWhoownsError(e: unknown): e is WhoownsError {
  return e instanceof WhoownsError;
}

/** Wrap anything thrown into a WhoownsError without leaking the raw text of unknown errors. */
export function toWhoownsError(e: unknown): WhoownsError {
  if (isWhoownsError(e)) return e;
  return new WhoownsError(
    'INTERNAL',
    {
      zh: '内部错误,请查看日志并向维护者报告。',
      en: 'Internal error; see the log and report it to the maintainers.',
    },
    e,
  );
}
