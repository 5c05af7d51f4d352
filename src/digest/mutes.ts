import { summarize } from '../posture/run.js';
import type { Finding, ScanResult } from '../posture/types.js';
import type { MuteRecord } from '../store/mutes.js';

// Chat mutes (/posture mute) apply to digests as they do to chat answers: a muted finding is
// counted as muted, never as open or resolved.

export function applyChatMutes(scan: ScanResult, active: MuteRecord[]): ScanResult {
  if (!active.length) return scan;
  const byFp = new Map(active.map((m) => [m.fingerprint, m]));
  let changed = false;
  const findings: Finding[] = scan.findings.map((f) => {
    const m = byFp.get(f.fingerprint);
    if (!m || f.status !== 'fail' || f.muted) return f;
    changed = true;
    return { ...f, muted: { reason: m.reason, by: m.mutedBy, until: m.until.slice(0, 10) } };
  });
  return changed ? { ...scan, findings, summary: summarize(findings, scan.passes) } : scan;
}
