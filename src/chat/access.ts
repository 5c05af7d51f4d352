import type { ChatContext } from './types.js';

// Posture data shows how to attack the account, so it is only for listed people, in listed places.
// An empty list means "nobody is restricted" only for the console; chat platforms need a list.

export interface AccessPolicy {
  postureUsers: string[];
  postureChannels: string[];
  adminContact?: string;
}

export type AccessDecision = { ok: true } | { ok: false; reason: 'user' | 'place' };

export function canSeePosture(policy: AccessPolicy, ctx: Pick<ChatContext, 'platform' | 'user' | 'place'>): AccessDecision {
  if (ctx.platform === 'console') return { ok: true };
  if (!policy.postureUsers.includes(ctx.user.id)) return { ok: false, reason: 'user' };
  // Direct messages with an allowed user are always a fine place; groups must be listed.
  if (ctx.place.kind === 'group' && !policy.postureChannels.includes(ctx.place.id)) return { ok: false, reason: 'place' };
  return { ok: true };
}

/** Mutes and subscriptions change what everybody sees: allowed users only, any place. */
export function canAdminister(policy: AccessPolicy, ctx: Pick<ChatContext, 'platform' | 'user'>): boolean {
  return ctx.platform === 'console' || policy.postureUsers.includes(ctx.user.id);
}
