import type { Logger } from '../../../core/logger.js';

// Slack always sends these fields; a payload without them is broken or forged. Answering it
// anyway would run a command as nobody, in no channel, or with nowhere to reply.

/** Names of the fields that are not strings; those listed in `mayBeEmpty` may be "". */
export function missingFields(fields: Record<string, unknown>, mayBeEmpty: string[] = []): string[] {
  return Object.entries(fields)
    .filter(([name, v]) => typeof v !== 'string' || (v === '' && !mayBeEmpty.includes(name)))
    .map(([name]) => name);
}

/** Log (field names only, never values) that a payload was dropped. */
export function ignored(log: Logger, kind: string, missing: string[]): void {
  log.warn({ platform: 'slack', kind, missing }, 'slack payload ignored');
}
