import { describe, expect, it } from 'vitest';
import { collectFrom, withEmulator } from './helpers.js';
import type { ScenarioInput } from '../../src/emulator/index.js';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

const account = (): ScenarioInput => ({
  regions: {
    'cn-hangzhou': {
      vpcs: [{ vpcId: 'vpc-1' }],
      kmsKeys: [
        { keyId: 'key-rot' },
        { keyId: 'key-norot', automaticRotation: 'Disabled' },
        { keyId: 'key-del', keyState: 'PendingDeletion', deleteDate: inDays(7) },
      ],
      networkAcls: [
        {
          networkAclId: 'nacl-open',
          vpcId: 'vpc-1',
          boundVSwitches: ['vsw-1'],
          ingress: [{ policy: 'accept', protocol: 'all', port: '-1/-1', sourceCidrIp: '0.0.0.0/0' }],
        },
      ],
      vpnGateways: [{ vpnGatewayId: 'vpn-1', vpcId: 'vpc-1' }],
    },
  },
  certificates: [
    { certificateId: 101, name: 'www', endDate: inDays(200) },
    { certificateId: 102, name: 'api', endDate: inDays(10) },
    { certificateId: 103, name: 'old', endDate: inDays(-3) },
  ],
});

describe('KMS, certificates, network ACLs and product usage through the real SDK and callApi', () => {
  it('reads keys with their rotation, every certificate (expired ones too), ACL entries and VPN gateways', async () => {
    await withEmulator(account(), async (emu) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 1 } });
      expect(snap.gaps).toEqual([]);
      const region = snap.regionData['cn-hangzhou']!;
      expect(region.kmsKeys!.map((k) => [k.keyId, k.meta?.automaticRotation, k.meta?.keyState])).toEqual([
        ['key-rot', 'Enabled', 'Enabled'],
        ['key-norot', 'Disabled', 'Enabled'],
        ['key-del', 'Enabled', 'PendingDeletion'],
      ]);
      expect(region.networkAcls).toEqual([
        {
          networkAclId: 'nacl-open',
          networkAclName: 'nacl-open',
          regionId: 'cn-hangzhou',
          vpcId: 'vpc-1',
          status: 'Available',
          ingress: [{ entryId: 'nae-open-1', entryName: '', policy: 'accept', protocol: 'all', port: '-1/-1', sourceCidrIp: '0.0.0.0/0', entryType: 'custom' }],
          boundVSwitches: ['vsw-1'],
        },
      ]);
      expect(snap.certificates!.map((c) => c.certificateId).sort()).toEqual(['101', '102', '103']);
      expect(snap.products).toEqual({ 'product.vpn-gateway': { used: true, assets: ['vpn-1'] } });
      // Paging really happened (one key per page), and the expired listing was asked for.
      expect(emu.calls.filter((c) => c.action === 'ListKeys').length).toBe(3);
      expect(emu.calls.filter((c) => c.action === 'DescribeKey').length).toBe(3);
      expect(emu.calls.filter((c) => c.action === 'ListUserCertificateOrder').length).toBe(3); // 2 valid (1 per page) + 1 expired
    });
  });

  it('turns a denied call into a gap naming the permission, and leaves the list unknown', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.regionData['cn-hangzhou']!.kmsKeys).toBeNull();
        expect(snap.certificates).toBeNull();
        expect(snap.regionData['cn-hangzhou']!.networkAcls).toBeNull();
        expect(snap.products!['product.vpn-gateway']).toEqual({ unknown: true, action: 'vpc:DescribeVpnGateways', code: 'Forbidden.RAM' });
        const missing = snap.gaps.map((g) => g.missingAction).sort();
        expect(missing).toEqual(
          expect.arrayContaining(['kms:ListKeys', 'vpc:DescribeNetworkAcls', 'vpc:DescribeVpnGateways', 'yundun-cert:ListUserCertificateOrder']),
        );
      },
      [
        { action: 'ListKeys', kind: 'deny' },
        { action: 'ListUserCertificateOrder', kind: 'deny' },
        { action: 'DescribeNetworkAcls', kind: 'deny' },
        { action: 'DescribeVpnGateways', kind: 'deny' },
      ],
    );
  });

  it('keeps a key whose DescribeKey failed, with unknown metadata and a per-key gap', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu);
        const keys = snap.regionData['cn-hangzhou']!.kmsKeys!;
        expect(keys.map((k) => k.meta)).toEqual([null, null, null]);
        expect(snap.gaps.filter((g) => g.action === 'DescribeKey').map((g) => g.resource).sort()).toEqual(['key-del', 'key-norot', 'key-rot']);
      },
      [{ action: 'DescribeKey', kind: 'deny' }],
    );
  });
});
