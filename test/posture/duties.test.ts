import { describe, expect, it } from 'vitest';
import { ALL_CHECKS as CHECKS } from '../../src/checks/index.js';
import { NOT_COVERED } from '../../src/checks/not-covered.js';
import { buildDuties } from '../../src/posture/duties.js';
import { loadDutyMap } from '../../src/posture/duty-map.js';
import { estateOf } from '../../src/posture/estate.js';
import type { Snapshot } from '../../src/cloud/snapshot.js';
import { scanWith } from '../builders/context.js';
import { defaultEngine } from '../builders/engine.js';
import { buildDisk, buildGap, buildInstance, buildKmsKey, buildSnapshot, buildSystemEvent, buildTrail } from '../builders/snapshot.js';

const kb = () => defaultEngine().kb;
const report = (s: Snapshot) => buildDuties(scanWith(s), estateOf(s), kb(), loadDutyMap());
const duty = (s: Snapshot, id: string) => report(s).duties.find((d) => d.id === id)!;

describe('duties report', () => {
  it('has every customer duty of the knowledge base, in its order, and Alibaba Cloud layers', () => {
    const r = report(buildSnapshot());
    const duties = kb().entries.filter((e) => e.kind === 'duty' && e.owner === 'customer').map((e) => e.id);
    expect(r.duties.map((d) => d.id)).toEqual(duties);
    expect(duties).toEqual(expect.arrayContaining(['customer.os-patching', 'customer.app-security', 'customer.security-groups', 'customer.least-privilege', 'customer.data-security', 'customer.traffic-security', 'customer.audit-monitoring']));
    expect(r.cloud.map((l) => l.id)).toEqual(['cloud.datacenter', 'cloud.physical', 'cloud.virtualization', 'cloud.platform']);
    expect(Object.values(r.totals).reduce((a, b) => a + b, 0)).toBe(r.duties.length);
  });

  it('counts a check under its responsibility and under the extra duties of the map', () => {
    const s = buildSnapshot({ sasData: { agents: {} } });
    const patching = duty(s, 'customer.os-patching');
    expect(patching.checks.find((c) => c.id === 'ecs.instance.no-security-agent')).toMatchObject({ failed: 1 });
    expect(duty(s, 'customer.audit-monitoring').checks.map((c) => c.id)).toContain('ecs.instance.no-security-agent');
    expect(patching.status).toBe('fail');
  });

  it('says how much of the estate Security Center covers and how many have unfixed high vulnerabilities', () => {
    const s = buildSnapshot({
      region: { instances: [buildInstance({ instanceId: 'i-1' }), buildInstance({ instanceId: 'i-2', instanceName: 'db' })] },
      sasData: { agents: { 'i-1': 'online' }, vulns: { 'i-1': { high: 2, medium: 0, low: 0 } } },
    });
    const sc = duty(s, 'customer.os-patching').products.find((p) => p.id === 'product.security-center')!;
    expect(sc).toMatchObject({ state: 'used', coverage: { covered: 1, of: 2, unit: 'instances' } });
    expect(sc.detail.en).toBe('Security Center agent on 1 of 2 instances (1 online); 1 with unfixed high vulnerabilities.');
    expect(sc.detail.zh).toContain('2 台实例中 1 台安装了云安全中心客户端');
  });

  it('reads a denied call as unknown and lists it as a gap, never as unused or a pass', () => {
    const s = buildSnapshot({ securityCenter: null, gaps: [buildGap({ service: 'sas', action: 'DescribeCloudCenterInstances', missingAction: 'yundun-sas:DescribeCloudCenterInstances' })] });
    const d = duty(s, 'customer.os-patching');
    const sc = d.products.find((p) => p.id === 'product.security-center')!;
    expect(sc.state).toBe('unknown');
    expect(sc.detail.en).toContain('yundun-sas:DescribeCloudCenterInstances');
    expect(d.gaps.map((g) => g.en).join('\n')).toMatch(/Security Center: .*could not be read/);
    expect(d.status).not.toBe('pass');
    expect(d.checks.some((c) => c.errors > 0)).toBe(true);
  });

  it('reads the product records of the snapshot: used with assets, unknown when denied', () => {
    const used = duty(buildSnapshot({ products: { 'product.vpn-gateway': { used: true, assets: ['vpn-1'] } } }), 'customer.traffic-security');
    expect(used.products.find((p) => p.id === 'product.vpn-gateway')).toMatchObject({ state: 'used', detail: { en: 'In use: 1 (vpn-1).' } });
    const denied = duty(buildSnapshot({ products: { 'product.vpn-gateway': { unknown: true, action: 'vpc:DescribeVpnGateways', code: 'Forbidden.RAM' } } }), 'customer.traffic-security');
    expect(denied.products.find((p) => p.id === 'product.vpn-gateway')!.state).toBe('unknown');
    expect(denied.gaps.map((g) => g.en).join('\n')).toContain('vpc:DescribeVpnGateways: Forbidden.RAM');
  });

  it('says when no check covers a duty, and names products it cannot read', () => {
    const map = { also: {}, 'not-covered': {} };
    const s = buildSnapshot();
    const d = buildDuties(scanWith(s), estateOf(s), kb(), map).duties.find((x) => x.id === 'customer.app-security')!;
    expect(d.status).toBe('no-check');
    expect(d.gaps[0]!.en).toMatch(/No automated check/);
    expect(d.products.find((p) => p.id === 'product.waf')).toMatchObject({ state: 'not-read' });
  });

  it('shows platform events as the live signal of the layer the check points at', () => {
    const s = buildSnapshot({ region: { systemEvents: [buildSystemEvent()] } });
    const r = report(s);
    const physical = r.cloud.find((l) => l.id === 'cloud.physical')!;
    expect(physical.signals.map((c) => c.id)).toEqual(['ecs.instance.platform-event']);
    expect(physical.events).toHaveLength(1);
    expect(r.cloud.find((l) => l.id === 'cloud.datacenter')!.signals).toEqual([]);
    expect(r.duties.flatMap((d) => d.checks.map((c) => c.id))).not.toContain('ecs.instance.platform-event');
  });
});

describe('estate sentences', () => {
  it('count in good English: one key, one disk, one trail', () => {
    const s = buildSnapshot({ region: { kmsKeys: [buildKmsKey()], disks: [buildDisk({ encrypted: true, kmsKeyId: 'key-1' })] }, actiontrail: { trails: [buildTrail()] } });
    const e = estateOf(s);
    expect(e['product.kms']!.detail.en).toBe('1 KMS key; 1 disk encrypted with a KMS key.');
    expect(e['product.actiontrail']!.detail.en).toMatch(/^1 trail, 1 enabled, 1 logging/);
    expect(e['product.security-group']!.detail.en).toMatch(/^1 security group\.$/);
  });
});

describe('knowledge/duties.yaml', () => {
  it('names only checks, rows and duties that exist', () => {
    const map = loadDutyMap();
    const duties = new Set(kb().entries.filter((e) => e.kind === 'duty').map((e) => e.id));
    const checks = new Set(CHECKS.map((c) => c.meta.id));
    for (const [check, ds] of Object.entries(map.also)) {
      expect(checks.has(check), check).toBe(true);
      for (const d of ds) expect(duties.has(d), `${check} → ${d}`).toBe(true);
      // An extra duty repeating the meta's own would count the check twice in nothing new.
      expect(ds, check).not.toContain(CHECKS.find((c) => c.meta.id === check)!.meta.responsibility);
    }
    for (const [row, d] of Object.entries(map['not-covered'])) {
      expect(NOT_COVERED.some((n) => n.id === row), row).toBe(true);
      expect(duties.has(d), d).toBe(true);
    }
  });
});
