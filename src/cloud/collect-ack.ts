// Container Service for Kubernetes (ACK) clusters of one region: DescribeClustersV1 (paged) for
// the list, then per cluster its detail (API server addresses, Secrets encryption), add-ons,
// node pools and inspection schedule. A per-cluster call that failed leaves that field null with
// its own gap; the cluster stays listed. Nothing here reads a kubeconfig or anything secret.

import type { CallFailure } from './call-error.js';
import type { Caller } from './caller.js';
import { boolOrNull, list, num, str } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import { Cs } from './sdk.js';
import type { AckCluster, AckClusterDetail, AckInspection, AckNodePool } from './snapshot.js';

type ListBody = InstanceType<typeof Cs.DescribeClustersV1ResponseBody>;
type ListItem = NonNullable<ListBody['clusters']>[number];
type DetailBody = InstanceType<typeof Cs.DescribeClusterDetailResponseBody>;
type PoolsBody = InstanceType<typeof Cs.DescribeClusterNodePoolsResponseBody>;

/** DescribeClustersV1 takes page_size up to 100. */
const MAX_PAGE = 100;

export async function readAckClusters(caller: Caller, regionId: string, pageSize = MAX_PAGE): Promise<AckCluster[] | null> {
  const size = pageSizeWithin(MAX_PAGE, pageSize);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'cs:DescribeClustersV1',
    regionId,
    (page: number | undefined) => new Cs.DescribeClustersV1Request({ regionId, pageSize: size, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.clusters);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.pageInfo?.totalCount, NaN)) };
    },
  );
  if (items === null) return null;
  // The list call filters by region_id; a cluster of another region is not this region's.
  const mine = items.filter((c) => str(c.clusterId) !== '' && (str(c.regionId) || regionId) === regionId);
  return Promise.all(mine.map((c) => readCluster(caller, regionId, c)));
}

async function readCluster(caller: Caller, regionId: string, item: ListItem): Promise<AckCluster> {
  const clusterId = str(item.clusterId);
  const req = { clusterId };
  const opts = { resource: clusterId };
  const [detail, addons, pools, inspect] = await Promise.all([
    caller.call('cs:DescribeClusterDetail', regionId, req, opts),
    caller.call('cs:ListClusterAddonInstances', regionId, req, opts),
    caller.call('cs:DescribeClusterNodePools', regionId, { ...req, request: new Cs.DescribeClusterNodePoolsRequest({}) }, opts),
    // A cluster that never had inspection configured answers 404: that is "off", not a gap.
    caller.call('cs:GetClusterInspectConfig', regionId, req, { ...opts, expected: notConfigured }),
  ]);
  return {
    clusterId,
    name: str(item.name) || clusterId,
    regionId,
    clusterType: str(item.clusterType),
    clusterSpec: str(item.clusterSpec),
    version: str(item.currentVersion),
    state: str(item.state),
    detail: detail.ok ? toDetail(detail.body) : null,
    addons: addons.ok ? list(addons.body.addons).map((a) => str(a.name)).filter((n) => n !== '') : null,
    nodePools: pools.ok ? toNodePools(pools.body) : null,
    inspection: inspect.ok ? toInspection(inspect.body.enabled, inspect.body.recurrence) : inspect.expected ? { enabled: false, recurrence: '' } : null,
  };
}

function notConfigured(f: CallFailure): boolean {
  return f.statusCode === 404;
}

export function toDetail(body: DetailBody): AckClusterDetail {
  const urls = jsonObject(body.masterUrl);
  const meta = jsonObject(body.metaData);
  return {
    publicApiServer: urls === null ? null : str(urls['api_server_endpoint']),
    intranetApiServer: urls === null ? '' : str(urls['intranet_api_server_endpoint']),
    secretsEncryptionKey: meta === null ? null : str(meta['EncryptionProviderKey']),
  };
}

export function toNodePools(body: PoolsBody): AckNodePool[] {
  return list(body.nodepools).map((p) => ({
    nodePoolId: str(p.nodepoolInfo?.nodepoolId),
    name: str(p.nodepoolInfo?.name),
    cmsEnabled: boolOrNull(p.kubernetesConfig?.cmsEnabled),
  }));
}

function toInspection(enabled: unknown, recurrence: unknown): AckInspection {
  return { enabled: boolOrNull(enabled) ?? false, recurrence: str(recurrence) };
}

/** master_url and meta_data are JSON documents inside a string; a missing or broken one is unknown (null). */
export function jsonObject(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
