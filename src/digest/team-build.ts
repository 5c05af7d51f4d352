import type { ScanResult } from '../posture/types.js';
import { buildDigest, type BuildOptions } from './build.js';
import type { TeamDigestSpec } from './schedule-config.js';
import type { DigestMessage, DigestState } from './types.js';

// Team digests (issue #15): the account's digest cut to one team. Pure, like buildDigest.
//
// A team sees the failing findings on resources it owns (the routing of owners:, carried on each
// finding) compared with the same cut of the last delivered state; the checks' errors stay
// account-wide so "not read this time" is as careful as in the account's digest. A finding that
// moved to another team (re-tagged) is not "resolved" for the old one: it is still open.

export function buildTeamDigests(
  previous: DigestState | null,
  scan: ScanResult,
  whole: DigestMessage,
  now: Date,
  opts: BuildOptions,
  teams: Record<string, TeamDigestSpec>,
): Record<string, DigestMessage> {
  const stillOpen = new Set(whole.state.open.map((i) => i.fingerprint));
  const unowned = scan.findings.filter((f) => f.status === 'fail' && !f.muted && f.team?.teams.length === 0).length;
  const out: Record<string, DigestMessage> = {};
  for (const [id, spec] of Object.entries(teams)) {
    // A state from before routing has no teams on its items: this team's first digest.
    const prev = previous?.routed ? { ...previous, open: previous.open.filter((i) => i.teams?.includes(id)) } : null;
    const own: ScanResult = { ...scan, findings: scan.findings.filter((f) => f.status !== 'fail' || f.team?.teams.includes(id)) };
    const m = buildDigest(prev, own, now, { ...opts, trend: [] });
    const moved = m.resolved.filter((i) => stillOpen.has(i.fingerprint)).length;
    m.resolved = m.resolved.filter((i) => !stillOpen.has(i.fingerprint));
    if (m.kind === 'changed' && !m.newFindings.length && !m.resolved.length && !m.newlyMuted.length) m.kind = 'unchanged';
    // Never read back (the account's state is the one kept), so not stored twice.
    m.state = { ...m.state, open: [], muted: [] };
    m.team = { id, name: spec.name, unowned, ...(moved ? { movedAway: moved } : {}), ...(spec.mention ? { mention: spec.mention } : {}) };
    out[id] = m;
  }
  return out;
}
