// Findings carry the team that owns their resource (issue #15), and a scan can be cut to one team.

import { describe, expect, it } from 'vitest';
import { ownersSchema } from '../../src/config/file.js';
import { scanWith } from '../builders/context.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';

const owners = ownersSchema.parse({
  teams: { payments: { name: { zh: '支付', en: 'Payments' } }, search: { name: { zh: '搜索', en: 'Search' } } },
  rules: [
    { team: 'payments', match: { tag: { key: 'team', value: 'payments' } } },
    { team: 'search', match: { tag: { key: 'team', value: 'search' } } },
  ],
});
const snap = buildSnapshot({
  region: {
    securityGroups: [
      buildSecurityGroup({ securityGroupId: 'sg-pay', rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-orphan', rules: [buildWorldRule({ ruleId: 'sgr-23', portRange: '3389/3389' })] }),
    ],
    instances: [buildInstance({ instanceId: 'i-pay', securityGroupIds: ['sg-pay'], tags: { team: 'payments' } }), buildInstance({ instanceId: 'i-s', securityGroupIds: ['sg-pay'], tags: { team: 'search' } })],
  },
});

describe('findings and teams', () => {
  it('gives every finding the team of its resource, with why', () => {
    const scan = scanWith(snap, { owners });
    const sg = scan.findings.find((f) => f.status === 'fail' && f.resource.id === 'sg-pay')!;
    expect(sg.team).toEqual({ teams: ['payments', 'search'], why: expect.objectContaining({ en: 'shared by payments, search (via instances i-pay, i-s)' }) });
    expect(scan.findings.find((f) => f.status === 'fail' && f.resource.id === 'sg-orphan')!.team?.teams).toEqual([]);
    expect(scan.unowned?.[0]?.resources.map((r) => r.id)).toContain('sg-orphan');
  });

  it('keeps findings without a team field when no owners block is configured', () => {
    const scan = scanWith(snap);
    expect(scan.findings.every((f) => f.team === undefined)).toBe(true);
    expect(scan.unowned).toBeUndefined();
  });

  it('cuts the scan to one team: its findings only, and the summary counts only them', () => {
    const scan = scanWith(snap, { owners, filter: { team: 'search' } });
    expect(scan.findings.length).toBeGreaterThan(0);
    expect(scan.findings.every((f) => f.team?.teams.includes('search'))).toBe(true);
    expect(scan.findings.some((f) => f.resource.id === 'sg-orphan')).toBe(false);
    expect(scan.summary.byStatus.fail).toBe(scan.findings.filter((f) => f.status === 'fail').length);
    const passed = scan.findings.filter((f) => f.status === 'pass').length;
    expect(Object.values(scan.passes).reduce((a, b) => a + b, 0)).toBe(passed);
  });
});
