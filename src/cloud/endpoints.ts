// Endpoint overrides: one URL per service that then serves every region (a VPC-internal
// endpoint, a proxy, or the local emulator). Plain http is only allowed to this machine,
// because request signatures and STS tokens travel in the clear otherwise.

import { isIP } from 'node:net';
import { WhoownsError } from '../core/errors.js';

export const SERVICES = ['ecs', 'ram', 'ims', 'sts', 'vpc', 'kms', 'cas', 'actiontrail', 'sas', 'resourcemanager', 'rds', 'cs', 'sls', 'oss'] as const;
export type CloudService = (typeof SERVICES)[number];

/** Per-service endpoint URLs, e.g. { ecs: 'https://ecs-vpc.cn-hangzhou.aliyuncs.com' }. */
export type EndpointOverrides = Partial<Record<CloudService, string>>;

/** What the SDK client config needs: host[:port] without scheme, and the protocol. */
export interface ResolvedEndpoint {
  host: string;
  protocol: 'http' | 'https';
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** Parse and vet one override URL. Throws WhoownsError with a fix in both languages. */
export function parseEndpoint(service: CloudService, raw: string): ResolvedEndpoint {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw new WhoownsError(
      'CONFIG_INVALID',
      {
        zh: `${service} 的接入地址 "${raw}" 不是有效的 URL。请写成 https://host[:port],例如 https://ecs-vpc.cn-hangzhou.aliyuncs.com。`,
        en: `The ${service} endpoint "${raw}" is not a valid URL. Write it as https://host[:port], e.g. https://ecs-vpc.cn-hangzhou.aliyuncs.com.`,
      },
      cause,
    );
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `${service} 的接入地址只支持 http:// 或 https://,收到的是 "${scheme}://"。`,
      en: `The ${service} endpoint must start with https:// (or http:// for this machine); got "${scheme}://".`,
    });
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username || url.password) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `${service} 的接入地址只能包含协议、主机和端口(不能带路径、查询参数或用户名)。`,
      en: `The ${service} endpoint may only hold a scheme, host and port (no path, query or user info).`,
    });
  }
  if (scheme === 'http' && !isLoopbackHost(url.hostname)) {
    throw new WhoownsError('ENDPOINT_INSECURE', {
      zh: `${service} 的接入地址 ${url.host} 使用明文 http,签名和临时凭证会被窃听。请改用 https://${url.host};只有本机地址(127.0.0.1、::1、localhost)允许 http。`,
      en: `The ${service} endpoint ${url.host} uses plain http, which would expose request signatures and STS tokens. Use https://${url.host} instead; plain http is only allowed for this machine (127.0.0.1, ::1, localhost).`,
    });
  }
  return { host: url.host, protocol: scheme };
}

/** One URL for every service (the emulator, the demo cloud): a new service cannot be forgotten. */
export function everyServiceAt(url: string): EndpointOverrides {
  return Object.fromEntries(SERVICES.map((s) => [s, url])) as EndpointOverrides;
}

/** WHOOWNS_ENDPOINT_<SERVICE> for every service, all at one URL (tests, benchmarks). */
export function endpointEnv(url: string): Record<string, string> {
  return Object.fromEntries(SERVICES.map((s) => [`WHOOWNS_ENDPOINT_${s.toUpperCase()}`, url]));
}

export function parseEndpoints(overrides: EndpointOverrides | undefined): Partial<Record<CloudService, ResolvedEndpoint>> {
  const out: Partial<Record<CloudService, ResolvedEndpoint>> = {};
  for (const service of SERVICES) {
    const raw = overrides?.[service];
    if (raw !== undefined && raw.trim() !== '') out[service] = parseEndpoint(service, raw);
  }
  return out;
}

/** WHOOWNS_ENDPOINT_ECS|RAM|IMS|STS|VPC|KMS|CAS|ACTIONTRAIL|SAS|RESOURCEMANAGER|RDS|CS|SLS|OSS → overrides. Values are validated when used (parseEndpoints). */
export function endpointsFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): EndpointOverrides {
  const out: EndpointOverrides = {};
  for (const service of SERVICES) {
    const v = env[`WHOOWNS_ENDPOINT_${service.toUpperCase()}`]?.trim();
    if (v) out[service] = v;
  }
  return out;
}

/**
 * A loopback endpoint is a local stand-in (the emulator serves every service on one port). A
 * service left without an override then goes to the same stand-in rather than to the public
 * endpoint: a half-local set-up would send the stand-in's test key to the internet and mix
 * local and real data in one snapshot.
 */
export function withLoopbackDefaults(
  resolved: Partial<Record<CloudService, ResolvedEndpoint>>,
): Partial<Record<CloudService, ResolvedEndpoint>> {
  const local = [resolved.ecs, ...Object.values(resolved)].find(
    (e) => e !== undefined && isLoopbackHost(new URL(`${e.protocol}://${e.host}`).hostname),
  );
  if (!local) return resolved;
  return Object.fromEntries(SERVICES.map((s) => [s, resolved[s] ?? local]));
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** WHOOWNS_REGIONS=cn-hangzhou,ap-southeast-1 → ['cn-hangzhou','ap-southeast-1']; unset or empty → undefined (all regions). */
export function regionsFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): string[] | undefined {
  const raw = env['WHOOWNS_REGIONS'];
  if (raw === undefined) return undefined;
  const list = [...new Set(raw.split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
  if (list.length === 0) return undefined;
  const bad = list.filter((r) => !REGION_ID.test(r));
  if (bad.length > 0) {
    throw new WhoownsError('CONFIG_INVALID', {
      zh: `WHOOWNS_REGIONS 中的 "${bad.join(', ')}" 不像地域 ID。请写成逗号分隔的地域 ID,例如 cn-hangzhou,ap-southeast-1。`,
      en: `WHOOWNS_REGIONS holds "${bad.join(', ')}", which does not look like a region id. Use comma-separated region ids, e.g. cn-hangzhou,ap-southeast-1.`,
    });
  }
  return list;
}
