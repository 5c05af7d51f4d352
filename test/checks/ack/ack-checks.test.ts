import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AckCluster, Gap } from '../../../src/cloud/snapshot.js';
import { buildAckCluster, buildSnapshot } from '../../builders/snapshot.js';
import { buildContext } from '../../builders/context.js';

const run = (id: string, clusters: AckCluster[] | null, gaps: Gap[] = []) => {
  const check = ALL_CHECKS.find((c) => c.meta.id === id)!;
  const snapshot = buildSnapshot({ region: { ackClusters: clusters }, gaps });
  return check.run(buildContext({ snapshot }));
};
const statuses = (id: string, clusters: AckCluster[] | null, gaps: Gap[] = []) => run(id, clusters, gaps).map((r) => r.status);
const detail = (o: Partial<NonNullable<AckCluster['detail']>>) => ({ ...buildAckCluster().detail!, ...o });

const ACK_IDS = ALL_CHECKS.filter((c) => c.meta.service === 'ack').map((c) => c.meta.id);

describe('ACK checks', () => {
  it('pass a clean ACK Pro cluster, every one of them', () => {
    for (const id of ACK_IDS) expect(statuses(id, [buildAckCluster()]), id).toEqual(['pass']);
    expect(ACK_IDS).toHaveLength(8);
  });

  it('fail an API server with an internet address, and say where', () => {
    const [r] = run('ack.cluster.public-api-server', [buildAckCluster({ detail: detail({ publicApiServer: 'https://47.1.2.3:6443' }) })]);
    expect(r!.status).toBe('fail');
    expect(r!.reason.en).toContain('https://47.1.2.3:6443');
    expect(r!.reason.zh).toContain('公网');
  });

  it('read the add-ons: no logtail-ds, the dashboard, Flannel', () => {
    expect(statuses('ack.cluster.log-service-off', [buildAckCluster({ addons: ['terway-eniip'] })])).toEqual(['fail']);
    expect(statuses('ack.cluster.dashboard-on', [buildAckCluster({ addons: ['terway-eniip', 'logtail-ds', 'kubernetes-dashboard'] })])).toEqual(['fail']);
    const flannel = [buildAckCluster({ addons: ['flannel', 'logtail-ds'] })];
    expect(statuses('ack.cluster.network-policy-off', flannel)).toEqual(['fail']);
    expect(statuses('ack.cluster.eni-multi-ip-off', flannel)).toEqual(['fail']);
    // Terway in exclusive-ENI mode enforces NetworkPolicy but is not the multi-IP mode.
    const eni = [buildAckCluster({ addons: ['terway-eni'] })];
    expect(statuses('ack.cluster.network-policy-off', eni)).toEqual(['pass']);
    expect(statuses('ack.cluster.eni-multi-ip-off', eni)).toEqual(['fail']);
  });

  it('never passes a cluster whose network plugin is not among its add-ons', () => {
    expect(statuses('ack.cluster.network-policy-off', [buildAckCluster({ addons: ['coredns'] })])).toEqual(['error']);
  });

  it('fail a node pool without CloudMonitor, naming it; an unreported flag is unknown', () => {
    const pools = [
      { nodePoolId: 'np-1', name: 'web', cmsEnabled: true },
      { nodePoolId: 'np-2', name: 'batch', cmsEnabled: false },
    ];
    const [r] = run('ack.cluster.cloudmonitor-off', [buildAckCluster({ nodePools: pools })]);
    expect(r!.status).toBe('fail');
    expect(r!.reason.en).toContain('batch');
    expect(statuses('ack.cluster.cloudmonitor-off', [buildAckCluster({ nodePools: [{ nodePoolId: 'np-1', name: 'web', cmsEnabled: null }] })])).toEqual(['error']);
  });

  it('fail inspection that is off or never configured, and Secrets without a KMS key (saying Pro is needed)', () => {
    expect(statuses('ack.cluster.inspection-off', [buildAckCluster({ inspection: { enabled: false, recurrence: '' } })])).toEqual(['fail']);
    const [r] = run('ack.cluster.secrets-encryption-off', [buildAckCluster({ clusterSpec: 'ack.standard', detail: detail({ secretsEncryptionKey: '' }) })]);
    expect(r!.status).toBe('fail');
    expect(r!.reason.en).toMatch(/ACK Pro/);
  });

  it('turn an unknown list into one error for the region naming cs:DescribeClustersV1, never a pass', () => {
    const gap: Gap = { service: 'cs', action: 'DescribeClustersV1', region: 'cn-hangzhou', code: 'Forbidden.RAM', message: 'denied', missingAction: 'cs:DescribeClustersV1' };
    for (const id of ACK_IDS) {
      const rs = run(id, null, [gap]);
      expect(rs.map((r) => r.status), id).toEqual(['error']);
      expect(rs[0]!.reason.en, id).toContain('cs:DescribeClustersV1');
    }
  });

  it('turn an unknown part of a cluster into an error for that cluster only', () => {
    const gap: Gap = { service: 'cs', action: 'ListClusterAddonInstances', region: 'cn-hangzhou', resource: 'c-1', code: 'Forbidden.RAM', message: 'denied', missingAction: 'cs:ListClusterAddonInstances' };
    const c = [buildAckCluster({ addons: null })];
    for (const id of ['ack.cluster.log-service-off', 'ack.cluster.dashboard-on', 'ack.cluster.network-policy-off', 'ack.cluster.eni-multi-ip-off']) {
      const [r] = run(id, c, [gap]);
      expect(r!.status, id).toBe('error');
      expect(r!.reason.en, id).toContain('cs:ListClusterAddonInstances');
    }
    expect(statuses('ack.cluster.public-api-server', c, [gap])).toEqual(['pass']);
    expect(statuses('ack.cluster.public-api-server', [buildAckCluster({ detail: null })])).toEqual(['error']);
    expect(statuses('ack.cluster.secrets-encryption-off', [buildAckCluster({ detail: detail({ secretsEncryptionKey: null }) })])).toEqual(['error']);
  });

  it('link every ACK check to the container duty and to the ACK product', () => {
    for (const c of ALL_CHECKS.filter((x) => x.meta.service === 'ack')) {
      expect(c.meta.responsibility).toBe('customer.container-security');
      expect(c.meta.products).toContain('product.ack');
      expect(c.meta.owner).toBe('customer');
    }
  });
});
