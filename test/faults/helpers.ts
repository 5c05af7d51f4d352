import { expect } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadOsEol } from '../../src/checks/os-eol.js';
import { DEFAULT_THRESHOLDS } from '../../src/checks/thresholds.js';
import { collectSnapshot, type CollectOptions } from '../../src/cloud/index.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type EmulatorCredential, type FaultRule, type RunningEmulator } from '../../src/emulator/index.js';
import { gapMatches, gapSentence } from '../../src/checks/gaps.js';
import { runChecks } from '../../src/posture/run.js';
import type { Finding, ScanResult } from '../../src/posture/types.js';
import { fakeContext, harness } from '../commands/helpers.js';
import { optionsFor } from '../cloud/helpers.js';

// A scan of the demo account on the emulator, with faults injected, judged against the same scan
// without faults: what could be read is there, what could not is a gap with its cause, and no
// finding reads better than the truth because of a gap.

export const EOL = loadOsEol();
/** One clock for every scan here, so fingerprints and ages compare. */
export const NOW = new Date();

export interface FaultedScan {
  snapshot: Snapshot;
  scan: ScanResult;
  emu: RunningEmulator;
}

export interface ScanOptions {
  collect?: Partial<CollectOptions>;
  credentials?: EmulatorCredential[];
  /** Called with the running emulator before the scan (to change faults or keys mid-scan). */
  before?: (emu: RunningEmulator) => void;
  /** Move the demo's dates to this day, as `--demo` does (certificate and key ages are relative). */
  now?: Date;
}

/** Quick retries so storms and bursts resolve in milliseconds, not the production seconds. */
export const FAST = { baseDelayMs: 2, maxDelayMs: 40, maxRetryAfterMs: 60 };

export async function scanUnder(faults: FaultRule[], o: ScanOptions = {}): Promise<FaultedScan> {
  const emu = await startEmulator({ scenario: loadScenario('demo', o.now ? { now: o.now } : {}), faults, ...(o.credentials ? { credentials: o.credentials } : {}) });
  try {
    o.before?.(emu);
    const base = optionsFor(emu, o.collect);
    const snapshot = await collectSnapshot({ ...base, limits: { ...base.limits, ...FAST, ...o.collect?.limits } });
    return { snapshot, scan: evaluate(snapshot), emu };
  } finally {
    await emu.stop();
  }
}

/** The scan's findings of these checks as sorted "check resource status" lines, for whole-table assertions. */
export function findingTable(scan: ScanResult, checks: readonly string[]): string[] {
  return scan.findings.filter((f) => checks.includes(f.checkId)).map((f) => `${f.checkId} ${f.resource.id} ${f.status}`).sort();
}

export function evaluate(snapshot: Snapshot): ScanResult {
  // Passes listed: the fault tests compare them with the fault-free scan (no pass only under faults).
  return runChecks(snapshot, { thresholds: DEFAULT_THRESHOLDS, now: NOW, eol: EOL, filter: { includePasses: true } });
}

let baselineScan: Promise<FaultedScan> | undefined;
/** The demo account read without faults (once per file). */
export function baseline(): Promise<FaultedScan> {
  baselineScan ??= scanUnder([]);
  return baselineScan;
}

const NEEDS = new Map(ALL_CHECKS.map((c) => [c.meta.id, c.meta.needs]));

/** The gaps that bear on one finding: a call its check needs, in its region, for it or its whole scope. */
export function gapsFor(f: Finding, scan: ScanResult): ScanResult['gaps'] {
  const ids = [f.resource.id, f.resource.name, `${f.resource.name}/${f.resource.id}`];
  return scan.gaps.filter(
    (g) =>
      (NEEDS.get(f.checkId) ?? []).some((n) => gapMatches(g, n)) &&
      (g.region === undefined || f.resource.region === undefined || g.region === f.resource.region) &&
      (g.resource === undefined || ids.includes(g.resource)),
  );
}

/**
 * A finding's identity without its account: when GetCallerIdentity fails the account id is not
 * known and fingerprints change (see the fingerprint test in cloud-faults.test.ts).
 */
export function keyOf(f: Finding): string {
  return [f.checkId, f.resource.region ?? '', f.resource.type, f.resource.type === 'account' ? '' : f.resource.id, f.detail ?? ''].join('|');
}

/** Ids of the checks that read `action`. */
export function checksNeeding(action: string): Set<string> {
  return new Set(ALL_CHECKS.filter((c) => c.meta.needs.some((n) => n.action === action)).map((c) => c.meta.id));
}

/**
 * The honesty rules for a scan that met faults:
 * - every gap names the call and a cause;
 * - the scan says it is incomplete exactly when there are gaps;
 * - a finding that fails in the full scan still fails, or its check reports an error — never a pass or a skip;
 * - a pass is a pass in the full scan too, and no gap bears on it.
 */
export function expectHonest(faulted: ScanResult, full: ScanResult): void {
  for (const g of faulted.gaps) {
    expect(g.action, JSON.stringify(g)).toMatch(/\S/);
    expect(g.code, JSON.stringify(g)).toMatch(/\S/);
    expect(g.message, JSON.stringify(g)).toMatch(/\S/);
  }
  expect(faulted.incomplete).toBe(faulted.gaps.length > 0);
  const byKey = new Map(faulted.findings.map((f) => [keyOf(f), f]));
  for (const b of full.findings.filter((x) => x.status === 'fail')) {
    const f = byKey.get(keyOf(b));
    if (f) expect(['fail', 'error'], `${b.checkId} ${b.resource.id} flipped to ${f.status}`).toContain(f.status);
    else expect(faulted.findings.some((x) => x.checkId === b.checkId && x.status === 'error'), `${b.checkId} ${b.resource.id} vanished without an error`).toBe(true);
  }
  const fullByKey = new Map(full.findings.map((f) => [keyOf(f), f]));
  for (const f of faulted.findings.filter((x) => x.status === 'pass')) {
    expect(fullByKey.get(keyOf(f))?.status, `${f.checkId} ${f.resource.id} passes only under faults`).toBe('pass');
    expect(gapsFor(f, faulted), `${f.checkId} ${f.resource.id} passes despite gaps`).toEqual([]);
  }
}

/** The posture summary in chat over this snapshot: it must say the answer is incomplete and why. */
export async function expectChatSaysIncomplete(snapshot: Snapshot, scan: ScanResult): Promise<string> {
  const h = harness({ snapshot });
  const en = fakeContext();
  await h.dispatch({ command: 'posture', text: '' }, en.ctx);
  const text = en.text();
  expect(text).toMatch(/Incomplete\*\*: \d+ calls? failed, so anything not listed below is unknown, not clean/);
  // The first gap's cause (call, region, code, what to do) is spelled out.
  expect(text).toContain(gapSentence(scan.gaps[0]!).en);
  const zh = fakeContext({ locale: 'zh' });
  await h.dispatch({ command: 'posture', text: '' }, zh.ctx);
  expect(zh.text()).toMatch(/结果不完整/);
  expect(zh.text()).toContain(gapSentence(scan.gaps[0]!).zh);
  return text;
}

export { DEFAULT_EMULATOR_CREDENTIAL };
