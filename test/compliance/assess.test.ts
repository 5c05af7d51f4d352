import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/compliance/framework.js';
import { assessCompliance } from '../../src/posture/compliance.js';
import { scanWith } from '../builders/context.js';
import { buildPasswordPolicy, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';

const cis = loadFramework('cis-v2');
const of = (rep: ReturnType<typeof assessCompliance>, id: string) => rep.recommendations.find((r) => r.id === id)!;
const openSsh = buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] });

describe('assessCompliance', () => {
  it('a muted failure still fails the recommendation, and says it is muted', () => {
    const scan = scanWith(buildSnapshot({ region: { securityGroups: [openSsh] } }));
    const muted = { ...scan, findings: scan.findings.map((f) => (f.status === 'fail' ? { ...f, muted: { reason: 'vendor VPN', by: 'alice', until: '2099-01-01' } } : f)) };
    expect(of(assessCompliance(cis, muted), '4.3')).toMatchObject({ status: 'fail', failed: 1, muted: 1 });
  });

  it('a check that did not run is not a pass, even beside one that passed', () => {
    // 4.5 names the Security Center vulnerability check and the OS end-of-life check; with Security
    // Center unread, the end-of-life pass alone does not make 4.5 a pass.
    const scan = scanWith({ ...buildSnapshot(), securityCenter: null });
    expect(of(assessCompliance(cis, scan), '4.5').status).not.toBe('pass');
    const only = scanWith(buildSnapshot(), { filter: { services: ['ecs'] } });
    expect(of(assessCompliance(cis, only), '1.4')).toMatchObject({ status: 'not-covered', reason: { en: expect.stringMatching(/ram\.user\.console-no-mfa .*--service/) } });
  });

  it('1.13 is judged against the benchmark whatever passwordMaxAgeDays says, never "skipped by the thresholds"', () => {
    const policy = (maxPasswordAge: number) => buildSnapshot({ ramData: { passwordPolicy: buildPasswordPolicy({ maxPasswordAge }) } });
    for (const passwordMaxAgeDays of [0, 90, 400]) {
      expect(of(assessCompliance(cis, scanWith(policy(0), { thresholds: { passwordMaxAgeDays } })), '1.13').status, `${passwordMaxAgeDays}`).toBe('pass');
      expect(of(assessCompliance(cis, scanWith(policy(90), { thresholds: { passwordMaxAgeDays } })), '1.13').status, `${passwordMaxAgeDays}`).toBe('fail');
    }
  });

  it('a rule the thresholds skip is not-covered, and says why', () => {
    // No shipped row maps to a threshold-skipped rule any more; the v1 max-age rule (off by default) stands in.
    const r113 = cis.recommendations.find((r) => r.id === '1.13')!;
    const v1 = { ...cis, recommendations: [{ ...r113, checks: [{ check: 'ram.password-policy', detail: 'max-age' }] }] };
    expect(of(assessCompliance(v1, scanWith(buildSnapshot())), '1.13')).toMatchObject({ status: 'not-covered', reason: { en: expect.stringMatching(/thresholds/) } });
  });

  it('a clean account passes what whoowns decides, and totals add up to 85', () => {
    const rep = assessCompliance(cis, scanWith(buildSnapshot()));
    expect(of(rep, '3.1').status).toBe('pass');
    expect(of(rep, '4.3').status).toBe('pass');
    expect(Object.values(rep.totals).reduce((a, b) => a + b, 0)).toBe(85);
  });
});
