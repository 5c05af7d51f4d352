// What the ACK checks share: walking every cluster of every region, with an unknown list or an
// unknown part of a cluster turned into an error naming the permission, never into a pass.

import type { AckCluster } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { ref, regionsOf, withList } from '../helpers.js';
import type { Bilingual, CheckContext, CheckMeta, CheckResult, Need, ResourceRef } from '../model.js';

export const LIST_NEED: Need = { service: 'cs', action: 'DescribeClustersV1' };
export const DETAIL_NEED: Need = { service: 'cs', action: 'DescribeClusterDetail' };
export const ADDONS_NEED: Need = { service: 'cs', action: 'ListClusterAddonInstances' };

export const CLUSTERS_WHAT: Bilingual = { en: 'the list of ACK clusters', zh: 'ACK 集群列表' };
export const ADDONS_WHAT: Bilingual = { en: 'the installed add-ons (ListClusterAddonInstances)', zh: '已安装的组件(ListClusterAddonInstances)' };

/** What every ACK check's meta has in common. */
export const ACK_META: Pick<CheckMeta, 'owner' | 'service' | 'resourceType' | 'responsibility' | 'products'> = {
  owner: 'customer',
  service: 'ack',
  resourceType: 'ack-cluster',
  responsibility: 'customer.container-security',
  products: ['product.ack'],
};

export function clusterRef(ctx: CheckContext, c: AckCluster): ResourceRef {
  return ref(ctx, 'ack-cluster', c.clusterId, c.name || c.clusterId, c.regionId);
}

/** Managed: Alibaba Cloud runs the masters; dedicated (cluster_type Kubernetes): they are yours. */
export function isDedicated(c: AckCluster): boolean {
  return c.clusterType === 'Kubernetes';
}

/**
 * One result per cluster: `judge` gets the part read by `pick`, which is never null there
 * (an unknown part is an error for that cluster, naming the call that failed).
 */
export function perCluster<T>(
  ctx: CheckContext,
  needs: Need[],
  what: Bilingual,
  pick: (c: AckCluster) => T | null,
  judge: (c: AckCluster, value: T, r: ResourceRef) => CheckResult,
): CheckResult[] {
  return regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.ackClusters ?? null, needs, CLUSTERS_WHAT, (clusters) =>
      clusters.map((c) => {
        const r = clusterRef(ctx, c);
        const value = pick(c);
        return value === null ? unknownResult(ctx.snapshot, needs, r, what) : judge(c, value, r);
      }),
    ),
  );
}

/** The container network plugin the add-ons show: terway-eniip (shared ENI, multiple IPs), terway-eni, flannel. */
export type NetworkPlugin = 'terway-eniip' | 'terway-eni' | 'flannel';

export function networkPlugin(addons: string[]): NetworkPlugin | null {
  if (addons.includes('terway-eniip')) return 'terway-eniip';
  if (addons.some((a) => a === 'terway-eni' || a === 'terway')) return 'terway-eni';
  if (addons.includes('flannel')) return 'flannel';
  return null;
}
