import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { knowledgeDir } from '../../src/core/paths.js';
import { entryFileSchema, synonymFileSchema, type Entry } from '../../src/kb/schema.js';

// Registry test for the knowledge base data: the files must validate, link up, and cover every
// layer, item and product of the source page ("ECS的安全责任共担模型").

const ENTRY_FILES = ['responsibilities.yaml', 'products.yaml', 'incidents.yaml'];

function readYaml(name: string): unknown {
  return parse(readFileSync(join(knowledgeDir(), name), 'utf8'));
}

function loadEntries(): Entry[] {
  return ENTRY_FILES.flatMap((name) => entryFileSchema.parse(readYaml(name)).entries);
}

const entries = loadEntries();
const byId = new Map(entries.map((e) => [e.id, e]));
const ofKind = (kind: Entry['kind']) => entries.filter((e) => e.kind === kind);

/** Titles and aliases in both languages: where a name must show up to be findable. */
function names(e: Entry): string[] {
  return [e.title.zh, e.title.en, ...e.aliases.zh, ...e.aliases.en];
}

const REQUIRED_IDS = [
  'context.shared-model',
  'context.of-the-cloud',
  'context.in-the-cloud',
  'context.why-cloud-security',
  'law.cybersecurity',
  'law.data-security',
  // Alibaba Cloud's four layers and their items
  'cloud.datacenter',
  'cloud.datacenter.disaster-recovery',
  'cloud.datacenter.personnel',
  'cloud.datacenter.ops-audit',
  'cloud.physical',
  'cloud.physical.data-destruction',
  'cloud.physical.asset-management',
  'cloud.physical.network-isolation',
  'cloud.virtualization',
  'cloud.virtualization.tenant-isolation',
  'cloud.virtualization.tenant-isolation.compute',
  'cloud.virtualization.tenant-isolation.network',
  'cloud.virtualization.tenant-isolation.storage',
  'cloud.virtualization.hardening',
  'cloud.virtualization.escape-detection',
  'cloud.virtualization.hot-patching',
  'cloud.virtualization.data-erasure',
  'cloud.platform',
  'cloud.platform.accounts',
  'cloud.platform.mfa',
  'cloud.platform.authorization',
  'cloud.platform.secure-access',
  // customer duties
  'customer.os-patching',
  'customer.app-security',
  'customer.security-groups',
  'customer.least-privilege',
  'customer.secure-login',
  'customer.data-security',
  'customer.traffic-security',
  'customer.backup',
  'customer.audit-monitoring',
  'customer.account-security',
  // product groups and products
  'group.os-security',
  'group.identity-access',
  'group.network',
  'group.application',
  'group.data',
  'group.audit',
  'product.trusted-computing',
  'product.confidential-computing',
  'product.security-center',
  'product.ssh-key-pair',
  'product.session-manager',
  'product.cloud-assistant',
  'product.security-group',
  'product.ram',
  'product.bastionhost',
  'product.vpc',
  'product.network-acl',
  'product.cloud-firewall',
  'product.waf',
  'product.anti-ddos',
  'product.vpn-gateway',
  'product.certificate-management',
  'product.ssl-certificates',
  'product.snapshot',
  'product.encrypted-disk',
  'product.kms',
  'product.actiontrail',
  'product.idaas',
];

const REQUIRED_TERMS = [
  '机房容灾', '人员管理', '运维审计', '数据销毁', 'SP800-88', '存储设备资产管理', '网络隔离',
  '热补丁', '数据擦除', '租户隔离', '计算隔离', '存储隔离', '安全加固', '逃逸检测', '多因素认证',
  '主子账号', '细粒度', 'GB 50174', 'TIA 942', '网络安全法', '数据安全法',
  '数据中心安全', '物理基础设施安全', '虚拟化系统安全', '云服务平台的安全',
  // every product named by the source
  '可信计算', 'TPM', 'vTPM', '机密计算', '云安全中心', 'SSH密钥对', '会话管理', '云助手', '安全组',
  '访问控制', 'RAM', '堡垒机', '运维安全中心', '专有网络', 'VPC', '网络ACL', '云防火墙',
  'Web应用防火墙', 'WAF', 'DDoS原生防护', 'VPN网关', '数字证书管理服务', '阿里云SSL证书', '快照',
  '加密云盘', '密钥管理服务', 'KMS', '操作审计', 'ActionTrail', '云身份服务', 'IDaaS',
];

// These match almost every question, so as aliases or keywords they would drown the signal.
const GENERIC_TERMS = ['安全', 'security', '云', 'cloud', 'ecs', '阿里云', 'alibaba', 'alibaba cloud'];

describe('knowledge base content', () => {
  it('validates against the schema', () => {
    for (const name of ENTRY_FILES) {
      const result = entryFileSchema.safeParse(readYaml(name));
      expect(result.success, `${name}: ${result.success ? '' : result.error.message}`).toBe(true);
    }
  });

  it('has unique ids across files', () => {
    const seen = new Set<string>();
    const dupes = entries.map((e) => e.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(dupes).toEqual([]);
  });

  it('resolves every parent and related id', () => {
    const broken = entries.flatMap((e) =>
      [e.parent, ...e.related].filter((id): id is string => id !== undefined && !byId.has(id)).map((id) => `${e.id} -> ${id}`),
    );
    expect(broken).toEqual([]);
  });

  it('has non-empty zh and en text everywhere', () => {
    for (const e of entries) {
      for (const field of [e.title, e.summary, e.body, e.limits, e.docs]) {
        if (!field) continue;
        expect(field.zh.trim(), e.id).not.toBe('');
        expect(field.en.trim(), e.id).not.toBe('');
      }
      expect(e.aliases.zh.length, `${e.id} zh aliases`).toBeGreaterThan(0);
      expect(e.aliases.en.length, `${e.id} en aliases`).toBeGreaterThan(0);
      expect(e.keywords.zh.length, `${e.id} zh keywords`).toBeGreaterThan(0);
      expect(e.keywords.en.length, `${e.id} en keywords`).toBeGreaterThan(0);
    }
  });

  it('keeps generic words out of aliases and keywords', () => {
    const generic = new Set(GENERIC_TERMS);
    const offenders = entries.flatMap((e) =>
      [...e.aliases.zh, ...e.aliases.en, ...e.keywords.zh, ...e.keywords.en]
        .filter((t) => generic.has(t.toLowerCase()))
        .map((t) => `${e.id}: ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('contains every required entry', () => {
    expect(REQUIRED_IDS.filter((id) => !byId.has(id))).toEqual([]);
  });

  it('names every required term in some title or alias', () => {
    const all = entries.flatMap(names);
    expect(REQUIRED_TERMS.filter((term) => !all.some((n) => n.includes(term)))).toEqual([]);
  });

  it('has exactly four Alibaba Cloud layers under "of the cloud"', () => {
    const layers = ofKind('layer');
    expect(layers.map((e) => e.id).sort()).toEqual(
      ['cloud.datacenter', 'cloud.physical', 'cloud.platform', 'cloud.virtualization'],
    );
    for (const layer of layers) {
      expect(layer.owner, layer.id).toBe('alibaba-cloud');
      expect(layer.parent, layer.id).toBe('context.of-the-cloud');
    }
  });

  it('hangs every item under a layer (or a parent item) owned by Alibaba Cloud', () => {
    for (const item of ofKind('item')) {
      expect(item.owner, item.id).toBe('alibaba-cloud');
      const parent = byId.get(item.parent ?? '');
      expect(['layer', 'item'], item.id).toContain(parent?.kind);
    }
  });

  it('gives tenant isolation its three parts, in its body and as entries', () => {
    const tenant = byId.get('cloud.virtualization.tenant-isolation');
    for (const part of ['计算隔离', '网络隔离', '存储隔离']) expect(tenant?.body.zh).toContain(part);
    for (const part of ['compute isolation', 'network isolation', 'storage isolation']) {
      expect(tenant?.body.en).toContain(part);
    }
    const children = ofKind('item').filter((e) => e.parent === 'cloud.virtualization.tenant-isolation');
    expect(children).toHaveLength(3);
  });

  it('has 26 products in 6 groups, each with a docs title', () => {
    const groups = ofKind('product-group');
    const products = ofKind('product');
    expect(groups).toHaveLength(6);
    expect(products).toHaveLength(26);
    const groupIds = new Set(groups.map((g) => g.id));
    for (const p of products) {
      expect(groupIds.has(p.parent ?? ''), `${p.id} parent ${p.parent}`).toBe(true);
      expect(p.docs, p.id).toBeDefined();
    }
    for (const g of groups) {
      expect(products.some((p) => p.parent === g.id), `${g.id} is empty`).toBe(true);
    }
  });

  it('keeps the limits the source states', () => {
    expect(byId.get('product.ssh-key-pair')?.limits?.en).toMatch(/Linux/);
    expect(byId.get('product.ssh-key-pair')?.limits?.zh).toMatch(/Linux/);
    expect(byId.get('product.anti-ddos')?.limits?.zh).toMatch(/阈值/);
    expect(byId.get('product.network-acl')?.limits?.zh).toMatch(/交换机/);
  });

  it('puts every duty on the customer side and links it to at least one product', () => {
    const duties = ofKind('duty');
    expect(duties.length).toBeGreaterThanOrEqual(10);
    for (const d of duties) {
      expect(d.owner, d.id).toBe('customer');
      expect(d.parent, d.id).toBe('context.in-the-cloud');
      expect(d.related.some((id) => byId.get(id)?.kind === 'product'), d.id).toBe(true);
    }
  });

  it('links every product to a duty or layer it serves, and the duty links back', () => {
    for (const p of ofKind('product')) {
      const served = p.related.map((id) => byId.get(id)).filter((e) => e && ['duty', 'layer', 'item'].includes(e.kind));
      expect(served.length, p.id).toBeGreaterThan(0);
      for (const e of served) {
        if (e?.kind === 'duty') expect(e.related, `${e.id} should list ${p.id}`).toContain(p.id);
      }
    }
    for (const d of ofKind('duty')) {
      for (const id of d.related) {
        const target = byId.get(id);
        if (target?.kind === 'product') expect(target.related, `${id} should list ${d.id}`).toContain(d.id);
      }
    }
  });

  it('cites the source standards', () => {
    expect(byId.get('cloud.datacenter')?.standards.join(' ')).toMatch(/GB 50174.*TIA 942|TIA 942.*GB 50174/);
    expect(byId.get('cloud.physical.data-destruction')?.standards).toContain('NIST SP800-88');
  });

  it('has laws and the shared model on both sides', () => {
    for (const id of ['context.shared-model', 'law.cybersecurity', 'law.data-security']) {
      expect(byId.get(id)?.owner, id).toBe('shared');
    }
    expect(byId.get('context.of-the-cloud')?.owner).toBe('alibaba-cloud');
    expect(byId.get('context.in-the-cloud')?.owner).toBe('customer');
  });

  it('validates synonyms.yaml', () => {
    const result = synonymFileSchema.safeParse(readYaml('synonyms.yaml'));
    expect(result.success, result.success ? '' : result.error.message).toBe(true);
    const groups = result.success ? result.data.groups : [];
    expect(groups.length).toBeGreaterThanOrEqual(60);
    expect(groups.length).toBeLessThanOrEqual(150);
    for (const g of groups) expect(new Set(g.map((t) => t.toLowerCase())).size, g.join('|')).toBe(g.length);
  });
});
