// The one place that calls an RPC-style API by name through openapi-core's generic door, for
// the services that have no generated SDK package here (ActionTrail, Security Center). Only
// the ACTIONS table calls it, so the read-only policy and the call list stay one thing.
// Same signing, credential, endpoint and error shapes as the generated clients.

import type * as $dara from '@darabonba/typescript';
import type { OpenApiClient } from './sdk.js';

/** Flat RPC parameters; undefined values are left out. */
export type RpcQuery = Record<string, string | number | boolean | undefined>;

export async function rpc<Body>(
  client: OpenApiClient,
  action: string,
  version: string,
  query: RpcQuery,
  runtime: $dara.RuntimeOptions,
): Promise<{ body?: Body }> {
  // Loaded at the first call: the action table is also read by `whoowns policy`, which must not load an SDK.
  const { $OpenApiUtil, OpenApiUtil } = await import('@alicloud/openapi-core');
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
  const flat = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(flat) });
  const out = (await client.callApi(params, request, runtime)) as { body?: Body };
  return { body: out.body as Body };
}
