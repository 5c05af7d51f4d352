// Log Service (SLS 2020-12-30) through its generated package. SLS is ROA-style with its own
// signature (gateway-sls: "LOG <ak>:<sig>" over method, content-md5, content-type, date, the
// x-log-/x-acs- headers and the path with its sorted query), and it names the project in the
// host: <project>.<region>.log.aliyuncs.com. That host cannot resolve for an endpoint on this
// machine (project.127.0.0.1 is no name), so for a loopback endpoint the project travels as the
// URL's user part instead (project@127.0.0.1:port): the connection goes to the endpoint, and the
// Host header still carries the project for the emulator, which routes on it as SLS does. The
// host is not part of the SLS signature, so the request is signed exactly as in production.

import * as SlsNs from '@alicloud/sls20201230';
import type { $OpenApiUtil } from '@alicloud/openapi-core';
import type * as $dara from '@darabonba/typescript';
import { isLoopbackHost } from './endpoints.js';

function cjs<M>(ns: unknown): M {
  const n = ns as Record<string, unknown>;
  const d = n['default'] as Record<string, unknown> | undefined;
  if (d && typeof d['default'] === 'function') return d as M;
  return { ...n, default: d } as M;
}

export const Sls = cjs<typeof SlsNs.default>(SlsNs);
type SlsSdkClient = InstanceType<typeof Sls.default>;
type I<T extends abstract new (...args: never) => unknown> = InstanceType<T>;

interface SlsGateway {
  getHost(network: string | undefined, project: string | undefined, endpoint: string): Promise<string>;
}

/** The host an SLS request goes to; exported for the endpoint test. */
export function slsHost(project: string | undefined, endpoint: string): string {
  if (project === undefined || project === null || project === '') return endpoint;
  const hostname = endpoint.replace(/:\d+$/, '');
  return isLoopbackHost(hostname) ? `${project}@${endpoint}` : `${project}.${endpoint}`;
}

export class SlsClient {
  private readonly inner: SlsSdkClient;
  constructor(config: $OpenApiUtil.Config) {
    this.inner = new Sls.default(config);
    const spi = (this.inner as unknown as { _spi: SlsGateway })._spi;
    spi.getHost = (_network, project, endpoint) => Promise.resolve(slsHost(project, endpoint));
  }
  get _endpoint(): string {
    return (this.inner as unknown as { _endpoint?: string })._endpoint ?? '';
  }
  get _protocol(): string {
    return (this.inner as unknown as { _protocol?: string })._protocol ?? 'https';
  }
  listLogStores(project: string, req: I<typeof Sls.ListLogStoresRequest>, rt: $dara.RuntimeOptions) {
    return this.inner.listLogStoresWithOptions(project, req, {}, rt);
  }
  getLogStore(project: string, logstore: string, rt: $dara.RuntimeOptions) {
    return this.inner.getLogStoreWithOptions(project, logstore, {}, rt);
  }
  listAlerts(project: string, req: I<typeof Sls.ListAlertsRequest>, rt: $dara.RuntimeOptions) {
    return this.inner.listAlertsWithOptions(project, req, {}, rt);
  }
  /** Account-level (no project in the host): answered only at the central endpoints, see collect-sls. */
  listCollectionPolicies(req: I<typeof Sls.ListCollectionPoliciesRequest>, rt: $dara.RuntimeOptions) {
    return this.inner.listCollectionPoliciesWithOptions(req, {}, rt);
  }
}
