// Real SDK clients pointed at a running emulator, configured the way the collector configures them.

import * as EcsNs from '@alicloud/ecs20140526';
import * as ImsNs from '@alicloud/ims20190815';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as RamNs from '@alicloud/ram20150501';
import * as StsNs from '@alicloud/sts20150401';
import * as VpcNs from '@alicloud/vpc20160428';
import { DEFAULT_EMULATOR_CREDENTIAL, type EmulatorCredential, type RunningEmulator } from '../../src/emulator/index.js';

// The packages are CommonJS with `exports.default = Client`. Node's ESM loader puts module.exports
// on `default`; vitest's interop puts the class itself there. Accept both.
function clientClass<T>(ns: { default: { default: T } }): T {
  const d = ns.default as unknown as { default?: T };
  return d.default ?? (ns.default as unknown as T);
}

/** Request models, e.g. `Ecs.DescribeInstancesRequest`. */
export { EcsNs as Ecs, ImsNs as Ims, RamNs as Ram, StsNs as Sts, VpcNs as Vpc };

export function sdkConfig(
  em: RunningEmulator,
  cred: EmulatorCredential = DEFAULT_EMULATOR_CREDENTIAL,
  extra: Partial<$OpenApiUtil.Config> = {},
): $OpenApiUtil.Config {
  return new $OpenApiUtil.Config({
    accessKeyId: cred.accessKeyId,
    accessKeySecret: cred.accessKeySecret,
    ...(cred.securityToken ? { securityToken: cred.securityToken } : {}),
    endpoint: em.endpoint,
    protocol: 'http',
    regionId: 'cn-hangzhou',
    readTimeout: 5000,
    connectTimeout: 5000,
    ...extra,
  });
}

export function clientsFor(em: RunningEmulator, cred?: EmulatorCredential, extra: Partial<$OpenApiUtil.Config> = {}) {
  const cfg = sdkConfig(em, cred, extra);
  return {
    ecs: new (clientClass(EcsNs))(cfg),
    ram: new (clientClass(RamNs))(cfg),
    ims: new (clientClass(ImsNs))(cfg),
    sts: new (clientClass(StsNs))(cfg),
    vpc: new (clientClass(VpcNs))(cfg),
  };
}

/** The error an SDK call rejects with, for assertions on code / statusCode / data. */
export async function callError(p: Promise<unknown>): Promise<{ code?: string; statusCode?: number; data?: Record<string, unknown>; name?: string; message?: string; retryAfter?: number; accessDeniedDetail?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail');
}
