import { describe, expect, it } from 'vitest';
import { render, renderCsv, renderJson, renderMarkdown, renderSarif, renderTable } from '../../../src/posture/render/index.js';
import { csvField } from '../../../src/posture/render/csv.js';
import { md } from '../../../src/posture/render/markdown.js';
import type { ScanResult } from '../../../src/posture/types.js';
import { scanWith } from '../../builders/context.js';
import { buildGap, buildInstance, buildRegion, buildSecurityGroup, buildSnapshot, buildSystemEvent, buildUser, buildWorldRule } from '../../builders/snapshot.js';

// One scan with something of everything: fails for each owner, an error, a muted finding, a gap,
// and a name that needs quoting.
function fixture(): ScanResult {
  const snap = buildSnapshot({
    regions: ['cn-hangzhou', 'cn-beijing'],
    regionData: {
      'cn-hangzhou': buildRegion({
        securityGroups: [
          buildSecurityGroup({ securityGroupName: 'web, "prod"\nedge', rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] }),
          buildSecurityGroup({ securityGroupId: 'sg-m', securityGroupName: 'nat', serviceManaged: true }),
        ],
        instances: [buildInstance({ publicIps: ['47.1.1.1'] })],
        systemEvents: [buildSystemEvent()],
      }),
    },
    ramData: { users: [buildUser({ mfaEnabled: false })] },
    gaps: [buildGap({ region: 'cn-beijing', action: 'DescribeInstances', code: 'Forbidden.RAM', missingAction: 'ecs:DescribeInstances' })],
  });
  return scanWith(snap, { suppressions: [{ check: 'ram.user.console-no-mfa', resource: 'alice', reason: 'token in safe', by: 'bob', until: '2025-06-18' }] });
}

const scan = fixture();

/** A small RFC 4180 reader, to check what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

describe('json', () => {
  const doc = JSON.parse(renderJson(scan, { lang: 'en' }));
  it('is one document with every top-level field', () => {
    for (const k of ['schema', 'demo', 'account', 'scannedAt', 'regions', 'gaps', 'summary', 'checks', 'passes', 'findings', 'incomplete', 'notCovered', 'suppressions']) expect(doc, k).toHaveProperty(k);
    expect(doc.schema).toBe('whoowns/scan@2');
    expect(doc.account).toEqual({ name: 'prod', id: '1234567890123456' });
    expect(doc.findings).toHaveLength(scan.findings.length);
    expect(doc.incomplete).toBe(true);
    expect(doc.gaps[0].action).toBe('DescribeInstances');
  });
  it('gives every finding the same keys, and its check\'s metadata once in checks', () => {
    const keys = Object.keys(doc.findings[0]).sort();
    for (const f of doc.findings) expect(Object.keys(f).sort()).toEqual(keys);
    for (const k of ['fingerprint', 'checkId', 'status', 'resource', 'reason', 'muted', 'fix']) expect(keys).toContain(k);
    for (const k of ['title', 'severity', 'owner', 'remediation', 'references', 'products']) expect(keys).not.toContain(k);
    for (const f of doc.findings) {
      expect(doc.checks[f.checkId], f.checkId).toMatchObject({ severity: expect.any(String), owner: expect.any(String), title: { en: expect.any(String), zh: expect.any(String) } });
      expect(doc.checks[f.checkId].remediation.cli).toEqual(expect.any(String));
    }
    expect(Object.keys(doc.checks)).toEqual(scan.checks.map((c) => c.id));
  });
  it('gives a failed finding its filled-in fix, and reasons in the asked language only unless both', () => {
    const ssh = doc.findings.find((f: { checkId: string }) => f.checkId === 'ecs.sg.admin-port-open-world');
    expect(ssh.fix).toBe('aliyun ecs RevokeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-1 --SecurityGroupRuleId.1 sgr-22');
    expect(typeof ssh.reason).toBe('string');
    expect(JSON.parse(renderJson(scan, { lang: 'zh' })).findings[0].reason).toBe(scan.findings[0]!.reason.zh);
    const both = JSON.parse(renderJson(scan, { lang: 'en', bothLanguages: true }));
    expect(both.lang).toBe('both');
    expect(both.findings[0].reason).toEqual(scan.findings[0]!.reason);
    for (const f of doc.findings) expect(f.fix === null).toBe(f.status !== 'fail');
  });
  it('is stable and labels demo data', () => {
    expect(renderJson(scan, { lang: 'en' })).toBe(renderJson(fixture(), { lang: 'en' }));
    expect(doc.demo).toBe(false);
    expect(JSON.parse(renderJson(scan, { lang: 'zh', demo: true }))).toMatchObject({ demo: true, label: '演示数据' });
    expect(JSON.parse(renderJson({ ...scan, source: 'demo' }, { lang: 'en' }))).toMatchObject({ demo: true, label: 'DEMO DATA' });
  });
});

describe('csv', () => {
  const text = renderCsv(scan, { lang: 'en' });
  const rows = parseCsv(text);
  it('has a header and one row per result, CRLF terminated', () => {
    expect(rows[0]!.slice(0, 6)).toEqual(['demo', 'fingerprint', 'status', 'severity', 'owner', 'check_id']);
    expect(rows).toHaveLength(scan.findings.length + 1);
    expect(text.endsWith('\r\n')).toBe(true);
    for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
  });
  it('quotes commas, quotes and line breaks so they read back intact', () => {
    const name = rows[0]!.indexOf('resource_name');
    expect(rows.some((r) => r[name] === 'web, "prod"\nedge')).toBe(true);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
  it('starts with the header and marks demo data in a demo column of every row, never a row above the header', () => {
    for (const lang of ['en', 'zh'] as const) {
      const demo = parseCsv(renderCsv(scan, { lang, demo: true }));
      expect(demo[0]![0]).toBe('demo');
      expect(demo[0]![1]).toBe('fingerprint');
      expect(demo).toHaveLength(scan.findings.length + 1);
      for (const r of demo.slice(1)) expect(r[0]).toBe(lang === 'en' ? 'DEMO DATA' : '演示数据');
    }
    for (const r of rows.slice(1)) expect(r[0]).toBe('');
  });
});

describe('sarif', () => {
  const doc = JSON.parse(renderSarif(scan, { lang: 'en' }));
  const run = doc.runs[0];
  it('is SARIF 2.1.0 with one rule per check', () => {
    expect(doc.version).toBe('2.1.0');
    expect(doc.$schema).toContain('sarif-2.1.0');
    expect(run.tool.driver.name).toBe('whoowns');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(scan.checks.map((c) => c.id));
  });
  it('has one result per failed finding, levels mapped from severity, our fingerprint', () => {
    const fails = scan.findings.filter((f) => f.status === 'fail');
    expect(run.results).toHaveLength(fails.length);
    const ssh = run.results.find((r: { ruleId: string }) => r.ruleId === 'ecs.sg.admin-port-open-world');
    expect(ssh.level).toBe('error');
    expect(ssh.partialFingerprints['whoownsFingerprint/v1']).toBe(fails.find((f) => f.checkId === 'ecs.sg.admin-port-open-world')!.fingerprint);
    expect(run.tool.driver.rules[ssh.ruleIndex].id).toBe('ecs.sg.admin-port-open-world');
    expect(run.results.find((r: { ruleId: string }) => r.ruleId === 'ecs.instance.platform-event').level).toBe('note');
  });
  it('marks muted results as suppressed and reports errors and gaps as notifications', () => {
    const muted = run.results.find((r: { ruleId: string }) => r.ruleId === 'ram.user.console-no-mfa');
    expect(muted.suppressions[0]).toMatchObject({ kind: 'external', justification: 'token in safe' });
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes.some((n: { level: string; message: { text: string } }) => n.level === 'warning' && n.message.text.includes('ecs:DescribeInstances'))).toBe(true);
    expect(notes.filter((n: { level: string }) => n.level === 'error')).toHaveLength(scan.summary.byStatus.error);
    expect(run.properties.incomplete).toBe(true);
  });
  it('gives every result a stable physical location (GitHub code scanning rejects results without one)', () => {
    const uris = run.results.map((r: { locations: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }> }) => r.locations[0]!.physicalLocation?.artifactLocation?.uri);
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) expect(u).toMatch(/^alibabacloud:\/\/[^/]+\/[^/]+\/[a-z-]+\/[^/]+$/);
    expect(uris).toContain('alibabacloud://1234567890123456/cn-hangzhou/security-group/sg-1');
    expect(uris).toContain('alibabacloud://1234567890123456/global/ram-user/alice');
    const again = JSON.parse(renderSarif(fixture(), { lang: 'en' })).runs[0];
    expect(again.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(uris);
  });
  it('fills the rules\' help with generic words: no {placeholders}', () => {
    for (const lang of ['en', 'zh'] as const) {
      const rules = JSON.parse(renderSarif(scan, { lang })).runs[0].tool.driver.rules;
      for (const r of rules) {
        expect(r.help.text, r.id).not.toMatch(/\{[A-Za-z]+\}/);
        expect(r.help.markdown, r.id).not.toMatch(/\{[A-Za-z]+\}/);
      }
    }
    const ssh = run.tool.driver.rules.find((r: { id: string }) => r.id === 'ecs.sg.admin-port-open-world');
    expect(ssh.help.text).toContain('Security Groups > <security-group-id> > Inbound');
  });
  it('labels demo data in a property', () => {
    expect(run.properties.demo).toBe(false);
    expect(JSON.parse(renderSarif(scan, { lang: 'en', demo: true })).runs[0].properties).toMatchObject({ demo: true, label: 'DEMO DATA' });
  });
});

describe('markdown', () => {
  it('groups by owner, gives the fix, and shouts when incomplete', () => {
    const text = renderMarkdown(scan, { lang: 'en' });
    expect(text).toContain('# whoowns posture report: prod (1234567890123456)');
    expect(text).toContain('> ⚠️ **INCOMPLETE');
    expect(text.indexOf('## Customer')).toBeLessThan(text.indexOf('## Alibaba Cloud'));
    expect(text).toContain('```sh\naliyun ecs RevokeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-1 --SecurityGroupRuleId.1 sgr-22\n```');
    expect(text).toContain('## Muted (1)');
    expect(text).toContain('## Not evaluated by whoowns');
  });
  it('escapes Markdown in names', () => {
    expect(md('a*b_c|d')).toBe('a\\*b\\_c\\|d');
  });
  it('labels demo data at the top, in the chosen language', () => {
    expect(renderMarkdown(scan, { lang: 'zh', demo: true }).startsWith('> **演示数据')).toBe(true);
    expect(renderMarkdown(scan, { lang: 'zh' })).toContain('## 客户侧 — 由您修复');
  });
});

describe('table', () => {
  it('puts the incomplete warning and summary before the findings, grouped by owner then severity', () => {
    const text = renderTable(scan, { lang: 'en' });
    const at = (s: string) => text.indexOf(s);
    expect(at('!! INCOMPLETE: 1 call failed')).toBeGreaterThan(0);
    expect(at('grant ecs:DescribeInstances')).toBeGreaterThan(at('INCOMPLETE'));
    expect(at('failed (customer:')).toBeLessThan(at('CUSTOMER'));
    expect(at('CUSTOMER')).toBeLessThan(at('SHARED'));
    expect(at('SHARED')).toBeLessThan(at('ALIBABA CLOUD'));
    expect(text).toContain('COULD NOT EVALUATE');
    expect(text).toContain('MUTED (1)');
    expect(text).toContain('Suppression expiring soon: ram.user.console-no-mfa alice');
  });
  it('colours only when asked', () => {
    expect(renderTable(scan, { lang: 'en', color: true })).toMatch(/\x1b\[/);
    expect(renderTable(scan, { lang: 'en', color: false })).not.toMatch(/\x1b\[/);
  });
  it('labels demo data first, in the chosen language', () => {
    expect(renderTable(scan, { lang: 'en', demo: true }).startsWith('*** DEMO DATA')).toBe(true);
    expect(renderTable(scan, { lang: 'zh', demo: true }).startsWith('*** 演示数据')).toBe(true);
    expect(renderTable(scan, { lang: 'en' })).not.toContain('DEMO DATA');
  });
  it('says so when nothing failed', () => {
    const clean = scanWith(buildSnapshot());
    expect(renderTable(clean, { lang: 'en' })).toContain('No failed checks.');
    expect(renderTable(clean, { lang: 'en' })).not.toContain('INCOMPLETE');
  });
});

it('render() dispatches every format', () => {
  for (const f of ['table', 'json', 'markdown', 'csv', 'sarif'] as const) expect(render(scan, f, { lang: 'en' }).length).toBeGreaterThan(0);
});
