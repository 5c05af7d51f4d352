// Container Service for Kubernetes (cs 2015-12-15): ROA style, so each action is a GET on its own
// path with the cluster id in it and snake_case JSON back (the SDK maps it to its models).
// The server picks the handler by x-acs-action; each handler also checks the method and path the
// real gateway routes on, so a client that builds the wrong path fails here as it would there.

import { ApiError } from '../api-error.js';
import type { AccountData } from '../data.js';
import type { ApiRequest, Handler, Handlers } from '../handler.js';
import type { ScenarioAckCluster } from '../scenario.js';

const notFound = () => new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');

/** A handler for `GET <pattern>`; the pattern's one group, when it has one, is the cluster id. */
function roa(pattern: RegExp, fn: (req: ApiRequest, clusterId: string) => Record<string, unknown>): Handler {
  return (req) => {
    const m = pattern.exec(req.path);
    if (req.method !== 'GET' || !m) throw notFound();
    return fn(req, decodeURIComponent(m[1] ?? ''));
  };
}

/** Per-cluster paths name only the cluster, so it is looked up in every region. */
function clusterOf(data: AccountData, id: string): ScenarioAckCluster {
  for (const r of data.regionList()) {
    const found = r.ackClusters.find((c) => c.clusterId === id);
    if (found) return found;
  }
  throw new ApiError(404, 'ErrorClusterNotFound', `cluster ${id} not found`);
}

/** The cluster as DescribeClustersV1 and DescribeClusterDetail spell it. */
function wireCluster(c: ScenarioAckCluster): Record<string, unknown> {
  const urls: Record<string, string> = { intranet_api_server_endpoint: c.detail.intranetApiServer };
  if (c.detail.publicApiServer !== '') urls['api_server_endpoint'] = c.detail.publicApiServer;
  const meta: Record<string, unknown> = { Addons: c.addons.map((name) => ({ name, config: '', disabled: false })), Capabilities: null };
  if (c.detail.secretsEncryptionKey !== '') meta['EncryptionProviderKey'] = c.detail.secretsEncryptionKey;
  return {
    cluster_id: c.clusterId,
    name: c.name,
    region_id: c.regionId,
    zone_id: `${c.regionId}-k`,
    cluster_type: c.clusterType,
    cluster_spec: c.clusterSpec,
    profile: 'Default',
    current_version: c.version,
    init_version: c.version,
    state: c.state,
    size: c.nodePools.length * 3,
    network_mode: 'vpc',
    vpc_id: `vpc-${c.clusterId.slice(1, 13)}`,
    vswitch_ids: [`vsw-${c.clusterId.slice(1, 13)}`],
    container_cidr: c.addons.some((a) => a.startsWith('terway')) ? '' : '172.20.0.0/16',
    service_cidr: '172.21.0.0/20',
    proxy_mode: 'ipvs',
    deletion_protection: true,
    master_url: JSON.stringify(urls),
    meta_data: JSON.stringify(meta),
    created: '2026-03-01T08:00:00+08:00',
    updated: '2026-11-20T08:00:00+08:00',
    tags: [],
  };
}

function pageOf<T>(items: T[], pageNumber: number, pageSize: number): T[] {
  return items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
}

export const csHandlers: Handlers = {
  DescribeClustersV1: roa(/^\/api\/v1\/clusters$/, ({ params: p, data }) => {
    // Without region_id the real API lists every region; page_size is 1..100 (default 10).
    const regionId = p.get('region_id');
    const regions = data.regionList().filter((r) => regionId === undefined || r.regionId === regionId);
    const all = regions.flatMap((r) => r.ackClusters);
    const pageNumber = p.int('page_number', { min: 1 }) ?? 1;
    const pageSize = p.int('page_size', { min: 1, max: 100 }) ?? 10;
    return {
      clusters: pageOf(all, pageNumber, pageSize).map(wireCluster),
      page_info: { page_number: pageNumber, page_size: pageSize, total_count: all.length },
    };
  }),

  DescribeClusterDetail: roa(/^\/clusters\/([^/]+)$/, ({ data }, id) => wireCluster(clusterOf(data, id))),

  ListClusterAddonInstances: roa(/^\/clusters\/([^/]+)\/addon_instances$/, ({ data }, id) => ({
    addons: clusterOf(data, id).addons.map((name) => ({ name, version: 'v1.0.0', state: 'active' })),
  })),

  DescribeClusterNodePools: roa(/^\/clusters\/([^/]+)\/nodepools$/, ({ data }, id) => ({
    nodepools: clusterOf(data, id).nodePools.map((np, i) => ({
      nodepool_info: { nodepool_id: np.nodePoolId, name: np.name, type: 'ess', is_default: i === 0, region_id: clusterOf(data, id).regionId },
      kubernetes_config: { cms_enabled: np.cmsEnabled, runtime: 'containerd', runtime_version: '1.6.28' },
      status: { state: 'active', total_nodes: 3, healthy_nodes: 3 },
    })),
  })),

  GetClusterInspectConfig: roa(/^\/clusters\/([^/]+)\/inspectConfig$/, ({ data }, id) => {
    const c = clusterOf(data, id);
    // A cluster whose inspection was never set up has no config: the real API answers 404.
    if (c.inspection === null) throw new ApiError(404, 'NotFound.InspectConfig', `inspect config of cluster ${id} not found`);
    return { enabled: c.inspection.enabled, recurrence: c.inspection.recurrence, disabledCheckItems: [] };
  }),
};
