import { describe, expect, it } from 'vitest';
import { certExpired } from '../../../src/checks/cas/cert-expired.js';
import { certExpiring } from '../../../src/checks/cas/cert-expiring.js';
import { run, scanWith, statuses } from '../../builders/context.js';
import { buildCertificate, buildGap, buildSnapshot } from '../../builders/snapshot.js';

const certs = (...c: ReturnType<typeof buildCertificate>[]) => buildSnapshot({ certificates: c });

describe('cas.cert-expired / cas.cert-expiring', () => {
  it('pass a certificate valid for 200 more days', () => {
    expect(statuses(run(certExpired))).toEqual(['pass']);
    expect(statuses(run(certExpiring))).toEqual(['pass']);
  });
  it('fail an expired certificate once (expiring skips it)', () => {
    const s = certs(buildCertificate({ name: 'old', endDate: '2025-06-01T00:00:00Z' }));
    const f = run(certExpired, s);
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('SSL certificate old (1001) for www.example.com expired on 2025-06-01.');
    expect(statuses(run(certExpiring, s))).toEqual(['skip']);
  });
  it('fail a certificate ending within the threshold, which is configurable', () => {
    const s = certs(buildCertificate({ endDate: '2025-07-05T00:00:00Z' }));
    const f = run(certExpiring, s);
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('in 20 days (threshold 30)');
    expect(statuses(run(certExpiring, s, { certExpiringDays: 10 }))).toEqual(['pass']);
  });
  it('error for the account when certificates could not be read, naming the permission', () => {
    const s = buildSnapshot({
      certificates: null,
      gaps: [buildGap({ service: 'cas', region: undefined, action: 'ListUserCertificateOrder', missingAction: 'yundun-cert:ListUserCertificateOrder' })],
    });
    for (const check of [certExpired, certExpiring]) {
      const f = run(check, s);
      expect(statuses(f)).toEqual(['error']);
      expect(f[0]!.reason.en).toContain('yundun-cert:ListUserCertificateOrder');
    }
  });
  it('run as account-wide checks, independent of RAM having been collected', () => {
    const scan = scanWith(buildSnapshot({ ram: null, certificates: [buildCertificate({ endDate: '2025-06-01T00:00:00Z' })] }), { checks: [certExpired] });
    expect(scan.findings.map((x) => [x.checkId, x.status])).toEqual([['cas.cert-expired', 'fail']]);
  });
});
