import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, scenario } from '../../src/emulator/index.js';
import { collectSnapshot, whoami } from '../../src/cloud/index.js';
import { ClientFactory } from '../../src/cloud/clients.js';
import { AssumeRoleProvider, baseCredential } from '../../src/cloud/credentials.js';
import { parseEndpoints } from '../../src/cloud/endpoints.js';
import { Pool } from '../../src/cloud/pool.js';
import { DEFAULT_RETRY_LIMITS, realPacing } from '../../src/cloud/retry.js';
import { capturingLogger, collectFrom, endpointsOf, optionsFor, withEmulator } from './helpers.js';

const ROLE = 'acs:ram::1999999999999999:role/whoowns-audit';

/** Only the environment decides the default chain: no real home directory, no metadata service. */
function isolateChain(env: Record<string, string | undefined>) {
  vi.stubEnv('HOME', mkdtempSync(join(tmpdir(), 'whoowns-home-')));
  for (const k of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_CREDENTIALS_URI', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE', 'ALIBABA_CLOUD_PROFILE']) {
    vi.stubEnv(k, env[k] ?? '');
  }
  vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const tiny = () => scenario({ regions: { 'cn-hangzhou': {}, 'ap-southeast-1': {} } });

describe('credentials', () => {
  it('uses the default chain when no credential is given, and a failed chain does not poison the next scan', async () => {
    await withEmulator(tiny(), async (emu) => {
      const opts = () => {
        const o = optionsFor(emu, { services: ['ecs'] });
        delete o.credential;
        return o;
      };
      isolateChain({});
      const err = await collectSnapshot(opts()).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NO_CREDENTIALS' });
      expect((err as Error).message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');

      isolateChain({
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
      });
      const snap = await collectSnapshot(opts());
      expect(snap.gaps.filter((g) => g.code !== 'NotRequested')).toEqual([]);
      const who = await whoami(opts());
      expect(who.credentialSource).toBe('default/env');
    });
  });

  it('whoami names the identity, the credential source (never the secret) and the regions', async () => {
    await withEmulator(tiny(), async (emu, s) => {
      const who = await whoami(optionsFor(emu));
      expect(who).toEqual({
        accountName: 'test',
        accountId: s.account.accountId,
        arn: s.account.arn,
        identityType: 'Account',
        credentialSource: 'access_key:static_ak',
        regions: ['cn-hangzhou', 'ap-southeast-1'],
        gaps: [],
      });
      expect(JSON.stringify(who)).not.toContain(DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
      const restricted = await whoami({ ...optionsFor(emu), regions: ['ap-southeast-1'] });
      expect(restricted.regions).toEqual(['ap-southeast-1']);
    });
  });

  it('with roleArn, assumes the role once and reads the account as that role', async () => {
    const { log, lines } = capturingLogger();
    await withEmulator(tiny(), async (emu) => {
      const account = { name: 'prod', roleArn: ROLE, roleSessionName: 'whoowns-scan', externalId: 'ext-1' };
      const snap = await collectFrom(emu, { account, log });
      expect(snap.gaps).toEqual([]);
      expect(snap.accountName).toBe('prod');
      expect(snap.identity).toMatchObject({
        accountId: '1999999999999999',
        identityType: 'AssumedRoleUser',
        arn: 'acs:ram::1999999999999999:assumed-role/whoowns-audit/whoowns-scan',
      });
      expect(emu.calls.filter((c) => c.action === 'AssumeRole')).toHaveLength(1);
      expect(snap.stats.apiCalls).toBe(emu.calls.length); // AssumeRole counted too
      const who = await whoami({ ...optionsFor(emu), account });
      expect(who.credentialSource).toBe('ram_role_arn/access_key:static_ak');
      expect(lines.join('')).not.toMatch(/securityToken|accessKeySecret/i);
    });
  });

  it('a refused role fails the scan with a clear message', async () => {
    await withEmulator(tiny(), async (emu) => {
      const err = await collectFrom(emu, { account: { name: 'x', roleArn: 'not-an-arn' } }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CLOUD_CALL' });
      expect((err as Error).message).toContain('not-an-arn');
      expect((err as Error).message).toContain('InvalidParameter.RoleArn');
      const bad = await collectFrom(emu, { account: { name: 'x', roleArn: ROLE, roleSessionName: 'no spaces allowed' } }).catch(
        (e: unknown) => e,
      );
      expect(bad).toMatchObject({ code: 'CONFIG_INVALID' });
    });
  });

  it('refreshes the assumed-role session before it expires', async () => {
    await withEmulator(tiny(), async (emu) => {
      let now = Date.now();
      const provider = new AssumeRoleProvider({
        account: { name: 'p', roleArn: ROLE },
        baseClients: new ClientFactory(baseCredential(DEFAULT_EMULATOR_CREDENTIAL), parseEndpoints(endpointsOf(emu)), {
          readMs: 2000,
          connectMs: 1000,
        }),
        pool: new Pool(),
        retry: DEFAULT_RETRY_LIMITS,
        pacing: realPacing,
        stats: { apiCalls: 0, retries: 0 },
        now: () => new Date(now),
        baseSource: 'access_key',
        durationSeconds: 3600,
      });
      const assumes = () => emu.calls.filter((c) => c.action === 'AssumeRole').length;
      const [a, b] = await Promise.all([provider.getCredentials(), provider.getCredentials()]);
      expect(assumes()).toBe(1); // concurrent callers share one AssumeRole
      expect(a.securityToken).toBe(b.securityToken);
      now += 50 * 60_000;
      expect((await provider.getCredentials()).securityToken).toBe(a.securityToken);
      expect(assumes()).toBe(1);
      now += 6 * 60_000; // 56 min: inside the 5-minute refresh window
      const c = await provider.getCredentials();
      expect(assumes()).toBe(2);
      expect(c.securityToken).not.toBe(a.securityToken);
    });
  });
});
