// Many accounts, one assumed-role session each: a scan of several directory members calls
// sts:AssumeRole once per member (not per request) and GetCallerIdentity at most once per member,
// however many calls the scan makes. (Refresh before expiry: test/cloud/credentials.test.ts.)

import { describe, expect, it } from 'vitest';
import { RoleSessions } from '../../src/cloud/credentials.js';
import { listDirectoryMembers, membersToAccounts } from '../../src/cloud/directory.js';
import { scenario } from '../../src/emulator/index.js';
import { collectFrom, optionsFor, withEmulator } from './helpers.js';

const MEMBERS = ['2000000000000002', '3000000000000003', '4000000000000004', '5000000000000005'];
const DIRECTORY = scenario({
  account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
  resourceDirectory: { members: MEMBERS.map((accountId, i) => ({ accountId, displayName: `m${i}`, scenario: i % 2 ? 'clean' : 'demo' })) },
});

describe('assumed-role sessions across members', () => {
  it('one AssumeRole per member per scan, whatever the number of requests', async () => {
    await withEmulator(DIRECTORY, async (emu) => {
      const { account: _a, ...base } = optionsFor(emu);
      const accounts = membersToAccounts(await listDirectoryMembers(base), { roleName: 'whoowns-reader', exclude: ['1000000000000001'] });
      expect(accounts).toHaveLength(MEMBERS.length);
      const snaps = await Promise.all(accounts.map((account) => collectFrom(emu, { account })));
      expect(snaps.map((s) => s.identity?.accountId)).toEqual(MEMBERS);

      const count = (action: string) => emu.calls.filter((c) => c.action === action).length;
      const requests = emu.calls.length;
      expect(requests).toBeGreaterThan(40 * MEMBERS.length);
      expect(count('AssumeRole')).toBe(MEMBERS.length);
      expect(count('GetCallerIdentity')).toBeLessThanOrEqual(MEMBERS.length);
    });
  });

  it('sessions kept across scans: a second scan of every member assumes nothing; a refused role is asked again next time', async () => {
    const withMissing = scenario({
      account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
      resourceDirectory: { members: [...MEMBERS.slice(0, 2).map((accountId, i) => ({ accountId, displayName: `m${i}`, scenario: 'clean' as const })), { accountId: '6000000000000006', displayName: 'norole', scenario: 'clean' as const, role: 'missing' as const }] },
    });
    await withEmulator(withMissing, async (emu) => {
      const { account: _a, ...base } = optionsFor(emu);
      const accounts = membersToAccounts(await listDirectoryMembers(base), { roleName: 'whoowns-reader', exclude: ['1000000000000001'] });
      const roleSessions = new RoleSessions();
      const scanAll = () => Promise.allSettled(accounts.map((account) => collectFrom(emu, { account, roleSessions })));
      const assumes = () => emu.calls.filter((c) => c.action === 'AssumeRole').length;
      const first = await scanAll();
      expect(first.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(assumes()).toBe(3);
      const second = await scanAll();
      expect(second.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      // The two good members reuse their sessions; only the refused role is asked again.
      expect(assumes()).toBe(4);
    });
  });
});
