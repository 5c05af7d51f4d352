import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { loadFramework } from '../../src/compliance/framework.js';
import { loadProwlerMap, mapProwler } from '../../src/compliance/prowler.js';
import { renderProwler } from '../../src/posture/render/prowler.js';

const map = loadProwlerMap();
const cis = loadFramework('cis-v2');
const known = new Set(ALL_CHECKS.map((c) => c.meta.id));
const report = mapProwler(map, cis, known);

describe("Prowler's Alibaba Cloud checks mapped to whoowns", () => {
  it("lists each of Prowler's 63 checks once, each with CIS ids that exist in the v2 map", () => {
    expect(map.checks).toHaveLength(63);
    const recs = new Set(cis.recommendations.map((r) => r.id));
    for (const c of map.checks) for (const id of [...(c.cis ?? []), ...(c['as-cis'] ?? [])]) expect(recs.has(id), `${c.id} → ${id}`).toBe(true);
  });

  it('derives the equivalents through the CIS map and this build: the count, and which lack one', () => {
    // The target is 60 of 63. The two without one: ACK's RBAC cannot be switched off (CIS 7.3 is
    // manual), and the root AccessKey (1.2) is a root-only catalogue row.
    const lacking = report.rows.filter((r) => r.whoowns.length === 0).map((r) => r.prowler);
    expect(report.withEquivalent, `lacking: ${lacking.join(', ')}`).toBe(61);
    expect(report.total).toBe(63);
    expect(lacking).toEqual(['cs_kubernetes_rbac_enabled', 'ram_no_root_access_key']);
    // Every equivalent is a check of the registry; every one without says why.
    for (const r of report.rows) {
      for (const w of r.whoowns) expect(known.has(w.split('#')[0]!), w).toBe(true);
      if (r.whoowns.length === 0) expect(r.why?.en.length && r.why.zh.length, r.prowler).toBeTruthy();
    }
  });

  it('keeps a CIS map entry that is only a not-covered catalogue row from counting as an equivalent', () => {
    expect(report.rows.find((r) => r.prowler === 'ram_no_root_access_key')).toMatchObject({ cis: ['1.2'], whoowns: [] });
    expect(report.rows.find((r) => r.prowler === 'rds_instance_postgresql_log_duration_enabled')).toMatchObject({ whoowns: ['rds.pg-logging-off#log_duration'] });
    expect(report.rows.find((r) => r.prowler === 'ram_password_policy_number')).toMatchObject({ cis: [], whoowns: ['ram.password-policy#numbers'] });
  });

  it('rejects an entry that gives no mapping, or two', () => {
    const dir = mkdtempSync(join(tmpdir(), 'whoowns-prowler-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `source: { repo: x/y, commit: ${'a'.repeat(40)} }\nchecks:\n  - { id: rds_instance_ssl_enabled }\n`);
    expect(() => loadProwlerMap(file)).toThrow(/exactly one of cis, as-cis, whoowns, none/);
    writeFileSync(file, `source: { repo: x/y, commit: ${'a'.repeat(40)} }\nchecks:\n  - { id: rds_instance_ssl_enabled, cis: ['6.1'], whoowns: rds.ssl-off }\n`);
    expect(() => loadProwlerMap(file)).toThrow(/found cis, whoowns/);
  });

  it("the README's mapping table is the one generated from the data", () => {
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- prowler-map:start -->');
    const end = readme.indexOf('<!-- prowler-map:end -->');
    expect(start, 'README has the prowler-map markers').toBeGreaterThan(0);
    const inReadme = readme.slice(start + '<!-- prowler-map:start -->'.length, end).trim();
    expect(inReadme, 'regenerate with: node dist/src/cli/bin.js compliance prowler --format markdown --lang en').toBe(renderProwler(report, 'markdown', 'en').trim());
  });
});
