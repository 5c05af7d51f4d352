// Real SDK clients pointed at a running emulator, configured the way the collector configures them.

import { createHash, createHmac, randomUUID } from 'node:crypto';
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

export const VERSIONS = { ecs: '2014-05-26', ram: '2015-05-01', ims: '2019-08-15', sts: '2015-04-01', vpc: '2016-04-28' } as const;

export interface RawCall {
  service: keyof typeof VERSIONS;
  action: string;
  params?: Record<string, string>;
  cred?: EmulatorCredential;
  /** Change the request after signing (to prove tampering is caught). */
  tamper?: (req: { query: Record<string, string>; headers: Record<string, string>; body: string }) => void;
  body?: string;
  /** Override the x-acs-version header (signed as given). */
  version?: string;
}

// Signs like the SDK, written independently of src/emulator/signature.ts so the two check each other.
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export async function rawCall(em: RunningEmulator, call: RawCall): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
  const cred = call.cred ?? DEFAULT_EMULATOR_CREDENTIAL;
  const body = call.body ?? '';
  const query: Record<string, string> = { ...(call.params ?? {}) };
  const headers: Record<string, string> = {
    host: em.endpoint,
    'x-acs-action': call.action,
    'x-acs-version': call.version ?? VERSIONS[call.service],
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
    ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...(cred.securityToken ? { 'x-acs-security-token': cred.securityToken } : {}),
  };
  const signed = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    Object.keys(query).sort().map((k) => `${k}=${rfc3986(query[k] ?? '')}`).join('&'),
    signed.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join(''),
    signed.join(';'),
    headers['x-acs-content-sha256'],
  ].join('\n');
  const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', cred.accessKeySecret).update(toSign).digest('hex');
  headers['authorization'] = `ACS3-HMAC-SHA256 Credential=${cred.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  const req = { query, headers, body };
  call.tamper?.(req);
  const qs = Object.entries(req.query).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const { host: _host, ...sendHeaders } = req.headers;
  const res = await fetch(`${em.url}/${qs ? `?${qs}` : ''}`, { method: 'POST', headers: sendHeaders, body: req.body || undefined });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

function isModel(t: unknown): t is ModelClass {
  return typeof t === 'function' && typeof (t as Partial<ModelClass>).names === 'function';
}

/** Keys of a raw JSON body that the SDK model does not map (typos in PascalCase names), as paths. */
export function unknownKeys(body: unknown, model: ModelClass, path = ''): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const byWire = Object.fromEntries(Object.entries(model.names()).map(([camel, wire]) => [wire, camel]));
  const types = model.types();
  const out: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const camel = byWire[key];
    if (camel === undefined) {
      out.push(`${path}${key}`);
      continue;
    }
    const t = types[camel];
    if (isModel(t)) out.push(...unknownKeys(value, t, `${path}${key}.`));
    const item = (t as { type?: string; itemType?: unknown } | undefined)?.itemType;
    if (Array.isArray(value) && isModel(item)) value.forEach((v, i) => out.push(...unknownKeys(v, item, `${path}${key}[${i}].`)));
  }
  return out;
}
