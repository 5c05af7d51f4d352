import { describe, expect, it } from 'vitest';
import { collectFrom, withEmulator } from './helpers.js';
import type { ScenarioInput } from '../../src/emulator/index.js';
import { jsonObject, toDetail } from '../../src/cloud/collect-ack.js';
import { Cs } from '../../src/cloud/sdk.js';

// 3 clusters in Hangzhou with page size 1 (three pages), one in Shanghai that the Hangzhou list must not show.
const account = (): ScenarioInput => ({
  regions: {
    'cn-hangzhou': {
      ackClusters: [
        { clusterId: 'c0public000001', name: 'shop', publicApiServer: true, addons: ['flannel', 'kubernetes-dashboard'], inspection: null },
        { clusterId: 'c0private00001', name: 'core', secretsEncryptionKey: 'key-hzz0001', nodePools: [{ nodePoolId: 'np1', cmsEnabled: false }] },
        { clusterId: 'c0dedicated001', clusterType: 'Kubernetes', clusterSpec: '' },
      ],
    },
    'cn-shanghai': { ackClusters: [{ clusterId: 'c0shanghai0001' }] },
  },
});

describe('ACK through the generated cs20151215 client (ROA, ACS3-signed) against the emulator', () => {
  it('reads every cluster over pages with its detail, add-ons, node pools and inspection', async () => {
    await withEmulator(account(), async (emu) => {
      const snap = await collectFrom(emu, { regions: ['cn-hangzhou', 'cn-shanghai'], limits: { pageSize: 1 } });
      expect(snap.gaps).toEqual([]);
      const hz = snap.regionData['cn-hangzhou']!.ackClusters!;
      expect(hz.map((c) => c.clusterId)).toEqual(['c0public000001', 'c0private00001', 'c0dedicated001']);
      expect(hz[0]).toEqual({
        clusterId: 'c0public000001',
        name: 'shop',
        regionId: 'cn-hangzhou',
        clusterType: 'ManagedKubernetes',
        clusterSpec: 'ack.pro.small',
        version: '1.31.1-aliyun.1',
        state: 'running',
        detail: { publicApiServer: 'https://47.96.0.10:6443', intranetApiServer: 'https://192.168.0.10:6443', secretsEncryptionKey: '' },
        addons: ['flannel', 'kubernetes-dashboard'],
        nodePools: [{ nodePoolId: 'np0public0000', name: 'default-nodepool', cmsEnabled: true }],
        inspection: { enabled: false, recurrence: '' },
      });
      expect(hz[1]).toMatchObject({ detail: { publicApiServer: '', secretsEncryptionKey: 'key-hzz0001' }, nodePools: [{ nodePoolId: 'np1', cmsEnabled: false }] });
      expect(hz[1]!.inspection).toEqual({ enabled: true, recurrence: 'FREQ=DAILY;BYHOUR=10;BYMINUTE=15' });
      expect(snap.regionData['cn-shanghai']!.ackClusters!.map((c) => c.clusterId)).toEqual(['c0shanghai0001']);
      const lists = emu.calls.filter((c) => c.action === 'DescribeClustersV1' && c.region === 'cn-hangzhou');
      expect(lists.length).toBe(3);
      expect(emu.calls.filter((c) => c.service === 'cs').every((c) => c.status === 200 || c.action === 'GetClusterInspectConfig')).toBe(true);
    });
  });

  it('turns a denied list into a gap naming cs:DescribeClustersV1 and leaves the list unknown', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { regions: ['cn-hangzhou'] });
        expect(snap.regionData['cn-hangzhou']!.ackClusters).toBeNull();
        expect(snap.gaps.map((g) => g.missingAction)).toContain('cs:DescribeClustersV1');
      },
      [{ action: 'DescribeClustersV1', kind: 'deny' }],
    );
  });

  it('keeps a cluster whose per-cluster calls were denied, with those parts unknown and one gap each', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { regions: ['cn-hangzhou'] });
        const shop = snap.regionData['cn-hangzhou']!.ackClusters!.find((c) => c.clusterId === 'c0public000001')!;
        expect(shop).toMatchObject({ detail: null, addons: null, inspection: { enabled: false } });
        expect(shop.nodePools).not.toBeNull();
        const mine = snap.gaps.filter((g) => g.resource === 'c0public000001').map((g) => g.missingAction).sort();
        expect(mine).toEqual(['cs:DescribeClusterDetail', 'cs:ListClusterAddonInstances']);
      },
      [
        { action: 'DescribeClusterDetail', kind: 'deny' },
        { action: 'ListClusterAddonInstances', kind: 'deny' },
      ],
    );
  });

  it('retries a throttled list and still reads every cluster', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { regions: ['cn-hangzhou'] });
        expect(snap.gaps).toEqual([]);
        expect(snap.regionData['cn-hangzhou']!.ackClusters).toHaveLength(3);
        expect(emu.calls.filter((c) => c.action === 'DescribeClustersV1' && c.status !== 200).length).toBe(2);
      },
      [{ action: 'DescribeClustersV1', kind: 'error', status: 503, code: 'ServiceUnavailable', times: 2 }],
    );
  });
});

describe('ACK readers', () => {
  it('reads master_url and meta_data, and an unreadable one as unknown, never as private', () => {
    const d = toDetail(new Cs.DescribeClusterDetailResponseBody({ masterUrl: '{"api_server_endpoint":"https://1.2.3.4:6443"}', metaData: '{"EncryptionProviderKey":"key-1"}' }));
    expect(d).toEqual({ publicApiServer: 'https://1.2.3.4:6443', intranetApiServer: '', secretsEncryptionKey: 'key-1' });
    const broken = toDetail(new Cs.DescribeClusterDetailResponseBody({ masterUrl: '{not json', metaData: '' }));
    expect(broken.publicApiServer).toBeNull();
    expect(broken.secretsEncryptionKey).toBeNull();
    expect(jsonObject('[1]')).toBeNull();
  });
});
