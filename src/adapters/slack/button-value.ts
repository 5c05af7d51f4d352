import type { Locale } from '../../chat/types.js';

// A button carries the command it runs and the language of the message it sits in, so a click
// answers in the same language without guessing from an empty text. Slack caps `value` at 2000.

export const BUTTON_VALUE_MAX = 2000;
export const ACTION_ID_PREFIX = 'whoowns_cmd_';
export const ACTION_ID_PATTERN = /^whoowns_cmd_\d+$/;

export interface ButtonValue {
  cmd: string;
  lang: Locale;
}

/** The JSON value, or undefined when the command is too long to fit (a cut command would be wrong). */
export function encodeButtonValue(v: ButtonValue): string | undefined {
  const json = JSON.stringify({ cmd: v.cmd, lang: v.lang });
  return json.length <= BUTTON_VALUE_MAX ? json : undefined;
}

/** Values come back from Slack signed, but still parse defensively: old messages outlive releases. */
export function decodeButtonValue(value: string | undefined): ButtonValue | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { cmd, lang } = parsed as Record<string, unknown>;
  if (typeof cmd !== 'string' || cmd.trim() === '') return undefined;
  return { cmd: cmd.trim(), lang: lang === 'zh' ? 'zh' : 'en' };
}
