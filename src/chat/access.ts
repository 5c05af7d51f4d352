import type { AccountAccessRules } from '../posture/account-access.js';
import type { ChatContext, Platform } from './types.js';

// Posture data shows how to attack the account, so it is only for listed people, and it is shown
// to everyone in a place only where that place is listed. An empty list means "nobody is
// restricted" only for the console; chat platforms need a list.

export interface AccessPolicy {
  postureUsers: string[];
  postureChannels: string[];
  adminContact?: string;
  /** Per-account limits (accountAccess:), judged by src/posture/account-access.ts. */
  accounts?: AccountAccessRules;
}

/**
 * 'place': post it for everyone where it was asked; 'asker': show it to the asker alone.
 * Refused: the user is not listed, or the place is not cleared and the platform cannot answer
 * one person privately.
 */
export type AccessDecision = { ok: true; audience: 'place' | 'asker' } | { ok: false; reason: 'user' | 'place' };

/**
 * Platforms that can show a reply to the asker alone in any conversation (Slack's ephemeral
 * messages). On Slack even a DM may be between two people (a slash command's payload cannot tell
 * them apart), so an unlisted place there is always answered privately.
 */
const PRIVATE_REPLIES: Record<Platform, boolean> = { slack: true, dingtalk: false, console: false };

export function canSeePosture(policy: AccessPolicy, ctx: Pick<ChatContext, 'platform' | 'user' | 'place'>): AccessDecision {
  if (ctx.platform === 'console') return { ok: true, audience: 'place' };
  if (!policy.postureUsers.includes(ctx.user.id)) return { ok: false, reason: 'user' };
  if (policy.postureChannels.includes(ctx.place.id)) return { ok: true, audience: 'place' };
  if (PRIVATE_REPLIES[ctx.platform]) return { ok: true, audience: 'asker' };
  // Without private replies, only a one-to-one conversation with the bot shows nobody else
  // (DingTalk says so in the message itself: conversationType 1).
  if (ctx.place.kind === 'direct') return { ok: true, audience: 'place' };
  return { ok: false, reason: 'place' };
}

/** Digests are posted for everyone in the place: only a place cleared for posture may get them. */
export function placeCleared(policy: AccessPolicy, ctx: Pick<ChatContext, 'platform' | 'user' | 'place'>): boolean {
  const decision = canSeePosture(policy, ctx);
  return decision.ok && decision.audience === 'place';
}

/** Mutes and subscriptions change what everybody sees: allowed users only, any place. */
export function canAdminister(policy: AccessPolicy, ctx: Pick<ChatContext, 'platform' | 'user'>): boolean {
  return ctx.platform === 'console' || policy.postureUsers.includes(ctx.user.id);
}
