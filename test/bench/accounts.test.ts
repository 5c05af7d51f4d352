// bench:accounts' checks at a small size, against the emulator in this process: every member's
// findings name the account their resources came from (no cross-account mix-ups), nothing is
// lost, and each member's role is assumed once. The same members share resource ids (the
// generator numbers them alike), so a mix-up could not hide behind different ids.

import { describe, expect, it } from 'vitest';
import { directorySource, integrity, readAccounts } from '../../bench/accounts.js';
import { directoryScenario } from '../../bench/lib/emulator-child.js';
import { silentLogger } from '../../src/core/logger.js';
import { startEmulator } from '../../src/emulator/index.js';

const SIZE = { regions: 1, instances: 6, securityGroups: 4, rulesPerGroup: 3, disks: 6, users: 5 };

describe('many accounts, one process', () => {
  it('every finding belongs to the account it was read from; no resource lost; one AssumeRole per member', async () => {
    const d = directoryScenario(3, SIZE);
    const emu = await startEmulator({ scenario: d.scenario, memberScenarios: d.members, faults: [{ action: '*', kind: 'throttle', ratePerSec: 50 }] });
    try {
      const posture = directorySource(emu.url, silentLogger());
      await posture.discover({ force: true });
      expect(posture.accounts.map((a) => a.accountId)).toEqual(['7000000000000000', '7000000000000001', '7000000000000002']);
      const reads = await readAccounts(posture, posture.accounts, 3, silentLogger());
      expect(reads.every((r) => r.scan && r.scan.findings.length > 0)).toBe(true);
      expect(integrity(reads, SIZE)).toEqual({ lost: 0, mixUps: 0, failed: 0 });
      expect(emu.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(3);

      // The check itself sees a mix-up: one account's results filed under another.
      const swapped = [{ ...reads[0]!, account: reads[1]!.account }, ...reads.slice(1)];
      expect(integrity(swapped, SIZE).mixUps).toBeGreaterThan(0);
    } finally {
      await emu.stop();
    }
  });
});
