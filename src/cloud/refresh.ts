// Targeted refresh: re-read one security group or one RAM user and patch it into a snapshot,
// so a chat command about one resource does not rescan the account.

import { WhoownsError } from '../core/errors.js';
import type { Gap, RamUser, SecurityGroup, Snapshot } from './snapshot.js';
import { readOneSecurityGroup } from './collect-region.js';
import { readOneUser } from './collect-ram.js';
import { openSession, type SessionOptions } from './session.js';

export type RefreshTarget = { type: 'security-group'; region: string; id: string } | { type: 'ram-user'; name: string };

const SG_ACTIONS = new Set(['DescribeSecurityGroups', 'DescribeSecurityGroupAttribute']);

function isAboutTarget(g: Gap, target: RefreshTarget): boolean {
  if (target.type === 'security-group') {
    return g.service === 'ecs' && g.region === target.region && g.resource === target.id && SG_ACTIONS.has(g.action);
  }
  return (g.service === 'ram' || g.service === 'ims') && g.resource !== undefined && (g.resource === target.name || g.resource.startsWith(`${target.name}/`));
}

/** Replace (or add, or remove) one item in a list that may be unknown (null stays null). */
function upsert<T>(items: T[] | null, same: (t: T) => boolean, next: T | 'not-found'): T[] | null {
  if (items === null) return null;
  const rest = items.filter((t) => !same(t));
  if (next === 'not-found') return rest;
  const at = items.findIndex(same);
  if (at < 0) return [...rest, next];
  const copy = [...items];
  copy[at] = next;
  return copy;
}

/**
 * Patch a re-read resource into a snapshot. `fresh` = null means the re-read failed: the old
 * data stays and the new gaps explain why it may be stale.
 */
export function patchSnapshot(
  snapshot: Snapshot,
  target: RefreshTarget,
  fresh: SecurityGroup | RamUser | 'not-found' | null,
  newGaps: Gap[],
  calls: { apiCalls: number; retries: number },
): Snapshot {
  const keptGaps = fresh === null ? snapshot.gaps : snapshot.gaps.filter((g) => !isAboutTarget(g, target));
  const base: Snapshot = {
    ...snapshot,
    gaps: [...keptGaps, ...newGaps],
    stats: {
      ...snapshot.stats,
      apiCalls: snapshot.stats.apiCalls + calls.apiCalls,
      retries: snapshot.stats.retries + calls.retries,
    },
  };
  if (fresh === null) return base;
  if (target.type === 'security-group') {
    const region = snapshot.regionData[target.region];
    if (!region) return base;
    const next = upsert(region.securityGroups, (g) => g.securityGroupId === target.id, fresh as SecurityGroup | 'not-found');
    return { ...base, regionData: { ...snapshot.regionData, [target.region]: { ...region, securityGroups: next } } };
  }
  if (!snapshot.ram) return base;
  const users = upsert(snapshot.ram.users, (u) => u.userName === target.name, fresh as RamUser | 'not-found');
  return { ...base, ram: { ...snapshot.ram, users } };
}

export interface RefreshOutcome {
  snapshot: Snapshot;
  /**
   * found: re-read; gone: it no longer exists (removed); failed: could not re-read (see gaps);
   * rescanned: there was no cached snapshot, so the whole account was scanned.
   */
  result: 'found' | 'gone' | 'failed' | 'rescanned';
}

export async function refreshResource(
  opts: SessionOptions,
  snapshot: Snapshot,
  target: RefreshTarget,
): Promise<RefreshOutcome> {
  if (target.type === 'security-group' && !snapshot.regions.includes(target.region)) {
    throw new WhoownsError('NOT_FOUND', {
      zh: `地域 ${target.region} 不在这次扫描的范围内(${snapshot.regions.join(', ') || '无'})。`,
      en: `Region ${target.region} is not part of this snapshot (${snapshot.regions.join(', ') || 'none'}).`,
    });
  }
  const session = await openSession(opts);
  const { caller, limits } = session;
  const fresh =
    target.type === 'security-group'
      ? await readOneSecurityGroup(caller, target.region, target.id, {
          ecs: true,
          vpc: false,
          ...(limits.pageSize ? { pageSize: limits.pageSize } : {}),
        })
      : await readOneUser(caller, target.name);
  const next = patchSnapshot(snapshot, target, fresh, caller.gaps, caller.stats);
  return { snapshot: next, result: fresh === null ? 'failed' : fresh === 'not-found' ? 'gone' : 'found' };
}
