// Products without a generated SDK package installed here (KMS, Certificate Management) are
// called through openapi-core's generic callApi: the same ACS3-HMAC-SHA256 signing, credential,
// timeouts and error classes as the generated clients, so pool, retry and gaps work unchanged.
// The body comes back as the API's own PascalCase JSON (a generated client would camel-case it).

import OpenApiPkg, { $OpenApiUtil, OpenApiUtil } from '@alicloud/openapi-core';
import type * as $dara from '@darabonba/typescript';

type OpenApiCtor = new (config: $OpenApiUtil.Config) => OpenApiClientShape;
interface OpenApiClientShape {
  callApi(params: $OpenApiUtil.Params, request: $OpenApiUtil.OpenApiRequest, runtime: $dara.RuntimeOptions): Promise<{ body?: unknown }>;
}

// Same CommonJS interop as sdk.ts: under vitest the class is the default; under Node's ESM
// loader the default is module.exports, which holds it again as `default`.
const pkg = OpenApiPkg as unknown as OpenApiCtor & { default?: OpenApiCtor };
export const OpenApiClient: OpenApiCtor = typeof pkg.default === 'function' ? pkg.default : pkg;
export type OpenApiClient = InstanceType<typeof OpenApiClient>;

/** Request parameters exactly as the API documents them (PascalCase), all sent in the query. */
export type RpcQuery = Record<string, string | number | boolean | undefined>;

/**
 * The client the factory hands out for these products. actions.ts calls `rpc` and imports this
 * module for types only, so commands that just read the table (policy) load no SDK.
 */
export class RpcClient {
  private readonly inner: OpenApiClient;
  constructor(config: $OpenApiUtil.Config) {
    this.inner = new OpenApiClient(config);
  }
  /** Where calls go, read the same way as on the generated clients (ClientFactory.endpointOf). */
  get _endpoint(): string {
    return (this.inner as unknown as { _endpoint?: string })._endpoint ?? '';
  }
  get _protocol(): string {
    return (this.inner as unknown as { _protocol?: string })._protocol ?? 'https';
  }
  rpc<B>(action: string, version: string, query: RpcQuery, runtime: $dara.RuntimeOptions): Promise<{ body?: B }> {
    return callRpc<B>(this.inner, action, version, query, runtime);
  }
}

/** One RPC-style action through the generic client. */
function callRpc<B>(
  client: OpenApiClient,
  action: string,
  version: string,
  query: RpcQuery,
  runtime: $dara.RuntimeOptions,
): Promise<{ body?: B }> {
  const params = new $OpenApiUtil.Params({
    action,
    version,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(q) });
  return client.callApi(params, request, runtime) as Promise<{ body?: B }>;
}
