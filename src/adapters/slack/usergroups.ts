import type { WebClient } from '@slack/web-api';
import { WhoownsError } from '../../core/errors.js';
import { reasonOf } from './delivery.js';

// Which Slack user groups a user is in, for /posture mine (issue #15). Slack answers only
// "who is in group S…" (usergroups.users.list, scope usergroups:read), so we ask that for the
// groups the config names and keep each answer a while: a membership change shows up within
// the TTL, and a busy channel does not call Slack once per command.

export const USERGROUP_TTL_MS = 10 * 60_000;

export interface UsergroupLookup {
  /** The ones of `groupIds` the user belongs to; throws (bilingual, with the fix) when Slack refuses. */
  userIn(userId: string, groupIds: string[]): Promise<string[]>;
}

export function createUsergroupLookup(client: Pick<WebClient, 'usergroups'>, o: { ttlMs?: number; now?: () => number } = {}): UsergroupLookup {
  const ttl = o.ttlMs ?? USERGROUP_TTL_MS;
  const now = o.now ?? Date.now;
  const cache = new Map<string, { users: Set<string>; until: number } | Promise<Set<string>>>();

  async function members(id: string): Promise<Set<string>> {
    const hit = cache.get(id);
    if (hit instanceof Promise) return hit;
    if (hit && now() < hit.until) return hit.users;
    // One request per group for everybody asking at the same moment.
    const pending = client.usergroups.users
      .list({ usergroup: id })
      .then((r) => {
        const users = new Set(r.users ?? []);
        cache.set(id, { users, until: now() + ttl });
        return users;
      })
      .catch((e: unknown) => {
        cache.delete(id);
        throw refused(id, e);
      });
    cache.set(id, pending);
    return pending;
  }

  return {
    async userIn(userId, groupIds) {
      const out: string[] = [];
      for (const id of groupIds) if ((await members(id)).has(userId)) out.push(id);
      return out;
    },
  };
}

function refused(id: string, e: unknown): WhoownsError {
  const reason = reasonOf(e);
  return new WhoownsError(
    'CONFIG_INVALID',
    {
      zh: `无法读取 Slack 用户组 ${id} 的成员(${reason}):请给 Slack 应用添加 usergroups:read 权限并重新安装,或在配置文件的 owners.members 下列出成员。`,
      en: `Could not read the members of Slack user group ${id} (${reason}): add the usergroups:read scope to the Slack app and reinstall it, or list the members under owners.members in the config file.`,
    },
    e,
  );
}
