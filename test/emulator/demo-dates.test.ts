import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../src/checks/thresholds.js';
import { loadOsEol } from '../../src/checks/os-eol.js';
import { loadScenario } from '../../src/emulator/index.js';
import { runChecks } from '../../src/posture/run.js';
import { collectFrom, withEmulator } from '../cloud/helpers.js';

// The demo is what a new user sees first; its counts must not drift as the calendar moves.
async function failuresOn(now: Date): Promise<string[]> {
  return withEmulator(loadScenario('demo', { now }), async (emu) => {
    const snap = await collectFrom(emu);
    const scan = runChecks(snap, { thresholds: DEFAULT_THRESHOLDS, now, eol: loadOsEol() });
    return scan.findings.filter((f) => f.status === 'fail').map((f) => f.fingerprint).sort();
  });
}

describe('the demo account moves with the calendar', () => {
  it('keeps every date as written when loaded without a day (tests pin them)', () => {
    const demo = loadScenario('demo');
    expect(demo.ram.users.find((u) => u.userName === 'bob')?.lastLoginDate).toBe('2026-11-12T09:40:00Z');
  });

  it('moves every date by whole days to the day it runs', () => {
    const demo = loadScenario('demo', { now: new Date('2027-03-20T15:00:00Z') });
    // 2026-11-15 → 2027-03-20 is 125 days.
    expect(demo.ram.users.find((u) => u.userName === 'bob')?.lastLoginDate).toBe('2027-03-17T09:40:00Z');
  });

  it('finds the same problems a month, a year and three years after it was written', async () => {
    const asWritten = await failuresOn(new Date('2026-11-15T12:00:00Z'));
    expect(asWritten.length).toBeGreaterThan(30);
    for (const later of ['2026-12-15T12:00:00Z', '2027-11-15T12:00:00Z', '2029-11-15T12:00:00Z']) {
      expect(await failuresOn(new Date(later)), later).toEqual(asWritten);
    }
  });
});
