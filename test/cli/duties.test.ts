import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { DutiesReport } from '../../src/posture/duties.js';
import { cli, emulatorEnv } from './helpers.js';

// Through the real CLI against the demo account (the built-in emulator).

const DEMO_ENV = { HOME: '/nonexistent', LANG: 'en_US.UTF-8' };

describe('whoowns duties --demo', () => {
  let rep: DutiesReport;
  beforeAll(async () => {
    const r = await cli(['duties', '--demo', '--format', 'json'], { env: DEMO_ENV });
    expect(r.code, r.stderr).toBe(0);
    rep = JSON.parse(r.stdout) as DutiesReport;
  }, 60_000);

  it('shows every customer duty with evidence', () => {
    expect(rep.duties.length).toBeGreaterThanOrEqual(7);
    for (const d of rep.duties) {
      // Evidence: checks with counts, or products read, or a gap that says why not.
      expect(d.checks.length + d.products.filter((p) => p.state !== 'not-read').length, d.id).toBeGreaterThan(0);
      expect(d.totals.passed + d.totals.failed + d.totals.errors, d.id).toBeGreaterThan(0);
    }
    const os = rep.duties.find((d) => d.id === 'customer.os-patching')!;
    expect(os.products.find((p) => p.id === 'product.security-center')!.detail.en).toMatch(/^Security Center agent on \d+ of \d+ instances .*; \d+ with unfixed high vulnerabilities/);
    const audit = rep.duties.find((d) => d.id === 'customer.audit-monitoring')!;
    expect(audit.products.find((p) => p.id === 'product.actiontrail')).toMatchObject({ state: 'used' });
    expect(rep.duties.find((d) => d.id === 'customer.traffic-security')!.products.find((p) => p.id === 'product.vpn-gateway')).toMatchObject({ state: 'used' });
    expect(rep.cloud.find((l) => l.id === 'cloud.physical')!.events.length).toBeGreaterThan(0);
  });

  it('has the JSON shape scripts rely on', () => {
    expect(Object.keys(rep).sort()).toEqual(['accountId', 'accountName', 'cloud', 'duties', 'incomplete', 'scannedAt', 'source', 'totals']);
    expect(Object.keys(rep.totals).sort()).toEqual(['error', 'fail', 'no-check', 'pass']);
    expect(rep).toMatchObject({ source: 'demo', accountName: 'demo' });
    for (const d of rep.duties) {
      expect(Object.keys(d).sort()).toEqual(['checks', 'gaps', 'id', 'products', 'status', 'summary', 'title', 'totals']);
      for (const c of d.checks) expect(Object.keys(c).sort()).toEqual(['errors', 'failed', 'id', 'muted', 'passed', 'skipped', 'title']);
      for (const p of d.products) expect(['used', 'unused', 'unknown', 'not-read']).toContain(p.state);
    }
    for (const l of rep.cloud) expect(Object.keys(l).sort()).toEqual(['events', 'id', 'signals', 'standards', 'summary', 'title']);
  });

  it('prints a table in Chinese and markdown', async () => {
    const zh = await cli(['duties', '--demo', '--format', 'table', '--lang', 'zh'], { env: DEMO_ENV });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^演示数据/);
    expect(zh.stdout).toContain('■ 操作系统升级与补丁更新');
    expect(zh.stdout).toMatch(/台实例中 \d+ 台安装了云安全中心客户端/);
    expect(zh.stdout).toContain('阿里云的责任(云本身)');
    const md = await cli(['duties', '--demo', '--format', 'markdown'], { env: DEMO_ENV });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^> \*\*DEMO DATA/);
    expect(md.stdout).toContain('## OS upgrades and patching');
  }, 60_000);

  it('refuses a bad --format with exit 2', async () => {
    const bad = await cli(['duties', '--demo', '--format', 'csv'], { env: DEMO_ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid value "csv" for --format\. Valid choices: table, json, markdown/);
  });
});

describe('whoowns duties under a fault', () => {
  let emu: RunningEmulator;
  // The SDK's default credential chain reads the process environment, as it does in production.
  const saved = { id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET };
  beforeAll(async () => {
    emu = await startEmulator({ scenario: loadScenario('demo'), faults: [{ action: 'DescribeCloudCenterInstances', kind: 'deny' }] });
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

  it('a denied Security Center read makes the agent coverage unknown, named in the gaps, never unused', async () => {
    // Its own database: the in-process CLI would otherwise open the real ~/.whoowns.
    const env = emulatorEnv(`http://${emu.endpoint}`, { WHOOWNS_DATA_DIR: mkdtempSync(join(tmpdir(), 'whoowns-duties-')) });
    const r = await cli(['duties', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as DutiesReport;
    const os = rep.duties.find((d) => d.id === 'customer.os-patching')!;
    expect(os.products.find((p) => p.id === 'product.security-center')).toMatchObject({ state: 'unknown' });
    expect(os.gaps.map((g) => g.en).join('\n')).toMatch(/Security Center: .*DescribeCloudCenterInstances: Forbidden\.RAM/);
    expect(os.status).not.toBe('pass');
    expect(rep.incomplete).toBe(true);
  }, 60_000);
});
