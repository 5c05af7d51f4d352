// OSS has its own signature (OSS ak:signature over the verb, date, x-oss-* headers and the
// bucket resource) and XML answers, so it goes through ali-oss rather than openapi-core. This
// client gives the factory the same shape as the others: built from the scan's Config (one
// Credential, the endpoint, both timeouts), SDK retries off, errors reshaped into the fields
// call-error.ts classifies (statusCode, code, accessDeniedDetail), and no secret in a message.
//
// Traps found while wiring it (ali-oss 6.23):
// - getBucketPolicy sets no successStatuses, so a 403 comes back as "no policy": every call
//   here goes through `request` with successStatuses [200] instead.
// - with an IP endpoint (the emulator) ali-oss keeps the path "/" and puts the bucket in the
//   Host header (bucket.oss-<region>.aliyuncs.com), so the region must be right per call.

import OssPkg from 'ali-oss';
import type { $OpenApiUtil } from '@alicloud/openapi-core';
import type { Credential } from './sdk.js';

/** One read-only OSS request: the bucket (none = the service, e.g. ListBuckets) and sub-resource. */
export interface OssRequest {
  /** OSS region id without the prefix, e.g. cn-hangzhou (the bucket's location). */
  region: string;
  bucket?: string;
  /** The sub-resource that names the API (acl, policy, worm ...); absent for ListBuckets. */
  subres?: string;
  query?: Record<string, string | number>;
  /** Body is JSON (GetBucketPolicy) rather than XML. */
  json?: boolean;
}

interface RawParams {
  method: 'GET';
  bucket: string;
  subres?: string | Record<string, string>;
  query?: Record<string, string | number>;
  successStatuses: number[];
  xmlResponse: boolean;
  timeout: number;
}

interface RawClient {
  request(p: RawParams): Promise<{ data: unknown; status: number }>;
}

type OssCtor = new (opts: Record<string, unknown>) => RawClient;
// Same CommonJS interop as sdk.ts: the class is module.exports itself.
const pkg = OssPkg as unknown as OssCtor & { default?: OssCtor };
const AliOss: OssCtor = typeof pkg.default === 'function' ? pkg.default : pkg;

/** What ali-oss throws, reshaped for classifyError. */
export class OssCallError extends Error {
  constructor(
    message: string,
    override readonly name: string,
    readonly code: string | undefined,
    readonly statusCode: number | undefined,
    readonly accessDeniedDetail?: { AuthAction: string },
  ) {
    super(message);
  }
}

export class OssClient {
  readonly _endpoint: string;
  readonly _protocol: string;
  private readonly credential: Credential;
  private readonly timeoutMs: number;
  /** Set when an endpoint override serves every region; else the public oss-<region> host. */
  private readonly override: boolean;
  private readonly clients = new Map<string, RawClient>();

  constructor(config: $OpenApiUtil.Config) {
    this.credential = config.credential as unknown as Credential;
    this._endpoint = config.endpoint ?? '';
    this._protocol = config.protocol ?? 'https';
    this.override = config.endpoint !== undefined && !/^oss-[a-z0-9-]+\.aliyuncs\.com$/.test(config.endpoint);
    this.timeoutMs = (config.readTimeout ?? 10_000) + (config.connectTimeout ?? 5_000);
  }

  /** One GET; `ramAction` names the permission when the answer is a denial. */
  async get(req: OssRequest, ramAction: string): Promise<{ body: Record<string, unknown> }> {
    const client = await this.clientFor(req.region);
    try {
      const res = await client.request({
        method: 'GET',
        // '' rather than absent: ali-oss would otherwise address the host "undefined.oss-...".
        bucket: req.bucket ?? '',
        ...(req.subres ? { subres: req.subres } : {}),
        ...(req.query ? { query: req.query } : {}),
        successStatuses: [200],
        xmlResponse: !req.json,
        timeout: this.timeoutMs,
      });
      return { body: req.json ? parseJson(res.data) : asObject(res.data) };
    } catch (e) {
      throw reshape(e, ramAction);
    }
  }

  /** One ali-oss client per region and AccessKey (an STS refresh brings a new key id, so a new client). */
  private async clientFor(region: string): Promise<RawClient> {
    const c = await this.credential.getCredential();
    const key = `${region}|${c.accessKeyId ?? ''}|${c.securityToken ?? ''}`;
    const cached = this.clients.get(key);
    if (cached) return cached;
    const secure = this._protocol === 'https';
    const host = this.override ? this._endpoint : `oss-${region}.aliyuncs.com`;
    const client = new AliOss({
      accessKeyId: c.accessKeyId ?? '',
      accessKeySecret: c.accessKeySecret ?? '',
      ...(c.securityToken ? { stsToken: c.securityToken, refreshSTSTokenInterval: 3_600_000 } : {}),
      endpoint: `${secure ? 'https' : 'http'}://${host}`,
      region: `oss-${region}`,
      secure,
      timeout: this.timeoutMs,
      retryMax: 0,
    });
    this.clients.set(key, client);
    return client;
  }
}

function asObject(data: unknown): Record<string, unknown> {
  // xml2js gives '' for an empty root element (<VersioningConfiguration/>).
  if (data === '' || data === undefined || data === null) return {};
  if (typeof data !== 'object') throw new OssCallError('the XML answer has no elements', 'MalformedResponse', undefined, undefined);
  return data as Record<string, unknown>;
}

function parseJson(data: unknown): Record<string, unknown> {
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data ?? '');
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null) return { Policy: v };
  } catch {
    // fall through
  }
  throw new OssCallError('the bucket policy is not a JSON object', 'MalformedResponse', undefined, undefined);
}

function field(e: unknown, k: string): unknown {
  return typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[k] : undefined;
}

/** ali-oss errors carry `status` (-1 network, -2 timeout) and `code`; map them to ours. */
export function reshape(e: unknown, ramAction: string): Error {
  const name = String(field(e, 'name') ?? 'Error');
  const message = String(field(e, 'message') ?? e).split('\nraw xml:')[0] ?? '';
  const status = field(e, 'status');
  const code = typeof field(e, 'code') === 'string' ? (field(e, 'code') as string) : undefined;
  if (name === 'ResponseTimeoutError' || name === 'ConnectionTimeoutError' || status === -2) {
    return new OssCallError(message, 'RequestTimeoutError', 'ETIMEDOUT', undefined);
  }
  if (typeof status === 'number' && status > 0 && code) {
    const denied = status === 403 && code === 'AccessDenied';
    return new OssCallError(message, name, code, status, denied ? { AuthAction: ramAction } : undefined);
  }
  if (typeof status === 'number' && status > 0) {
    // A body that is not the XML error document: a broken answer, not an API error.
    return new OssCallError(message, status >= 500 ? name : 'MalformedResponse', `Http${status}`, status >= 500 ? status : undefined);
  }
  if (status === -1) {
    // urllib's network errors: the system code is in the message (connect ECONNREFUSED ...).
    const sys = /\b(E[A-Z]{4,})\b/.exec(message)?.[1] ?? 'ECONNRESET';
    return new OssCallError(message, name, sys, undefined);
  }
  if (/Unclosed root tag|Unexpected end|Non-whitespace before first tag|Invalid character/i.test(message)) {
    return new OssCallError(message, 'MalformedResponse', undefined, undefined);
  }
  return new OssCallError(message, name, code, undefined);
}
