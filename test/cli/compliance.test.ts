import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLIANCE_FRAMEWORKS } from '../../src/cli/declare/compliance.js';
import { FRAMEWORK_FILES } from '../../src/compliance/framework.js';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { ComplianceReport } from '../../src/posture/compliance.js';
import { cli, emulatorEnv } from './helpers.js';

// Through the real CLI: the demo account (the built-in emulator) and a fault scenario in which
// RAM refuses GetPasswordPolicy, so the recommendations it decides must say error, not pass.

const DEMO_ENV = { HOME: '/nonexistent', LANG: 'en_US.UTF-8' };

async function demoReport(): Promise<ComplianceReport> {
  const r = await cli(['compliance', 'cis-v2', '--demo', '--format', 'json'], { env: DEMO_ENV });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ComplianceReport;
}

const status = (rep: ComplianceReport, id: string) => rep.recommendations.find((r) => r.id === id)!;

describe('whoowns compliance cis-v2 --demo', () => {
  let rep: ComplianceReport;
  beforeAll(async () => {
    rep = await demoReport();
  }, 60_000);

  it('lists all 85 recommendations once, in order, with totals that add up', () => {
    expect(rep.recommendations).toHaveLength(85);
    expect(new Set(rep.recommendations.map((r) => r.id)).size).toBe(85);
    expect(rep.recommendations[0]!.id).toBe('1.1');
    expect(rep.recommendations.map((r) => r.id).slice(6, 11)).toEqual(['1.7', '1.8', '1.9', '1.10', '1.11']);
    expect(Object.values(rep.totals).reduce((a, b) => a + b, 0)).toBe(85);
    expect(rep).toMatchObject({ framework: { id: 'cis-v2', version: '2.0.0' }, source: 'demo', accountName: 'demo' });
  });

  it('has the JSON shape scripts rely on', () => {
    expect(Object.keys(rep).sort()).toEqual(['accountId', 'accountName', 'framework', 'incomplete', 'recommendations', 'scannedAt', 'sections', 'source', 'totals']);
    expect(Object.keys(rep.totals).sort()).toEqual(['error', 'fail', 'manual', 'not-covered', 'pass']);
    for (const r of rep.recommendations) {
      expect(Object.keys(r).sort()).toEqual(['assessment', 'checks', 'errors', 'failed', 'id', 'muted', 'note', 'passed', 'profile', 'reason', 'section', 'status', 'title']);
      // Nothing unjudged goes without a reason.
      if (['manual', 'not-covered', 'error'].includes(r.status)) expect(r.reason?.en && r.reason.zh, r.id).toBeTruthy();
      if (r.status === 'fail') expect(r.failed, r.id).toBeGreaterThan(0);
      if (r.status === 'pass') expect(r.failed + r.errors, r.id).toBe(0);
    }
  });

  it('judges known checks right', () => {
    // Planted in the demo: a console user without MFA, SSH open to the world, an unencrypted disk.
    expect(status(rep, '1.4')).toMatchObject({ status: 'fail', failed: 1, checks: ['ram.user.console-no-mfa'] });
    expect(status(rep, '4.3')).toMatchObject({ status: 'fail', checks: ['ecs.sg.admin-port-open-world'] });
    expect(status(rep, '3.2').failed).toBe(status(rep, '4.3').failed);
    expect(status(rep, '3.1')).toMatchObject({ status: 'pass', failed: 0 });
    // One rule of the password policy each: the demo requires upper-case letters but not symbols.
    expect(status(rep, '1.7')).toMatchObject({ status: 'pass', passed: 1, checks: ['ram.password-policy#uppercase'] });
    expect(status(rep, '1.9')).toMatchObject({ status: 'fail', failed: 1, checks: ['ram.password-policy#symbols'] });
    // The demo's passwords never expire: CIS v2 1.13 is met (the v1 max-age rule is not asked for by default).
    expect(status(rep, '1.13')).toMatchObject({ status: 'pass', passed: 1, checks: ['ram.password-policy#expiry-365'] });
    // ActionTrail and Security Center, read through the generic RPC door: the demo plants both kinds.
    expect(status(rep, '2.1')).toMatchObject({ status: 'fail', failed: 2 });
    expect(status(rep, '4.6')).toMatchObject({ status: 'fail', failed: 2, checks: ['ecs.instance.no-security-agent'] });
    expect(status(rep, '8.1')).toMatchObject({ status: 'pass', checks: ['sas.basic-edition'] });
    // Unjudged rows say why: a catalogue row, a manual one, one whoowns does not read.
    expect(status(rep, '1.2')).toMatchObject({ status: 'not-covered', reason: { en: expect.stringMatching(/root account/) } });
    expect(status(rep, '1.1')).toMatchObject({ status: 'manual', checks: [] });
    // PostgreSQL parameters: the MySQL instances are not applicable (skipped), only the PostgreSQL one counts.
    expect(status(rep, '6.7')).toMatchObject({ status: 'pass', passed: 1, checks: ['rds.pg-logging-off#log_connections'] });
    expect(status(rep, '6.8')).toMatchObject({ status: 'fail', failed: 1, checks: ['rds.pg-logging-off#log_disconnections'] });
    expect(status(rep, '6.9')).toMatchObject({ status: 'fail', failed: 1 });
    expect(status(rep, '6.4')).toMatchObject({ status: 'fail', failed: 2, passed: 1, checks: ['rds.sql-audit-short-retention'] });
    expect(status(rep, '6.6')).toMatchObject({ status: 'fail', failed: 1, passed: 2, checks: ['rds.tde-no-own-key'] });
    expect(status(rep, '8.6')).toMatchObject({ status: 'fail', failed: 1, checks: ['sas.config-assessment-unauthorised'] });
    // 3.5: the planted 1000-port world rule, and the all-port one (reported once, by all-ports-open-world).
    expect(status(rep, '3.5')).toMatchObject({ status: 'fail', failed: 2, checks: ['ecs.sg.wide-port-range', 'ecs.sg.all-ports-open-world'] });
    expect(status(rep, '8.3')).toMatchObject({ status: 'fail', failed: 1, checks: ['sas.virus-blocking-off'] });
    expect(status(rep, '8.8')).toMatchObject({ status: 'fail', failed: 2, passed: 3, checks: ['sas.fingerprints-not-daily'] });
    // RDS, read through the generic RPC door: one instance each planted open, without SSL, TDE, SQL audit.
    expect(status(rep, '6.1')).toMatchObject({ status: 'fail', failed: 1, passed: 2, checks: ['rds.ssl-off'] });
    expect(status(rep, '6.2')).toMatchObject({ status: 'fail', failed: 1, checks: ['rds.whitelist-open-world'] });
    expect(status(rep, '6.3')).toMatchObject({ status: 'fail', failed: 1, checks: ['rds.sql-audit-off'] });
    expect(status(rep, '6.5')).toMatchObject({ status: 'fail', failed: 1, checks: ['rds.tde-off'] });
  });
});

describe('whoowns compliance under a fault', () => {
  let emu: RunningEmulator;
  // The SDK's default credential chain reads the process environment, as it does in production.
  const saved = { id: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID, secret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET };
  beforeAll(async () => {
    emu = await startEmulator({ scenario: loadScenario('demo'), faults: [{ action: 'GetPasswordPolicy', kind: 'deny' }] });
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

  it('a denied call is an error naming the permission, never a pass', async () => {
    const env = emulatorEnv(`http://${emu.endpoint}`);
    const r = await cli(['compliance', 'cis-v2', '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as ComplianceReport;
    for (const id of ['1.7', '1.8', '1.9', '1.10', '1.11', '1.12', '1.14']) {
      expect(status(rep, id), id).toMatchObject({ status: 'error', passed: 0 });
      expect(status(rep, id).reason!.en, id).toMatch(/GetPasswordPolicy/);
    }
    expect(rep.incomplete).toBe(true);
    expect(status(rep, '1.4').status).not.toBe('error');
  });
});

describe('whoowns compliance: output and usage', () => {
  it('table: totals first, then every recommendation under its section, reasons under unjudged rows', async () => {
    const r = await cli(['compliance', 'cis-v2', '--demo', '--format', 'table'], { env: DEMO_ENV });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^DEMO DATA/);
    expect(lines[2]).toMatch(/^85 recommendations: \d+ pass, \d+ fail, \d+ error, \d+ manual, \d+ not covered$/);
    for (let s = 1; s <= 8; s++) expect(lines.some((l) => l.startsWith(`— ${s} `)), `section ${s}`).toBe(true);
    const rows = lines.filter((l) => /^\d+\.\d+ /.test(l));
    expect(rows).toHaveLength(85);
    const manual = lines.findIndex((l) => l.startsWith('1.1 '));
    expect(lines[manual]).toMatch(/manual/);
    expect(lines[manual + 1]).toMatch(/^ {6}Whether people use the root account/);
  });

  it('markdown and Chinese', async () => {
    const md = await cli(['compliance', 'cis-v2', '--demo', '--format', 'markdown', '--lang', 'zh'], { env: DEMO_ENV });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^> \*\*演示数据/);
    expect(md.stdout).toContain('共 85 项建议');
    expect(md.stdout.split('\n').filter((l) => /^\| \d+\.\d+ \|/.test(l))).toHaveLength(85);
  });

  it('refuses a bad --format or framework with exit 2', async () => {
    const bad = await cli(['compliance', 'cis-v2', '--demo', '--format', 'csv'], { env: DEMO_ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid value "csv" for --format\. Valid choices: table, json, markdown/);
    const fw = await cli(['compliance', 'cis-v9', '--demo'], { env: DEMO_ENV });
    expect(fw.code).toBe(2);
    expect(fw.stderr).toMatch(/cis-v2/);
  });

  it('declares exactly the frameworks that ship', () => {
    // `prowler` is the mapping of Prowler's checks (knowledge/compliance/prowler-alibaba.yaml), not a scanned framework.
    expect([...COMPLIANCE_FRAMEWORKS]).toEqual([...Object.keys(FRAMEWORK_FILES), 'prowler']);
  });
});
