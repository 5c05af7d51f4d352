import { describe, expect, it } from 'vitest';
import { inventorySummary } from '../../src/cloud/inventory.js';
import { renderInventoryJson, renderInventoryTable } from '../../src/cloud/inventory-render.js';
import type { RegionSnapshot, Snapshot } from '../../src/cloud/snapshot.js';

function region(regionId: string, over: Partial<RegionSnapshot> = {}): RegionSnapshot {
  return {
    regionId,
    instances: [],
    securityGroups: [],
    disks: [],
    autoSnapshotPolicies: [],
    systemEvents: [],
    cloudAssistant: {},
    diskEncryptionByDefault: true,
    vpcs: [],
    flowLogs: [],
    ...over,
  };
}

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    schemaVersion: 1,
    accountName: 'main',
    identity: { accountId: '123', arn: 'acs:ram::123:root', identityType: 'Account', principalId: '123' },
    collectedAt: '2026-11-01T00:00:00.000Z',
    source: { kind: 'live' },
    regions: ['cn-hangzhou'],
    regionData: { 'cn-hangzhou': region('cn-hangzhou') },
    ram: { users: [], groups: [], customPolicies: [], passwordPolicy: null, securityPreference: null },
    gaps: [],
    stats: { apiCalls: 10, retries: 1, durationMs: 2500 },
    ...over,
  };
}

const group = (id: string, rules: number | null) =>
  ({ securityGroupId: id, rules: rules === null ? null : Array.from({ length: rules }, () => ({})) }) as never;

describe('inventorySummary', () => {
  it('counts per region and RAM, and marks a clean scan complete', () => {
    const s = inventorySummary(
      snapshot({
        regionData: {
          'cn-hangzhou': region('cn-hangzhou', {
            instances: [{} as never, {} as never],
            securityGroups: [group('sg-1', 3), group('sg-2', 2)],
          }),
        },
        ram: {
          users: [{ accessKeys: [{}, {}] } as never, { accessKeys: [] } as never],
          groups: [],
          customPolicies: [{} as never],
          passwordPolicy: null,
          securityPreference: null,
        },
      }),
    );
    expect(s.complete).toBe(true);
    expect(s.regions[0]).toMatchObject({ regionId: 'cn-hangzhou', instances: 2, securityGroups: 2, securityGroupRules: 5, gaps: 0 });
    expect(s.ram).toEqual({ users: 2, groups: 0, customPolicies: 1, accessKeys: 2, gaps: 0 });
  });

  it('keeps unknown as null, never 0, and groups gaps by service', () => {
    const s = inventorySummary(
      snapshot({
        regions: ['cn-hangzhou', 'ap-southeast-1'],
        regionData: {
          'cn-hangzhou': region('cn-hangzhou', { disks: null, securityGroups: [group('sg-1', 3), group('sg-2', null)] }),
          'ap-southeast-1': region('ap-southeast-1', { instances: null, vpcs: null }),
        },
        ram: null,
        gaps: [
          { service: 'ecs', region: 'cn-hangzhou', action: 'DescribeDisks', code: 'Forbidden.RAM', message: 'denied', missingAction: 'ecs:DescribeDisks' },
          { service: 'ecs', region: 'ap-southeast-1', action: 'DescribeInstances', code: 'Timeout', message: 'timeout' },
          { service: 'vpc', region: 'ap-southeast-1', action: 'DescribeVpcs', code: 'RegionUnreachable', message: 'skipped' },
          { service: 'ram', action: '*', code: 'NotRequested', message: 'ram was not requested' },
        ],
      }),
    );
    expect(s.complete).toBe(false);
    expect(s.regions[0]).toMatchObject({ disks: null, securityGroupRules: null, gaps: 1 });
    expect(s.regions[1]).toMatchObject({ instances: null, vpcs: null, disks: 0, gaps: 2 });
    expect(s.ram).toBeNull();
    expect(s.gapsByService).toEqual({ ecs: 2, vpc: 1, ram: 1 });
  });
});

describe('inventory renderers', () => {
  it('the table shows ? for unknown, flags an incomplete scan and names the missing permission', () => {
    const s = inventorySummary(
      snapshot({
        regionData: { 'cn-hangzhou': region('cn-hangzhou', { disks: null }) },
        gaps: [{ service: 'ecs', region: 'cn-hangzhou', action: 'DescribeDisks', code: 'Forbidden.RAM', message: 'x', missingAction: 'ecs:DescribeDisks' }],
      }),
    );
    const en = renderInventoryTable(s, 'en');
    expect(en).toContain('main (123)');
    expect(en).toMatch(/cn-hangzhou\s+0\s+0\s+0\s+\?/);
    expect(en).toContain('INCOMPLETE: 1 gap');
    expect(en).toContain('ecs:DescribeDisks');
    const zh = renderInventoryTable(s, 'zh');
    expect(zh).toContain('不完整');
    expect(zh).toContain('地域');
  });

  it('a complete scan says so; JSON round-trips', () => {
    const s = inventorySummary(snapshot());
    expect(renderInventoryTable(s)).toContain('Complete: every call succeeded.');
    expect(JSON.parse(renderInventoryJson(s))).toEqual(JSON.parse(JSON.stringify(s)));
  });
});
