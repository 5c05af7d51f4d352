// Resource Directory discovery through the real generic RPC client against the emulator's
// directory, and each member read by assuming its role: present, missing and denied.

import { describe, expect, it } from 'vitest';
import { ACTIONS_CALLED } from '../../src/cloud/actions.js';
import { listDirectoryMembers, membersToAccounts, mergeAccounts } from '../../src/cloud/directory.js';
import { isWhoownsError } from '../../src/core/errors.js';
import { loadConfig } from '../../src/config/config.js';
import { fileSchema } from '../../src/config/file.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { loadScenario, scenario } from '../../src/emulator/index.js';
import { collectFrom, optionsFor, withEmulator } from './helpers.js';

const DIRECTORY = scenario({
  name: 'management',
  account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
  resourceDirectory: {
    members: [
      { accountId: '2000000000000002', displayName: 'prod shop', scenario: 'demo' },
      { accountId: '3000000000000003', displayName: 'staging', scenario: 'clean' },
      { accountId: '4000000000000004', displayName: 'sandbox', scenario: 'clean', role: 'missing' },
      { accountId: '5000000000000005', displayName: 'finance', scenario: 'clean', role: 'denied' },
    ],
  },
});

const base = (emu: Parameters<typeof optionsFor>[0]) => {
  const { account: _a, ...rest } = optionsFor(emu, { limits: { pageSize: 2 } });
  return rest;
};

describe('Resource Directory discovery', () => {
  it('lists every member through ListAccounts, paged, and maps each to its reader role', async () => {
    await withEmulator(DIRECTORY, async (emu) => {
      const members = await listDirectoryMembers(base(emu));
      expect(members.map((m) => m.accountId)).toEqual(['1000000000000001', '2000000000000002', '3000000000000003', '4000000000000004', '5000000000000005']);
      expect(emu.calls.filter((c) => c.action === 'ListAccounts' && c.service === 'resourcemanager')).toHaveLength(1);
      const accounts = membersToAccounts(members, { roleName: 'whoowns-reader', exclude: ['1000000000000001'], externalId: 'x-1' });
      expect(accounts.map((a) => [a.name, a.roleArn, a.externalId])).toEqual([
        ['prod-shop', 'acs:ram::2000000000000002:role/whoowns-reader', 'x-1'],
        ['staging', 'acs:ram::3000000000000003:role/whoowns-reader', 'x-1'],
        ['sandbox', 'acs:ram::4000000000000004:role/whoowns-reader', 'x-1'],
        ['finance', 'acs:ram::5000000000000005:role/whoowns-reader', 'x-1'],
      ]);
      expect(membersToAccounts(members, { roleName: 'r', include: ['staging', '2000000000000002'] }).map((a) => a.name)).toEqual(['prod-shop', 'staging']);
    });
  });

  it('the bundled directory scenario serves four members, two of them unreadable', async () => {
    await withEmulator(loadScenario('directory'), async (emu) => {
      const members = await listDirectoryMembers(base(emu));
      expect(members.map((m) => m.displayName)).toEqual(['whoowns-management', 'shop', 'staging', 'sandbox', 'finance']);
    });
  });

  it('pages when the directory holds more than one page', async () => {
    const members = Array.from({ length: 130 }, (_, i) => ({ accountId: String(7000000000000000 + i), displayName: `m${i}`, scenario: 'clean' }));
    await withEmulator(scenario({ resourceDirectory: { members } }), async (emu) => {
      const listed = await listDirectoryMembers(base(emu));
      expect(listed).toHaveLength(131);
      expect(emu.calls.filter((c) => c.action === 'ListAccounts')).toHaveLength(2);
    });
  });

  it('reads each member as its own account; a missing or refused role fails that account only', async () => {
    await withEmulator(DIRECTORY, async (emu) => {
      const accounts = membersToAccounts(await listDirectoryMembers(base(emu)), { roleName: 'whoowns-reader' });
      const byName = (n: string) => accounts.find((a) => a.name === n)!;
      const results = await Promise.allSettled(['prod-shop', 'staging', 'sandbox', 'finance'].map((n) => collectFrom(emu, { account: byName(n) })));
      const [prod, staging, sandbox, finance] = results as [PromiseSettledResult<Snapshot>, PromiseSettledResult<Snapshot>, PromiseSettledResult<Snapshot>, PromiseSettledResult<Snapshot>];
      const value = (r: PromiseSettledResult<Snapshot>) => (r.status === 'fulfilled' ? r.value : undefined);
      expect(value(prod)?.identity?.accountId).toBe('2000000000000002');
      expect(value(staging)?.identity?.accountId).toBe('3000000000000003');
      // The clean member's resources, not the management account's (which has none declared).
      const stagingInstances = Object.values(value(staging)?.regionData ?? {}).flatMap((r) => r.instances ?? []);
      expect(stagingInstances.map((i) => i.instanceId)).toContain('i-bp1cleanapp01');
      for (const [r, code] of [[sandbox, 'EntityNotExist.Role'], [finance, 'NoPermission']] as const) {
        expect(r.status).toBe('rejected');
        const err = (r as PromiseRejectedResult).reason;
        expect(isWhoownsError(err) && err.code).toBe('CLOUD_CALL');
        expect(String(err.messages.en)).toContain(code);
        expect(String(err.messages.zh)).toContain('无法扮演角色');
      }
    });
  });

  it('says what to fix when the credentials are not a directory management account', async () => {
    await withEmulator(scenario({}), async (emu) => {
      const err = await listDirectoryMembers(base(emu)).catch((e: unknown) => e);
      expect(isWhoownsError(err) && err.code).toBe('CLOUD_CALL');
      expect((err as { messages: { en: string } }).messages.en).toMatch(/EntityNotExists\.ResourceDirectory.*management account.*resourcemanager:ListAccounts/);
    });
  });

  it('merges configured and discovered accounts by id, configured first', () => {
    const configured = [{ name: 'prod', roleArn: 'acs:ram::2000000000000002:role/audit' }, { name: 'staging' }];
    const discovered = membersToAccounts(
      [{ accountId: '2000000000000002', displayName: 'prod shop' }, { accountId: '3000000000000003', displayName: 'staging' }],
      { roleName: 'whoowns-reader' },
    );
    expect(mergeAccounts(configured, discovered).map((a) => a.name)).toEqual(['prod', 'staging', '3000000000000003']);
  });

  it('is in the action table, so whoowns policy grants resourcemanager:ListAccounts', () => {
    expect(ACTIONS_CALLED.map((a) => a.ramAction)).toContain('resourcemanager:ListAccounts');
  });
});

describe('resourceDirectory in the config file', () => {
  const load = (file: unknown) => loadConfig({ WHOOWNS_CONFIG: '/x.yaml', WHOOWNS_DEMO: '0', ALIBABA_CLOUD_ACCESS_KEY_ID: 'k' }, { readFile: () => fileSchema.parse(file), exists: () => false });
  it('is optional and validated', () => {
    expect(load({}).cloud.resourceDirectory).toBeUndefined();
    expect(load({ resourceDirectory: { roleName: 'whoowns-reader', exclude: ['1000000000000001'] } }).cloud.resourceDirectory).toEqual({ roleName: 'whoowns-reader', exclude: ['1000000000000001'] });
    expect(() => fileSchema.parse({ resourceDirectory: { roleName: 'bad role' } })).toThrow(/RAM role name/);
  });
});
