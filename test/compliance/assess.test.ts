import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/compliance/framework.js';
import { assessCompliance } from '../../src/posture/compliance.js';
import { scanWith } from '../builders/context.js';
import { buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';

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

  it('a clean account passes what whoowns decides, and totals add up to 85', () => {
    const rep = assessCompliance(cis, scanWith(buildSnapshot()));
    expect(of(rep, '3.1').status).toBe('pass');
    expect(of(rep, '4.3').status).toBe('pass');
    expect(Object.values(rep.totals).reduce((a, b) => a + b, 0)).toBe(85);
  });
});
