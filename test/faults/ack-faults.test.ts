import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/cloud/index.js';
import { loadScenario, startEmulator, type FaultRule } from '../../src/emulator/index.js';
import { optionsFor } from '../cloud/helpers.js';
import { evaluate, FAST, NOW } from './helpers.js';

// The ACK checks on the demo account through the real cs20151215 client: planted problems fail,
// the clean cluster passes, and a denied, throttled or broken call makes them errors naming the permission.

const ACK = (id: string) => id.startsWith('ack.');
const SHOP = 'c4e1b7a20d9f34c6a8b5e02f1d7c93a61';
const CORE = 'c9a03d5e6b7f14e2c8d9a0b1c2d3e4f5a';

async function scan(faults: FaultRule[] = []) {
  const emu = await startEmulator({ scenario: loadScenario('demo', { now: NOW }), faults });
  try {
    const base = optionsFor(emu);
    const snapshot = await collectSnapshot({ ...base, services: ['ack'], limits: { ...base.limits, ...FAST } });
    return { snapshot, findings: evaluate(snapshot).findings.filter((f) => ACK(f.checkId)) };
  } finally {
    await emu.stop();
  }
}

const table = (fs: Awaited<ReturnType<typeof scan>>['findings']) => fs.map((f) => `${f.checkId} ${f.resource.name} ${f.status}`).sort();

describe('ACK checks on the demo account', () => {
  it('fail where problems are planted and pass the clean cluster', async () => {
    const { snapshot, findings } = await scan();
    expect(snapshot.gaps.filter((g) => g.service === 'cs')).toEqual([]);
    expect(table(findings)).toEqual([
      'ack.cluster.cloudmonitor-off orders-core pass',
      'ack.cluster.cloudmonitor-off shop-web pass',
      'ack.cluster.dashboard-on orders-core pass',
      'ack.cluster.dashboard-on shop-web fail',
      'ack.cluster.eni-multi-ip-off orders-core pass',
      'ack.cluster.eni-multi-ip-off shop-web fail',
      'ack.cluster.inspection-off orders-core pass',
      'ack.cluster.inspection-off shop-web fail',
      'ack.cluster.log-service-off orders-core pass',
      'ack.cluster.log-service-off shop-web pass',
      'ack.cluster.network-policy-off orders-core pass',
      'ack.cluster.network-policy-off shop-web fail',
      'ack.cluster.public-api-server orders-core pass',
      'ack.cluster.public-api-server shop-web fail',
      'ack.cluster.secrets-encryption-off orders-core pass',
      'ack.cluster.secrets-encryption-off shop-web fail',
    ]);
    const open = findings.find((f) => f.checkId === 'ack.cluster.public-api-server' && f.status === 'fail')!;
    expect([open.severity, open.owner, open.resource.id]).toEqual(['high', 'customer', SHOP]);
  });

  it.each([
    ['DescribeClustersV1', 'cs:DescribeClustersV1', null],
    ['DescribeClusterDetail', 'cs:DescribeClusterDetail', ['ack.cluster.public-api-server', 'ack.cluster.secrets-encryption-off']],
    ['ListClusterAddonInstances', 'cs:ListClusterAddonInstances', ['ack.cluster.log-service-off', 'ack.cluster.dashboard-on', 'ack.cluster.network-policy-off', 'ack.cluster.eni-multi-ip-off']],
    ['DescribeClusterNodePools', 'cs:DescribeClusterNodePools', ['ack.cluster.cloudmonitor-off']],
    ['GetClusterInspectConfig', 'cs:GetClusterInspectConfig', ['ack.cluster.inspection-off']],
  ])('%s denied: its checks are errors naming %s, none passes', async (action, permission, checks) => {
    const { findings } = await scan([{ action, kind: 'deny' }]);
    const hit = (id: string) => checks === null || checks.includes(id);
    const mine = findings.filter((f) => hit(f.checkId));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.status === 'error')).toBe(true);
    expect(mine.every((f) => f.reason.en.includes(`grant ${permission}`))).toBe(true);
    // The other ACK checks still judge the clusters they can read.
    expect(findings.filter((f) => !hit(f.checkId)).every((f) => f.status !== 'error')).toBe(true);
  });

  it('a list that stays throttled is an error for the region, not an empty pass', async () => {
    const { snapshot, findings } = await scan([{ action: 'DescribeClustersV1', kind: 'error', status: 400, code: 'Throttling.User' }]);
    expect(snapshot.regionData['cn-hangzhou']!.ackClusters).toBeNull();
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.status === 'error')).toBe(true);
  });

  it('a broken per-cluster body is an error for that cluster only', async () => {
    const { findings } = await scan([{ action: 'DescribeClusterNodePools', kind: 'malformed' }]);
    const cms = findings.filter((f) => f.checkId === 'ack.cluster.cloudmonitor-off');
    expect(cms.map((f) => f.status)).toEqual(['error', 'error']);
    expect(findings.find((f) => f.checkId === 'ack.cluster.public-api-server' && f.resource.id === CORE)!.status).toBe('pass');
  });
});
