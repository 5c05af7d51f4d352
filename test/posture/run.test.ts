import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { defineCheck } from '../../src/checks/helpers.js';
import { NOT_COVERED } from '../../src/checks/not-covered.js';
import type { CheckMeta } from '../../src/posture/types.js';
import { only, scanWith } from '../builders/context.js';
import { metaOf, remediationOf } from '../../src/posture/meta.js';
import { normalizeRule } from '../../src/checks/ecs/sg-rules.js';
import {
  buildGap,
  buildInstance,
  buildRegion,
  buildSecurityGroup,
  buildSnapshot,
  buildUser,
  buildWorldRule,
  NOW,
} from '../builders/snapshot.js';

// RAM, Certificate Management, ActionTrail and Security Center are account-wide; the rest run per region.
const REGIONAL = ALL_CHECKS.filter((c) => !["ram", "cas", "actiontrail", "sas", "sls", "oss"].includes(c.meta.service));
const openSsh = buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] });

describe('runChecks on a clean account', () => {
  const scan = scanWith(buildSnapshot());

  it('finds nothing wrong and is complete', () => {
    expect(only(scan.findings, 'fail').filter((f) => f.severity !== 'info')).toEqual([]);
    expect(only(scan.findings, 'error')).toEqual([]);
    expect(scan.incomplete).toBe(false);
  });

  it('runs every registered check and says what it does not cover', () => {
    expect(scan.checks.map((c) => c.id)).toEqual(ALL_CHECKS.map((c) => c.meta.id));
    for (const c of ALL_CHECKS) expect(scan.findings.some((f) => f.checkId === c.meta.id), c.meta.id).toBe(true);
    expect(scan.notCovered.map((n) => n.id)).toEqual(NOT_COVERED.map((n) => n.id));
    // CIS references come from the compliance map, versioned, for catalogue rows as for checks.
    expect(scan.notCovered.find((n) => n.id === 'ram.root.mfa')?.cis).toBe('CIS v2 1.3');
    expect(scan.checks.find((c) => c.id === 'ecs.instance.no-security-agent')?.cis).toBe('CIS v2 4.6, 8.2');
    expect(scan.checks.find((c) => c.id === 'ecs.instance.unpatched')?.cis).toBe('CIS v2 4.5');
  });

  it('describes the scan', () => {
    expect(scan).toMatchObject({ accountName: 'prod', accountId: '1234567890123456', scannedAt: NOW.toISOString(), regions: ['cn-hangzhou'], source: 'live' });
    expect(scan.summary.total).toBe(scan.findings.length);
  });
});

describe('missing data never reads as a pass', () => {
  it('a region that was not collected gives one error per regional check', () => {
    const snap = buildSnapshot({ regions: ['cn-hangzhou', 'cn-beijing'], gaps: [buildGap({ region: 'cn-beijing', action: 'DescribeInstances', code: 'Unreachable' })] });
    const scan = scanWith(snap);
    const beijing = scan.findings.filter((f) => f.resource.region === 'cn-beijing');
    expect(beijing).toHaveLength(REGIONAL.length);
    expect(new Set(beijing.map((f) => f.status))).toEqual(new Set(['error']));
    expect(beijing[0]!.reason.en).toContain('DescribeInstances in cn-beijing failed (Unreachable)');
    expect(scan.incomplete).toBe(true);
  });

  it('a failed call turns only the checks that need it into errors, for that region only', () => {
    const snap = buildSnapshot({
      regionData: { 'cn-hangzhou': buildRegion(), 'cn-shanghai': buildRegion({ regionId: 'cn-shanghai' }) },
      gaps: [buildGap({ region: 'cn-shanghai', action: 'DescribeDisks', missingAction: 'ecs:DescribeDisks' })],
    });
    const scan = scanWith(snap);
    const errors = only(scan.findings, 'error');
    expect(errors.map((f) => [f.checkId, f.resource.id]).sort()).toEqual([
      ['ecs.disk.no-auto-snapshot', 'cn-shanghai'],
      ['ecs.disk.unencrypted', 'cn-shanghai'],
    ]);
    expect(scan.findings.some((f) => f.checkId === 'ecs.disk.unencrypted' && f.resource.region === 'cn-hangzhou' && f.status === 'pass')).toBe(true);
  });

  it('a pass on a resource with its own failed call becomes an error', () => {
    // The check itself would pass (rules look closed), but the collector says the rules call failed.
    const snap = buildSnapshot({ gaps: [buildGap({ resource: 'sg-1', code: 'Throttling.User' })] });
    const f = scanWith(snap, { checks: ALL_CHECKS.filter((c) => c.meta.id === 'ecs.sg.admin-port-open-world') }).findings;
    expect(f.map((x) => x.status)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('Throttling.User');
  });

  it('RAM not collected gives one account-level error per RAM check', () => {
    const scan = scanWith(buildSnapshot({ ram: null, gaps: [buildGap({ service: 'ram', region: undefined, action: 'ListUsers', code: 'Forbidden.RAM', missingAction: 'ram:ListUsers' })] }));
    const ram = scan.findings.filter((f) => metaOf(scan, f.checkId).service === 'ram');
    expect(ram).toHaveLength(ALL_CHECKS.filter((c) => c.meta.service === 'ram').length);
    expect(new Set(ram.map((f) => `${f.status}:${f.resource.type}`))).toEqual(new Set(['error:account']));
  });

  it('a check that throws gives an error result, not a crash', () => {
    const meta: CheckMeta = { ...ALL_CHECKS[0]!.meta, id: 'ecs.test.boom' };
    const boom = defineCheck(meta, () => {
      throw new Error('kaboom');
    });
    const f = scanWith(buildSnapshot(), { checks: [boom] }).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: 'error', checkId: 'ecs.test.boom' });
    expect(f[0]!.reason.en).toContain('kaboom');
  });
});

describe('findings', () => {
  const snap = buildSnapshot({ region: { securityGroups: [openSsh], instances: [buildInstance({ publicIps: ['47.1.1.1'] })] } });
  const scan = scanWith(snap);
  const ssh = scan.findings.find((f) => f.checkId === 'ecs.sg.admin-port-open-world')!;

  it('name their check, whose metadata the scan holds once, and fill the remediation when shown', () => {
    expect(ssh).toMatchObject({ status: 'fail', severity: 'high', owner: 'customer', detail: 'sgr-22' });
    // Nothing of the check's text is copied into the finding.
    expect(ssh).not.toHaveProperty('title');
    expect(ssh).not.toHaveProperty('remediation');
    expect(metaOf(scan, ssh.checkId)).toMatchObject({
      responsibility: 'customer.security-groups',
      title: { en: 'SSH or RDP open to the internet' },
      cis: 'CIS v2 3.2, 4.3, 4.4',
    });
    const fix = remediationOf(scan, ssh);
    expect(fix.console.en).toContain('web (sg-1)');
    expect(fix.console.en).not.toMatch(/\{(region|resourceId|resourceName|detail)\}/);
  });

  it('have stable 16-hex fingerprints that differ by detail', () => {
    const again = scanWith(snap).findings.find((f) => f.checkId === 'ecs.sg.admin-port-open-world')!;
    expect(ssh.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(again.fingerprint).toBe(ssh.fingerprint);
    const other = scanWith(buildSnapshot({ region: { securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-other', portRange: '22/22' })] })] } })).findings.find(
      (f) => f.checkId === 'ecs.sg.admin-port-open-world',
    )!;
    expect(other.fingerprint).not.toBe(ssh.fingerprint);
    expect(new Set(scan.findings.map((f) => f.fingerprint)).size).toBe(scan.findings.length);
  });

  it('are sorted: fails first, most severe first', () => {
    const order = scan.findings.map((f) => f.status);
    expect(order.indexOf('pass')).toBeGreaterThan(order.lastIndexOf('fail'));
    expect(scan.findings[0]!.status).toBe('fail');
    expect(scan.findings[0]!.severity).toBe('high');
  });

  it('are counted by status and, for fails, by owner and severity', () => {
    expect(scan.summary.byStatus.fail).toBe(only(scan.findings, 'fail').length);
    expect(scan.summary.failByOwnerSeverity.customer.high).toBe(2); // open SSH + exposed instance
    expect(scan.summary.failByOwnerSeverity['alibaba-cloud']).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
  });
});

describe('filters', () => {
  const snap = buildSnapshot({ regionData: { 'cn-hangzhou': buildRegion(), 'cn-beijing': buildRegion({ regionId: 'cn-beijing' }) } });
  it('by check id (globs), service, severity and region', () => {
    expect(new Set(scanWith(snap, { filter: { checkIds: ['ecs.sg.*'] } }).findings.map((f) => f.checkId.slice(0, 7)))).toEqual(new Set(['ecs.sg.']));
    const ram = scanWith(snap, { filter: { services: ['ram'] } });
    expect(new Set(ram.findings.map((f) => metaOf(ram, f.checkId).service))).toEqual(new Set(['ram']));
    expect(scanWith(snap, { filter: { minSeverity: 'high' } }).checks.every((c) => ['critical', 'high'].includes(c.severity))).toBe(true);
    const bj = scanWith(snap, { filter: { regions: ['cn-beijing'], services: ['ecs'] } });
    expect(bj.regions).toEqual(['cn-beijing']);
    expect(new Set(bj.findings.map((f) => f.resource.region))).toEqual(new Set(['cn-beijing']));
  });
});

describe('suppressions in a scan', () => {
  const snap = buildSnapshot({ region: { securityGroups: [openSsh] }, ramData: { users: [buildUser({ mfaEnabled: false })] } });
  it('mute matching fails, keep them out of the owner counts, and list expiring and expired entries', () => {
    const scan = scanWith(snap, {
      suppressions: [
        { check: 'ecs.sg.admin-port-open-world', resource: 'sg-*', reason: 'bastion', by: 'alice', until: '2025-06-20' },
        { check: 'ram.user.console-no-mfa', resource: 'alice', reason: 'old', by: 'bob', until: '2025-06-01' },
      ],
    });
    const ssh = scan.findings.find((f) => f.checkId === 'ecs.sg.admin-port-open-world')!;
    expect(ssh.muted).toEqual({ reason: 'bastion', by: 'alice', until: '2025-06-20' });
    expect(scan.findings.find((f) => f.checkId === 'ram.user.console-no-mfa')!.muted).toBeUndefined();
    expect(scan.summary.muted).toBe(1);
    expect(scan.summary.failByOwnerSeverity.customer.high).toBe(1);
    expect(scan.expiringSuppressions.map((s) => s.until)).toEqual(['2025-06-20']);
    expect(scan.expiredSuppressions.map((s) => s.until)).toEqual(['2025-06-01']);
  });
});

describe('memory a scan leaves behind', () => {
  it('parsed security-group rules are dropped when the scan ends (a held snapshot does not keep them)', () => {
    const rule = buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' });
    const snap = buildSnapshot({ region: { securityGroups: [buildSecurityGroup({ rules: [rule] })] } });
    const before = normalizeRule(rule);
    expect(normalizeRule(rule)).toBe(before);
    scanWith(snap);
    expect(normalizeRule(rule)).not.toBe(before);
    expect(normalizeRule(rule)).toEqual(before);
  });
});
