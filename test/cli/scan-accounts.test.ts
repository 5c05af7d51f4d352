// whoowns accounts and whoowns scan --account all against the emulator's Resource Directory.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { DEFAULT_EMULATOR_CREDENTIAL, scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { mapLimit } from '../../src/cli/scan-accounts.js';
import { cli } from './helpers.js';

let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emu = await startEmulator({
    scenario: scenario({
      account: { accountId: '1000000000000001', accountAlias: 'mgmt' },
      resourceDirectory: {
        members: [
          { accountId: '2000000000000002', displayName: 'shop', scenario: 'demo' },
          { accountId: '3000000000000003', displayName: 'staging', scenario: 'clean' },
          { accountId: '5000000000000005', displayName: 'finance', scenario: 'clean', role: 'denied' },
        ],
      },
    }),
  });
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', DEFAULT_EMULATOR_CREDENTIAL.accessKeyId);
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
  const dir = mkdtempSync(join(tmpdir(), 'whoowns-rd-'));
  const file = join(dir, 'whoowns.yaml');
  writeFileSync(
    file,
    'accounts:\n  - name: prod\n    roleArn: acs:ram::2000000000000002:role/audit\nresourceDirectory:\n  roleName: whoowns-reader\n  exclude: ["1000000000000001"]\n',
    { mode: 0o600 },
  );
  env = {
    LANG: 'en_US.UTF-8',
    HOME: '/nonexistent',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
    WHOOWNS_CONFIG: file,
    WHOOWNS_REGIONS: 'cn-hangzhou',
    WHOOWNS_DATA_DIR: dir,
    ...endpointEnv(emu.url),
  };
});

afterAll(async () => {
  await emu?.stop();
  vi.unstubAllEnvs();
});

describe('whoowns with a Resource Directory', () => {
  it('whoowns accounts lists configured and discovered accounts, merged by id', async () => {
    const { code, stdout } = await cli(['accounts', '--json'], { env });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { accounts: { name: string; accountId: string; source: string }[] };
    expect(doc.accounts.map((a) => [a.name, a.accountId, a.source])).toEqual([
      ['prod', '2000000000000002', 'config'],
      ['staging', '3000000000000003', 'resource-directory'],
      ['finance', '5000000000000005', 'resource-directory'],
    ]);
    const table = await cli(['accounts'], { env });
    expect(table.stdout).toMatch(/staging\s+3000000000000003\s+acs:ram::3000000000000003:role\/whoowns-reader\s+resource-directory/);
  });

  it('scan --account all reads every account; the denied one is reported and exits 3, the rest are scanned', async () => {
    const { code, stdout, stderr } = await cli(['scan', '--account', 'all', '--format', 'json'], { env });
    expect(code).toBe(3);
    const doc = JSON.parse(stdout) as { accounts: { account: string; accountId: string | null; scan?: { account: { name: string; id: string }; findings: { resource: { id: string } }[] }; error?: string }[] };
    expect(doc.accounts.map((a) => a.account)).toEqual(['prod', 'staging', 'finance']);
    // No cross-account mix-up: each scan is of the account it names.
    expect(doc.accounts[0]!.scan!.account).toEqual({ name: 'prod', id: '2000000000000002' });
    expect(doc.accounts[1]!.scan!.account).toEqual({ name: 'staging', id: '3000000000000003' });
    expect(doc.accounts[0]!.scan!.findings.length).toBeGreaterThan(doc.accounts[1]!.scan!.findings.length);
    expect(doc.accounts[2]!.error).toMatch(/cannot assume role acs:ram::5000000000000005:role\/whoowns-reader \(NoPermission/);
    expect(stderr).toMatch(/finance: Account finance: cannot assume role/);
  });

  it('scan --account a,b scans just those, by name or id; an unknown one is a usage error', async () => {
    const { code, stdout } = await cli(['scan', '--account', 'staging', '--account', '2000000000000002', '--format', 'table'], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/=== staging \(3000000000000003\) ===/);
    expect(stdout).toMatch(/=== prod \(2000000000000002\) ===/);
    const bad = await cli(['scan', '--account', 'staging,nope'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/No account named nope; known accounts: prod, staging, finance/);
    const sarif = await cli(['scan', '--account', 'all', '--format', 'sarif'], { env });
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toMatch(/several accounts prints --format table or json/);
  });

  it('runs at most the cap at once', async () => {
    let running = 0;
    let peak = 0;
    await mapLimit([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    expect(peak).toBe(4);
  });
});
