import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { endpointEnv } from '../../src/cloud/endpoints.js';
import { cli, emulatorEnv } from './helpers.js';
import { readFileSync } from 'node:fs';
import { validate } from '../builders/json-schema.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../schema/scan-v2.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

// End to end: the real CLI, the real SDKs and credential chain (environment variables), the
// emulator serving the demo account on loopback.

let emu: RunningEmulator;

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return emulatorEnv(`http://${emu.endpoint}`, extra);
}

interface JsonFinding {
  checkId: string;
  status: string;
  resource: { id: string };
  reason: string | { en: string; zh: string };
  fingerprint: string;
}

interface JsonDoc {
  schema: string;
  incomplete: boolean;
  gaps: { action: string; missingAction?: string }[];
  checks: Record<string, { owner: string; severity: string }>;
  passes: Record<string, number>;
  summary: { counts: Record<string, number> };
  findings: JsonFinding[];
}

async function scanJson(args: string[] = [], extra: NodeJS.ProcessEnv = {}) {
  const r = await cli(['scan', '--format', 'json', ...args], { env: env(extra) });
  return { ...r, doc: r.stdout ? (JSON.parse(r.stdout) as JsonDoc) : undefined };
}

const failed = (doc: { findings: JsonFinding[] }, checkId: string) =>
  doc.findings.filter((f) => f.checkId === checkId && f.status === 'fail').map((f) => f.resource.id);

// The SDK's default credential chain reads the process environment, as it does in production.
const saved = { id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET };

beforeAll(async () => {
  emu = await startEmulator({ scenario: loadScenario('demo') });
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEFAULT_EMULATOR_CREDENTIAL.accessKeyId;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret;
});
afterAll(async () => {
  await emu.stop();
  for (const [k, v] of [['ALIBABA_CLOUD_ACCESS_KEY_ID', saved.id], ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', saved.secret]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('whoowns scan against the emulator', () => {
  it('finds the planted problems and leaves clean resources alone', async () => {
    const { code, doc } = await scanJson();
    expect(code).toBe(0);
    expect(doc!.incomplete).toBe(false);
    expect(failed(doc!, 'ecs.sg.admin-port-open-world').sort()).toEqual(['sg-bp1web000001', 'sg-t4nall000001', 'sg-t4nrdp000001']);
    // The open 22 in bastion-locked is shadowed by a higher-priority Drop.
    expect(failed(doc!, 'ecs.sg.admin-port-open-world')).not.toContain('sg-bp1bastion01');
    expect(failed(doc!, 'ecs.sg.db-port-open-world')).toContain('sg-bp1db0000001');
    expect(failed(doc!, 'ecs.sg.risky-port-open-world')).toContain('sg-bp1legacy001'); // lower-case accept/tcp
    expect(failed(doc!, 'ecs.sg.all-ports-open-world')).toEqual(['sg-t4nall000001']);
    expect(failed(doc!, 'ecs.instance.os-end-of-life')).toEqual(['i-bp1legacy0001']);
    expect(failed(doc!, 'ram.user.console-no-mfa')).toContain('bob');
    const event = doc!.findings.find((f) => f.checkId === 'ecs.instance.platform-event' && f.status === 'fail');
    expect(doc!.checks[event!.checkId]!.owner).toBe('alibaba-cloud');
  });

  it('writes JSON v2 that validates against schema/scan-v2.schema.json, passes counted, reasons in one language', async () => {
    const { code, doc } = await scanJson();
    expect(code).toBe(0);
    expect(validate(SCHEMA, doc)).toEqual([]);
    expect(doc!.findings.some((f) => f.status === 'pass')).toBe(false);
    const passes = Object.values(doc!.passes).reduce((a, b) => a + b, 0);
    expect(passes).toBeGreaterThan(0);
    expect(doc!.summary.counts.pass).toBe(passes);
    expect(typeof doc!.findings[0]!.reason).toBe('string');
  });

  it('--include-passes lists the passes; --lang both gives reasons in both languages', async () => {
    const { doc: plain } = await scanJson();
    const { code, doc } = await scanJson(['--include-passes', '--lang', 'both']);
    expect(code).toBe(0);
    expect(validate(SCHEMA, doc)).toEqual([]);
    expect(doc!.findings.filter((f) => f.status === 'pass')).toHaveLength(plain!.summary.counts.pass!);
    expect(doc!.findings.find((f) => f.status === 'fail')!.reason).toEqual({ en: expect.any(String), zh: expect.any(String) });
    expect(doc!.passes).toEqual(plain!.passes);
  });

  it('--lang both with a one-language format is refused with exit 2 and a fix', async () => {
    const r = await cli(['scan', '--format', 'table', '--lang', 'both'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang both is for --format json only.*Use --lang zh or --lang en/);
  });

  it('--fail-on high exits 1 when a high finding exists', async () => {
    expect((await scanJson(['--fail-on', 'high'])).code).toBe(1);
  });

  it('a denied action becomes error results and a gap, never a clean pass', async () => {
    emu.setFaults([{ action: 'DescribeDisks', kind: 'deny' }]);
    try {
      const { code, doc } = await scanJson(['--check', 'ecs.disk.unencrypted']);
      expect(code).toBe(0);
      expect(doc!.incomplete).toBe(true);
      expect(doc!.gaps.some((g) => g.action === 'DescribeDisks' && g.missingAction === 'ecs:DescribeDisks')).toBe(true);
      const results = doc!.findings.filter((f) => f.checkId === 'ecs.disk.unencrypted');
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((f) => f.status === 'error')).toBe(true);
      expect(results[0]!.reason).toMatch(/DescribeDisks/);
    } finally {
      emu.setFaults([]);
    }
  });

  it('exits 3 with a fix when no credentials are configured', async () => {
    const r = await cli(['scan', '--format', 'json'], { env: { HOME: '/nonexistent', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/No Alibaba Cloud credentials found.*--demo/);
  });

  it('exits 3 when the endpoint is unreachable', async () => {
    const dead = 'http://127.0.0.1:9';
    const r = await cli(['scan', '--format', 'json'], {
      env: env(endpointEnv(dead)),
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/could not run/);
  });

  it('refuses plain http to a non-loopback endpoint (exit 2)', async () => {
    const r = await cli(['scan'], { env: env({ WHOOWNS_ENDPOINT_ECS: 'http://ecs.example.com' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/http/i);
  });

  it('rejects an unknown check id (exit 2)', async () => {
    const r = await cli(['scan', '--check', 'nope.nothing'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown check: "nope\.nothing"/);
  });

  it('--demo labels every output DEMO DATA', async () => {
    for (const format of ['table', 'markdown', 'csv']) {
      const r = await cli(['scan', '--demo', '--format', format], { env: { HOME: '/nonexistent' } });
      expect(r.stdout, format).toMatch(/DEMO DATA/);
    }
  });

  it('whoami shows the identity and credential source, never the secret', async () => {
    const r = await cli(['whoami'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5812345678901234/);
    expect(r.stdout).not.toContain(DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret);
  });

  it('inventory prints counts per region', async () => {
    const r = await cli(['inventory', '--format', 'json'], { env: env() });
    const doc = JSON.parse(r.stdout) as { regions: { regionId: string; instances: number }[] };
    expect(doc.regions.map((x) => x.regionId).sort()).toEqual(['ap-southeast-1', 'cn-hangzhou']);
  });
});
