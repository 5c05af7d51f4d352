// OSS as the real service answers it: its own V1 signature (Authorization: OSS ak:base64(HMAC-SHA1)
// over VERB, Content-MD5, Content-Type, date, the x-oss-* headers and the bucket resource), the STS
// token in x-oss-security-token, XML bodies in the documented shapes and XML error documents
// (<Error><Code>AccessDenied</Code>...). Only the read APIs the collector uses are served; any
// other method is refused, so a mutating call cannot pass here either.
//
// Addressing: with an IP endpoint ali-oss keeps the path "/" and names the bucket in the Host
// header (bucket.oss-<region>.aliyuncs.com); path-style /bucket/ is accepted too. A bucket asked
// at another region's host gets the real AccessDenied "must be addressed using the specified endpoint".

import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import type { AccountData } from '../data.js';
import type { FaultEngine } from '../faults.js';
import type { ScenarioOssBucket } from '../scenario.js';
import { checkSecurityToken, findCredential, sameText, type CredentialLookup } from '../signature.js';
import type { CallRecord, EmulatorCredential } from '../types.js';

/** Sub-resources that are part of the V1 canonical resource (OSS API reference, "Signatures"). */
const SIGNED_SUBRESOURCES = new Set([
  'acl', 'bucketInfo', 'cors', 'encryption', 'inventory', 'lifecycle', 'location', 'logging', 'policy',
  'publicAccessBlock', 'referer', 'requestPayment', 'stat', 'tagging', 'versioning', 'versions', 'website', 'worm', 'wormId',
]);

/** Sub-resource → API name, for bucket requests and for service requests. */
const BUCKET_APIS: Record<string, string> = {
  acl: 'GetBucketAcl',
  policy: 'GetBucketPolicy',
  encryption: 'GetBucketEncryption',
  logging: 'GetBucketLogging',
  versioning: 'GetBucketVersioning',
  worm: 'GetBucketWorm',
  publicAccessBlock: 'GetBucketPublicAccessBlock',
};

/** Every API this service answers (the policy test checks the table against it). */
export const OSS_APIS: readonly string[] = ['ListBuckets', 'GetPublicAccessBlock', ...Object.values(BUCKET_APIS)];

export interface OssTarget {
  bucket: string | undefined;
  /** Region of the host asked (oss-cn-hangzhou.aliyuncs.com → cn-hangzhou); undefined for a bare IP. */
  hostRegion: string | undefined;
  /** Canonical resource path without sub-resources: "/" or "/bucket/". */
  resource: string;
  query: Record<string, string>;
}

const OSS_HOST = /^(?:([a-z0-9][a-z0-9-]*)?\.)?oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com(?::\d+)?$/;

/** Whether a request is for OSS: its own Authorization scheme or an OSS host name. */
export function isOssRequest(req: IncomingMessage): boolean {
  const auth = String(req.headers['authorization'] ?? '');
  return auth.startsWith('OSS ') || OSS_HOST.test(String(req.headers['host'] ?? ''));
}

export function ossTarget(host: string, url: string): OssTarget {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query: Record<string, string> = {};
  for (const pair of (q < 0 ? '' : url.slice(q + 1)).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
  }
  const m = OSS_HOST.exec(host);
  const fromPath = /^\/([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\/?$/.exec(path)?.[1];
  const bucket = m?.[1] || fromPath;
  return { bucket, hostRegion: m?.[2], resource: bucket ? `/${bucket}/` : '/', query };
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

/** The V1 string to sign; exported so tests can sign requests by hand. */
export function ossStringToSign(method: string, headers: IncomingMessage['headers'], target: OssTarget): string {
  const h = (n: string) => {
    const v = headers[n];
    return Array.isArray(v) ? v.join(',') : (v ?? '');
  };
  const ossHeaders = Object.keys(headers)
    .map((k) => k.toLowerCase())
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${h(k).trim()}`);
  const sub = Object.keys(target.query)
    .filter((k) => SIGNED_SUBRESOURCES.has(k))
    .sort()
    .map((k) => (target.query[k] ? `${k}=${target.query[k]}` : k));
  const resource = target.resource + (sub.length > 0 ? `?${sub.join('&')}` : '');
  const date = h('x-oss-date') || h('date');
  return [method.toUpperCase(), h('content-md5'), h('content-type'), date, ...ossHeaders, resource].join('\n');
}

export function verifyOss(req: IncomingMessage, target: OssTarget, lookup: CredentialLookup): EmulatorCredential {
  const auth = header(req, 'authorization');
  if (!auth) throw new ApiError(403, 'AccessDenied', 'AccessDenied: anonymous access is not allowed for this API.');
  const m = /^OSS ([^:\s]+):(\S+)$/.exec(auth.trim());
  if (!m) throw new ApiError(400, 'InvalidArgument', 'Authorization header is invalid.');
  const [, accessKeyId = '', signature = ''] = m;
  const cred = findCredential(lookup, accessKeyId);
  checkSecurityToken(cred, header(req, 'x-oss-security-token') || undefined);
  const stringToSign = ossStringToSign(req.method ?? 'GET', req.headers, target);
  const expected = createHmac('sha1', cred.accessKeySecret).update(stringToSign, 'utf8').digest('base64');
  if (!sameText(expected, signature)) {
    throw new ApiError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', {
      StringToSign: stringToSign,
      OSSAccessKeyId: accessKeyId,
    });
  }
  return cred;
}

/** The API a request names, from its method, bucket and sub-resource. */
export function ossAction(method: string, target: OssTarget): string {
  if (method !== 'GET') throw new ApiError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  const keys = Object.keys(target.query);
  if (!target.bucket) {
    if (keys.includes('publicAccessBlock')) return 'GetPublicAccessBlock';
    return 'ListBuckets';
  }
  const sub = keys.find((k) => BUCKET_APIS[k] !== undefined);
  if (!sub) throw new ApiError(501, 'NotImplemented', 'The emulator serves only the bucket configuration reads the collector uses.');
  return BUCKET_APIS[sub] ?? '';
}

// ---------- XML ----------

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** <Name>value</Name>... from an ordered object; nested objects become nested elements. */
function xml(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => {
      if (v === undefined) return '';
      if (Array.isArray(v)) return v.map((x) => xml({ [k]: x })).join('');
      if (typeof v === 'object' && v !== null) return `<${k}>${xml(v as Record<string, unknown>)}</${k}>`;
      return `<${k}>${esc(String(v))}</${k}>`;
    })
    .join('');
}

function doc(root: string, fields: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${xml(fields)}</${root}>`;
}

export function ossErrorXml(err: ApiError, requestId: string, bucket: string | undefined): string {
  return doc('Error', {
    Code: err.code,
    Message: err.message,
    RequestId: requestId,
    HostId: bucket ? `${bucket}.oss-cn-hangzhou.aliyuncs.com` : 'oss-cn-hangzhou.aliyuncs.com',
    ...err.extra,
    EC: err.status === 403 ? '0003-00000001' : '0002-00000000',
  });
}

// ---------- the APIs ----------

interface OssAnswer {
  type: 'xml' | 'json';
  body: string;
}

function owner(data: AccountData) {
  return { ID: data.accountId, DisplayName: data.accountId };
}

function listBuckets(data: AccountData, q: Record<string, string>): OssAnswer {
  const max = Math.min(1000, Math.max(1, Number(q['max-keys'] ?? 100) || 100));
  const marker = q['marker'] ?? '';
  const prefix = q['prefix'] ?? '';
  const all = [...data.scenario.oss.buckets].sort((a, b) => a.name.localeCompare(b.name)).filter((b) => b.name.startsWith(prefix) && b.name > marker);
  const page = all.slice(0, max);
  const truncated = all.length > max;
  return {
    type: 'xml',
    body: doc('ListAllMyBucketsResult', {
      Prefix: prefix,
      Marker: marker,
      MaxKeys: max,
      IsTruncated: truncated,
      ...(truncated ? { NextMarker: page[page.length - 1]?.name ?? '' } : {}),
      Owner: owner(data),
      Buckets: {
        Bucket: page.map((b) => ({
          CreationDate: b.creationDate.replace(/Z$/, '.000Z').replace(/\.\d{3}\.000Z$/, '.000Z'),
          ExtranetEndpoint: `oss-${b.region}.aliyuncs.com`,
          IntranetEndpoint: `oss-${b.region}-internal.aliyuncs.com`,
          Location: `oss-${b.region}`,
          Name: b.name,
          Region: b.region,
          StorageClass: 'Standard',
        })),
      },
    }),
  };
}

function policyOf(b: ScenarioOssBucket, accountId: string): Record<string, unknown>[] {
  const https = b.httpsOnly
    ? [
        {
          Effect: 'Deny',
          Action: ['oss:*'],
          Principal: ['*'],
          Resource: [`acs:oss:*:${accountId}:${b.name}`, `acs:oss:*:${accountId}:${b.name}/*`],
          Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
        },
      ]
    : [];
  return [...https, ...b.policyStatements];
}

const notFound = (code: string, message: string) => new ApiError(404, code, message);

function bucketApi(action: string, b: ScenarioOssBucket, data: AccountData): OssAnswer {
  const x = (root: string, fields: Record<string, unknown>): OssAnswer => ({ type: 'xml', body: doc(root, fields) });
  switch (action) {
    case 'GetBucketAcl':
      return x('AccessControlPolicy', { Owner: owner(data), AccessControlList: { Grant: b.acl } });
    case 'GetBucketPolicy': {
      const statements = policyOf(b, data.accountId);
      if (statements.length === 0) throw notFound('NoSuchBucketPolicy', 'The bucket policy does not exist.');
      return { type: 'json', body: JSON.stringify({ Version: '1', Statement: statements }) };
    }
    case 'GetBucketEncryption':
      if (b.sse === 'none') throw notFound('NoSuchServerSideEncryptionRule', 'The server side encryption configuration was not found.');
      return x('ServerSideEncryptionRule', {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: b.sse, ...(b.sse === 'KMS' && b.kmsKeyId ? { KMSMasterKeyID: b.kmsKeyId } : {}) },
      });
    case 'GetBucketLogging': {
      const target = b.logTo === undefined ? b.name : b.logTo;
      return x('BucketLoggingStatus', target === null ? {} : { LoggingEnabled: { TargetBucket: target, TargetPrefix: `access-log/${b.name}/` } });
    }
    case 'GetBucketVersioning':
      return x('VersioningConfiguration', b.versioning === 'Off' ? {} : { Status: b.versioning });
    case 'GetBucketWorm':
      if (b.worm === 'none') throw notFound('NoSuchWORMConfiguration', 'The WORM Configuration does not exist.');
      return x('WormConfiguration', {
        WormId: `1666E2CFB2B3418****${b.name.length}`,
        State: b.worm,
        RetentionPeriodInDays: b.retentionDays,
        CreationDate: b.creationDate,
      });
    case 'GetBucketPublicAccessBlock':
      return x('PublicAccessBlockConfiguration', { BlockPublicAccess: b.blockPublicAccess });
    default:
      throw new ApiError(501, 'NotImplemented', `The emulator does not serve ${action}.`);
  }
}

export function answerOss(action: string, target: OssTarget, data: AccountData): OssAnswer {
  if (action === 'ListBuckets') return listBuckets(data, target.query);
  if (action === 'GetPublicAccessBlock') {
    return { type: 'xml', body: doc('PublicAccessBlockConfiguration', { BlockPublicAccess: data.scenario.oss.blockPublicAccess }) };
  }
  const b = data.scenario.oss.buckets.find((x) => x.name === target.bucket);
  if (!b) throw notFound('NoSuchBucket', 'The specified bucket does not exist.');
  if (target.hostRegion !== undefined && target.hostRegion !== b.region) {
    throw new ApiError(403, 'AccessDenied', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', {
      Bucket: b.name,
      Endpoint: `oss-${b.region}.aliyuncs.com`,
    });
  }
  return bucketApi(action, b, data);
}

/** The region a request is for (faults match on it): the bucket's own, none for service-wide calls. */
export function regionOfRequest(target: OssTarget, data: AccountData): string | undefined {
  return target.bucket ? data.scenario.oss.buckets.find((b) => b.name === target.bucket)?.region ?? target.hostRegion : undefined;
}

// ---------- serving ----------

export interface OssServeContext {
  lookup: CredentialLookup;
  dataFor: (caller: EmulatorCredential) => AccountData;
  faults: FaultEngine;
  sleep: (ms: number) => Promise<void>;
  latencyMs: number;
  requestId: string;
  record: CallRecord;
}

function write(res: ServerResponse, status: number, type: 'xml' | 'json', body: string, requestId: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    'content-type': type === 'xml' ? 'application/xml' : 'application/json',
    'x-oss-request-id': requestId,
    server: 'AliyunOSS',
  });
  res.end(body);
}

/** A denial as OSS words it when RAM says no (the RAM action is not named in the body). */
function faultAnswer(kind: string, status: number | undefined, code: string | undefined): ApiError {
  if (kind === 'deny') return new ApiError(403, 'AccessDenied', 'You have no right to access this resource because of RAM policy.');
  if (kind === 'throttle') return new ApiError(503, 'ServiceUnavailable', 'Please reduce your request rate.');
  return new ApiError(status ?? 503, code ?? 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
}

export async function serveOss(req: IncomingMessage, res: ServerResponse, ctx: OssServeContext): Promise<void> {
  req.resume(); // the read APIs carry no body
  const target = ossTarget(header(req, 'host'), req.url ?? '/');
  const { record, requestId } = ctx;
  record.service = 'oss';
  try {
    await ctx.sleep(ctx.latencyMs);
    const caller = verifyOss(req, target, ctx.lookup);
    const action = ossAction(req.method ?? 'GET', target);
    const data = ctx.dataFor(caller);
    const region = regionOfRequest(target, data);
    record.action = action;
    if (region !== undefined) record.region = region;
    const decision = ctx.faults.decide(action, region, Date.now());
    await ctx.sleep(decision.delayMs);
    const outcome = decision.outcome;
    if (outcome?.kind === 'timeout') {
      await ctx.sleep(outcome.ms);
      record.status = 0;
      res.socket?.destroy();
      return;
    }
    if (outcome && outcome.kind !== 'malformed') {
      throw faultAnswer(outcome.kind, outcome.kind === 'error' ? outcome.status : undefined, outcome.kind === 'error' ? outcome.code : undefined);
    }
    const answer = answerOss(action, target, data);
    const body = outcome?.kind === 'malformed' ? answer.body.slice(0, Math.max(1, Math.floor(answer.body.length / 2))) : answer.body;
    record.status = 200;
    write(res, 200, answer.type, body, requestId);
  } catch (e) {
    const hint = e instanceof Error ? ` (emulator: ${e.message})` : '';
    const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', `We encountered an internal error. Please try again.${hint}`);
    record.status = err.status;
    write(res, err.status, 'xml', ossErrorXml(err, requestId, target.bucket), requestId);
  }
}
