import { describe, expect, it } from 'vitest';
import { canSeePosture, placeCleared, type AccessPolicy } from '../../src/chat/access.js';
import type { ChatPlace, Platform } from '../../src/chat/types.js';

const policy: AccessPolicy = { postureUsers: ['U_SEC'], postureChannels: ['C_SEC'] };
const ask = (platform: Platform, place: ChatPlace, user = 'U_SEC') => ({ platform, user: { platform, id: user }, place });

describe('canSeePosture', () => {
  it('posts for everyone only in listed places; elsewhere on Slack only the asker sees it', () => {
    expect(canSeePosture(policy, ask('slack', { id: 'C_SEC', kind: 'group' }))).toEqual({ ok: true, audience: 'place' });
    expect(canSeePosture(policy, ask('slack', { id: 'C_RANDOM', kind: 'group' }))).toEqual({ ok: true, audience: 'asker' });
    // A DM may be between two people: never "everyone" on Slack.
    expect(canSeePosture(policy, ask('slack', { id: 'D1', kind: 'direct' }))).toEqual({ ok: true, audience: 'asker' });
  });

  it('refuses people who are not listed, wherever they ask', () => {
    expect(canSeePosture(policy, ask('slack', { id: 'C_SEC', kind: 'group' }, 'U_X'))).toEqual({ ok: false, reason: 'user' });
    expect(canSeePosture(policy, ask('dingtalk', { id: 'cid1', kind: 'direct' }, 'U_X'))).toEqual({ ok: false, reason: 'user' });
  });

  it('on a platform without private replies, answers a one-to-one chat and refuses an unlisted group', () => {
    expect(canSeePosture(policy, ask('dingtalk', { id: 'cid1', kind: 'direct' }))).toEqual({ ok: true, audience: 'place' });
    expect(canSeePosture(policy, ask('dingtalk', { id: 'cid-group', kind: 'group' }))).toEqual({ ok: false, reason: 'place' });
    expect(canSeePosture(policy, ask('dingtalk', { id: 'C_SEC', kind: 'group' }))).toEqual({ ok: true, audience: 'place' });
  });

  it('clears a place for digests only when everyone there may see posture', () => {
    expect(placeCleared(policy, ask('slack', { id: 'C_SEC', kind: 'group' }))).toBe(true);
    expect(placeCleared(policy, ask('slack', { id: 'C_RANDOM', kind: 'group' }))).toBe(false);
    expect(placeCleared(policy, ask('slack', { id: 'D1', kind: 'direct' }))).toBe(false);
  });
});
