// One SDK client per service and region for one scan, all sharing the scan's Credential.
// SDK retries stay off (retry.ts does it); both timeouts are set, since readTimeout alone
// leaves the SDK's 3 s default in place.

import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import type { CloudService, ResolvedEndpoint } from './endpoints.js';
import {
  EcsClient,
  ImsClient,
  RamClient,
  StsClient,
  VpcClient,
  CsClient,
  type Credential,
} from './sdk.js';
import { RpcClient } from './rpc.js';
import { SlsClient } from './sls.js';
import { OssClient } from './oss.js';

export interface Timeouts {
  readMs: number;
  connectMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { readMs: 10_000, connectMs: 5_000 };

/** Region used for global services and for the first DescribeRegions call. */
export const HOME_REGION = 'cn-hangzhou';

/** Security Center answers for the whole account from one site; this is the China site's. */
export const SAS_REGION = 'cn-shanghai';

export interface ClientMap {
  ecs: EcsClient;
  vpc: VpcClient;
  ram: RamClient;
  ims: ImsClient;
  sts: StsClient;
  kms: RpcClient;
  cas: RpcClient;
  actiontrail: RpcClient;
  sas: RpcClient;
  resourcemanager: RpcClient;
  rds: RpcClient;
  cs: CsClient;
  sls: SlsClient;
  oss: OssClient;
}

const CONSTRUCTORS: { [S in CloudService]: new (config: $OpenApiUtil.Config) => ClientMap[S] } = {
  ecs: EcsClient,
  vpc: VpcClient,
  ram: RamClient,
  ims: ImsClient,
  sts: StsClient,
  kms: RpcClient,
  cas: RpcClient,
  actiontrail: RpcClient,
  sas: RpcClient,
  resourcemanager: RpcClient,
  rds: RpcClient,
  // Container Service (ACK): the generated ROA client; its own endpoint map gives cs.<region>.aliyuncs.com.
  cs: CsClient,
  sls: SlsClient,
  oss: OssClient,
};

// The generic client (rpc.ts) has no endpoint table of its own, so the public ones are named here.
// Certificate Management is one service per site: cas.aliyuncs.com is the China site; the
// international site (cas.ap-southeast-1.aliyuncs.com) is set with WHOOWNS_ENDPOINT_CAS.
// Security Center likewise answers for the whole account from one site; the international one
// (tds.ap-southeast-1.aliyuncs.com) is set with WHOOWNS_ENDPOINT_SAS.
const PUBLIC_HOSTS: Partial<Record<CloudService, (region: string) => string>> = {
  kms: (region) => `kms.${region}.aliyuncs.com`,
  cas: () => 'cas.aliyuncs.com',
  actiontrail: (region) => `actiontrail.${region}.aliyuncs.com`,
  sas: () => `tds.${SAS_REGION}.aliyuncs.com`,
  // Resource Directory is one global service, called from the management (or delegated admin) account.
  resourcemanager: () => 'resourcemanager.aliyuncs.com',
  rds: rdsHost,
  // Log Service: the region endpoint; the SDK puts the project in front of it (sls.ts).
  sls: (region) => `${region}.log.aliyuncs.com`,
  // OSS answers per bucket region; the client picks the bucket's own host per call (oss.ts).
  oss: (region) => `oss-${region}.aliyuncs.com`,
};

// RDS serves its oldest regions from one shared host and every other from a regional one
// (API reference, "Endpoints", rds 2014-08-15).
const RDS_SHARED_HOST_REGIONS = new Set(['cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-heyuan']);

export function rdsHost(region: string): string {
  return RDS_SHARED_HOST_REGIONS.has(region) ? 'rds.aliyuncs.com' : `rds.${region}.aliyuncs.com`;
}

function publicHost(service: CloudService, regionId: string): { endpoint?: string } {
  const host = PUBLIC_HOSTS[service];
  return host ? { endpoint: host(regionId) } : {};
}

export class ClientFactory {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly credential: Credential,
    private readonly endpoints: Partial<Record<CloudService, ResolvedEndpoint>>,
    private readonly timeouts: Timeouts,
  ) {}

  /** An overridden endpoint serves every region, so one client per service is enough then. */
  get<S extends CloudService>(service: S, region: string | undefined): ClientMap[S] {
    const override = this.endpoints[service];
    const regionId = region ?? HOME_REGION;
    const key = override ? service : `${service}:${regionId}`;
    let client = this.cache.get(key) as ClientMap[S] | undefined;
    if (!client) {
      const config = new $OpenApiUtil.Config({
        credential: this.credential,
        regionId,
        readTimeout: this.timeouts.readMs,
        connectTimeout: this.timeouts.connectMs,
        ...(override ? { endpoint: override.host, protocol: override.protocol } : { protocol: 'https', ...publicHost(service, regionId) }),
      });
      client = new CONSTRUCTORS[service](config);
      this.cache.set(key, client);
    }
    return client;
  }

  /** Where a service's calls for a region go ("host[:port]" and protocol), for logs and tests. */
  endpointOf(service: CloudService, region: string | undefined): { host: string; protocol: string } {
    const client = this.get(service, region) as unknown as { _endpoint?: string; _protocol?: string };
    return { host: client._endpoint ?? '', protocol: client._protocol ?? 'https' };
  }

  runtime(): $dara.RuntimeOptions {
    return new $dara.RuntimeOptions({
      readTimeout: this.timeouts.readMs,
      connectTimeout: this.timeouts.connectMs,
      autoretry: false,
    });
  }
}
