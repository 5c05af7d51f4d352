// WHOOWNS_POSTURE_USERS / _CHANNELS hold platform ids, and a person's name in their place matches
// nobody: the list silently grants nothing. Ids are not secrets, so a warning may quote them.
// Judged by shape only: Slack ids (U0123ABCD, C0123ABCD) and DingTalk ids (staff ids, cid…==)
// are ASCII tokens with at least one digit; "@alice", "#ops", "Bob" or "张三" are names.

import { plural } from '../core/plural.js';

const ID_SHAPE = /^(?=.*\d)[A-Za-z0-9_.:=+/-]+$/;

/** Commas and whitespace both separate entries: "U1, U2 U3" is three ids, not two. */
export function splitIdList(value: string | undefined): string[] {
  return value ? value.split(/[\s,]+/).filter(Boolean) : [];
}

export function looksLikeId(entry: string): boolean {
  return ID_SHAPE.test(entry);
}

const HINT = {
  users: 'use member ids: in Slack, a profile → ⋮ → Copy member ID (U0123ABCD); in DingTalk, the staff id (userid) from the admin console',
  channels: 'use channel ids: in Slack, channel details → the id at the bottom (C0123ABCD); in DingTalk, the openConversationId (cid…)',
} as const;

/** One warning per variable that has name-shaped entries (empty when all look like ids). */
export function idShapeWarnings(variable: string, kind: keyof typeof HINT, entries: readonly string[]): string[] {
  const odd = entries.filter((e) => !looksLikeId(e));
  if (!odd.length) return [];
  const list = odd.map((e) => JSON.stringify(e)).join(', ');
  return [`${variable}: ${list} ${plural('en', odd.length, { one: 'looks', other: 'look' })} like a name, not an id, and will match nobody; ${HINT[kind]}`];
}
