import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMATS, render, renderTo } from '../../../src/posture/render/index.js';
import type { ScanResult } from '../../../src/posture/types.js';
import { scanWith } from '../../builders/context.js';
import { validate } from '../../builders/json-schema.js';
import { buildGap, buildInstance, buildRegion, buildSecurityGroup, buildSnapshot, buildUser, buildWorldRule } from '../../builders/snapshot.js';

// JSON v2 against its schema file, and every renderer writing a piece at a time (no whole-report
// string), over a scan big enough that one piece per finding shows.

const SCHEMA = JSON.parse(readFileSync(new URL('../../../schema/scan-v2.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function bigScan(includePasses = false): ScanResult {
  const groups = Array.from({ length: 40 }, (_, i) =>
    buildSecurityGroup({ securityGroupId: `sg-${i}`, securityGroupName: `g${i}`, rules: [buildWorldRule({ ruleId: `sgr-${i}`, portRange: '22/22' })] }),
  );
  const instances = Array.from({ length: 40 }, (_, i) => buildInstance({ instanceId: `i-${i}`, instanceName: `vm${i}`, securityGroupIds: [`sg-${i}`] }));
  const snap = buildSnapshot({
    regions: ['cn-hangzhou', 'cn-beijing'],
    regionData: { 'cn-hangzhou': buildRegion({ securityGroups: groups, instances }) },
    ramData: { users: [buildUser({ mfaEnabled: false })] },
    gaps: [buildGap({ region: 'cn-beijing', action: 'DescribeInstances', code: 'Forbidden.RAM', missingAction: 'ecs:DescribeInstances' })],
  });
  return scanWith(snap, {
    filter: { includePasses },
    suppressions: [{ check: 'ram.user.console-no-mfa', resource: 'alice', reason: 'token in safe', by: 'bob', until: '2025-06-18' }],
  });
}

describe('JSON v2 schema (schema/scan-v2.schema.json)', () => {
  const cases = [
    ['en', { lang: 'en' as const }, false],
    ['zh', { lang: 'zh' as const }, false],
    ['both languages', { lang: 'en' as const, bothLanguages: true }, false],
    ['demo, passes listed', { lang: 'en' as const, demo: true }, true],
  ] as const;
  it.each(cases)('%s: the output validates', (_name, opts, passes) => {
    const doc = JSON.parse(render(bigScan(passes), 'json', opts));
    expect(validate(SCHEMA, doc)).toEqual([]);
  });
  it('the checker itself catches a wrong document', () => {
    const doc = JSON.parse(render(bigScan(), 'json', { lang: 'en' }));
    doc.findings[0].title = 'copied meta';
    delete doc.findings[1].fingerprint;
    doc.summary.counts.pass = -1;
    expect(validate(SCHEMA, doc)).toEqual([
      '$.summary.counts.pass: -1 < 0',
      '$.findings[0]: unexpected title',
      '$.findings[1]: missing fingerprint',
    ]);
  });
});

describe('passes are counted, listed only when asked', () => {
  const counted = bigScan(false);
  const listed = bigScan(true);
  it('a scan lists failures, errors and skips, and counts passes per check', () => {
    expect(counted.findings.some((f) => f.status === 'pass')).toBe(false);
    expect(counted.passes['ecs.sg.all-ports-open-world']).toBe(40);
    expect(listed.findings.filter((f) => f.status === 'pass')).toHaveLength(Object.values(listed.passes).reduce((a, b) => a + b, 0));
    expect(listed.passes).toEqual(counted.passes);
  });
  it('the summary is the same either way', () => {
    expect(counted.summary).toEqual(listed.summary);
    expect(counted.summary.byStatus.pass).toBeGreaterThan(40);
    expect(counted.summary.total).toBe(counted.findings.length + counted.summary.byStatus.pass);
  });
  it('every non-pass finding is the same either way', () => {
    expect(counted.findings).toEqual(listed.findings.filter((f) => f.status !== 'pass'));
  });
});

describe('renderers write a piece at a time', () => {
  const scan = bigScan(true);
  it.each(FORMATS.map((f) => [f]))('%s: pieces join to the whole, and none holds more than a few findings', (format) => {
    const pieces: string[] = [];
    renderTo(scan, format, { lang: 'en' }, (c) => pieces.push(c));
    expect(pieces.join('')).toBe(render(scan, format, { lang: 'en' }));
    // The head (check list, rules) may be one piece; what grows with the account must not be.
    const biggest = Math.max(...pieces.slice(1, -1).map((p) => p.length));
    expect(pieces.length).toBeGreaterThan(format === 'sarif' ? 40 : 80);
    expect(biggest, format).toBeLessThan(format === 'sarif' || format === 'markdown' ? 12_000 : 2_000);
  });
  it('json: one finding per line', () => {
    const lines = render(scan, 'json', { lang: 'en' }).split('\n');
    const findingLines = lines.filter((l) => l.startsWith('    {"fingerprint"'));
    expect(findingLines).toHaveLength(scan.findings.length);
  });
});
