import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { NOT_COVERED } from '../../src/checks/not-covered.js';
import { placeholdersIn, STANDARD_PLACEHOLDERS } from '../../src/checks/template.js';
import { knowledgeDir } from '../../src/core/paths.js';
import { entryFileSchema, OWNERS } from '../../src/kb/schema.js';
import { RESOURCE_TYPES, SEVERITIES } from '../../src/posture/types.js';

const metas = ALL_CHECKS.map((c) => c.meta);

describe('check registry', () => {
  it('has unique ids whose prefix is the service', () => {
    const ids = metas.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of metas) {
      expect(m.id, m.id).toMatch(/^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/);
      expect(m.id.split('.')[0], m.id).toBe(m.service);
    }
  });

  it.each(metas.map((m) => [m.id, m]))('%s has complete metadata', (_id, m) => {
    for (const lang of ['zh', 'en'] as const) {
      expect(m.title[lang].trim(), `title.${lang}`).not.toBe('');
      expect(m.remediation.why[lang].trim(), `why.${lang}`).not.toBe('');
      expect(m.remediation.console[lang], `console.${lang} is numbered steps`).toMatch(/^1\. /);
    }
    expect(m.title.en).not.toMatch(/^Ensure/);
    expect(OWNERS).toContain(m.owner);
    expect(SEVERITIES).toContain(m.severity);
    expect(RESOURCE_TYPES).toContain(m.resourceType);
    expect(m.remediation.cli.startsWith('aliyun '), 'cli starts with "aliyun "').toBe(true);
    // Check-specific placeholders ({detail} included) must say what they stand for, for `posture explain`.
    const known = [...STANDARD_PLACEHOLDERS, ...Object.keys(m.terms ?? {})];
    for (const p of placeholdersIn([m.remediation.cli, m.remediation.console.en, m.remediation.console.zh].join(' '))) expect(known, `{${p}}`).toContain(p);
    expect(m.needs.length).toBeGreaterThan(0);
    for (const n of m.needs) {
      expect(["ecs", "ram", "ims", "sts", "vpc", "kms", "cas", "actiontrail", "sas", "rds", "cs", "sls", "oss"]).toContain(n.service);
      expect(n.action).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    }
    expect(m.responsibility).toMatch(/^(customer|cloud|shared)\./);
    for (const p of m.products) expect(p).toMatch(/^product\./);
  });

  it('covers every catalogue row, or says why not', () => {
    const catalogue = [
      'ecs.sg.admin-port-open-world', 'ecs.sg.all-ports-open-world', 'ecs.sg.db-port-open-world', 'ecs.sg.risky-port-open-world',
      'ecs.sg.egress-all', 'ecs.sg.unused', 'ecs.sg.service-managed', 'ecs.instance.exposed', 'ecs.instance.imds-v1',
      'ecs.instance.classic-network', 'ecs.instance.no-key-pair', 'ecs.instance.no-deletion-protection', 'ecs.instance.os-end-of-life',
      'ecs.instance.platform-event', 'ecs.instance.no-cloud-assistant', 'ecs.instance.no-security-agent', 'ecs.instance.unpatched',
      'ecs.disk.unencrypted', 'ecs.disk.encryption-by-default-off', 'ecs.disk.no-auto-snapshot', 'ecs.snapshot.short-retention',
      'vpc.flow-log-off', 'ram.root.access-key', 'ram.root.mfa', 'ram.user.console-no-mfa', 'ram.user.console-idle',
      'ram.access-key.old', 'ram.access-key.unused', 'ram.user.multiple-active-keys', 'ram.user.direct-policy',
      'ram.policy.full-admin', 'ram.password-policy', 'ram.security-preference', 'actiontrail.not-enabled',
      'kms.key-rotation-off', 'kms.key-pending-deletion', 'cas.cert-expiring', 'cas.cert-expired', 'vpc.acl-allow-all',
      'actiontrail.not-logging', 'actiontrail.partial-events', 'sas.basic-edition', 'sas.notifications-off', 'sas.vuln-scan-off',
    ];
    const known = new Set([...metas.map((m) => m.id), ...NOT_COVERED.map((n) => n.id)]);
    for (const id of catalogue) expect(known.has(id), id).toBe(true);
    for (const n of NOT_COVERED) {
      expect(metas.some((m) => m.id === n.id), `${n.id} is both a check and not covered`).toBe(false);
      expect(n.reason.en && n.reason.zh).toBeTruthy();
    }
  });

  it('leaves CIS references to the compliance map (knowledge/compliance), so no check or catalogue row states its own', () => {
    for (const m of metas) expect(m.cis, `${m.id}: remove cis; list the check in knowledge/compliance/cis-alibaba-cloud-v2.yaml`).toBeUndefined();
    for (const n of NOT_COVERED) expect(n.cis, `${n.id}: remove cis; the map names it`).toBeUndefined();
  });

  it('puts the platform event on Alibaba Cloud and service-managed groups on both sides', () => {
    expect(metas.find((m) => m.id === 'ecs.instance.platform-event')).toMatchObject({ owner: 'alibaba-cloud', severity: 'info' });
    expect(metas.find((m) => m.id === 'ecs.sg.service-managed')).toMatchObject({ owner: 'shared', severity: 'info' });
  });
});

// The knowledge base is written separately; once its entry files exist, every id a check cites
// must resolve. Files with their own schema (os-eol, synonyms) are not entry files.
const dir = knowledgeDir();
const entryFiles = existsSync(dir)
  ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'os-eol.yaml' && /^entries:/m.test(readFileSync(join(dir, f), 'utf8')))
  : [];

describe('knowledge references', () => {
  it.skipIf(entryFiles.length === 0)('every responsibility and product id resolves against knowledge/*.yaml', () => {
    const ids = new Set<string>();
    for (const f of entryFiles) {
      for (const e of entryFileSchema.parse(parse(readFileSync(join(dir, f), 'utf8'))).entries) ids.add(e.id);
    }
    const missing = new Set<string>();
    for (const m of metas) for (const id of [m.responsibility, ...m.products]) if (!ids.has(id)) missing.add(`${m.id} → ${id}`);
    expect([...missing]).toEqual([]);
  });
});
