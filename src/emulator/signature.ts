// Request authentication as the real gateway does it: ACS3-HMAC-SHA256 (the SDK default) and the
// legacy RPC v2 form (HMAC-SHA1 `Signature` query parameter). A client whose signing is subtly off
// (encoding of `*`, `(`, spaces; header order; payload hash) fails here exactly as it would in production.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './api-error.js';
import type { EmulatorCredential } from './types.js';

export interface SignedRequest {
  method: string;
  /** Raw request path, e.g. "/". */
  path: string;
  /** Decoded query parameters. */
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  /** Decoded form-body parameters (part of what v2 signs). */
  bodyParams: Readonly<Record<string, string>>;
}

/** RFC 3986 percent-encoding as the SDK signs values: encodeURIComponent plus !'()*. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const incomplete = (why: string) =>
  new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${why}`);

/** Looks up the credential of an AccessKey id (undefined = unknown key). */
export type CredentialLookup = (accessKeyId: string) => EmulatorCredential | undefined;

export function findCredential(lookup: CredentialLookup, accessKeyId: string): EmulatorCredential {
  const cred = lookup(accessKeyId);
  if (!cred) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  return cred;
}

export function checkSecurityToken(cred: EmulatorCredential, token: string | undefined): void {
  if (cred.securityToken === undefined) {
    if (token) throw new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
    return;
  }
  if (!token) throw new ApiError(400, 'MissingSecurityToken', 'SecurityToken is mandatory for this AccessKey (an STS credential).');
  if (!sameText(token, cred.securityToken)) {
    throw new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
  }
  if (cred.expired) throw new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
}

const ACS3 = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$/;

/** The canonical request of ACS3; exported so tests can sign requests by hand. */
export function canonicalRequest(req: SignedRequest, signedHeaders: string[], hashedPayload: string): string {
  // Keys are not encoded by the SDK (they are plain ASCII names); values are.
  const query = Object.keys(req.query)
    .sort()
    .map((k) => `${k}=${percentEncode(req.query[k] ?? '')}`)
    .join('&');
  const headers = signedHeaders.map((h) => `${h}:${(header(req, h) ?? '').trim()}\n`).join('');
  return [req.method, req.path, query, headers, signedHeaders.join(';'), hashedPayload].join('\n');
}

export function acs3StringToSign(canonical: string): string {
  return `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`;
}

function verifyAcs3(req: SignedRequest, authorization: string, lookup: CredentialLookup): EmulatorCredential {
  const m = ACS3.exec(authorization.trim());
  if (!m) throw incomplete('The Authorization header is malformed.');
  const [, accessKeyId = '', signedList = '', signature = ''] = m;
  const cred = findCredential(lookup, accessKeyId);
  checkSecurityToken(cred, header(req, 'x-acs-security-token'));

  const signedHeaders = signedList.split(';');
  const mustSign = Object.keys(req.headers).filter((h) => h.startsWith('x-acs-') || h === 'host');
  const unsigned = mustSign.filter((h) => !signedHeaders.includes(h));
  if (unsigned.length > 0) throw incomplete(`Headers must be signed: ${unsigned.join(', ')}.`);
  const hashedPayload = header(req, 'x-acs-content-sha256');
  if (!hashedPayload) throw incomplete('The x-acs-content-sha256 header is missing.');
  if (hashedPayload !== sha256Hex(req.body)) {
    throw new ApiError(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the SHA-256 hash of the request body.');
  }
  const stringToSign = acs3StringToSign(canonicalRequest(req, signedHeaders, hashedPayload));
  const expected = createHmac('sha256', cred.accessKeySecret).update(stringToSign).digest('hex');
  if (!sameText(expected, signature.toLowerCase())) {
    throw new ApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
    );
  }
  return cred;
}

/** The v2 string to sign; exported so tests can sign requests by hand. */
export function v2StringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

function verifyV2(req: SignedRequest, lookup: CredentialLookup): EmulatorCredential {
  const { Signature: signature, ...query } = req.query;
  const accessKeyId = query['AccessKeyId'];
  if (!signature || !accessKeyId) throw incomplete('Signature and AccessKeyId are required.');
  if (query['SignatureMethod'] !== 'HMAC-SHA1') throw incomplete('SignatureMethod must be HMAC-SHA1.');
  const cred = findCredential(lookup, accessKeyId);
  checkSecurityToken(cred, query['SecurityToken']);
  const stringToSign = v2StringToSign(req.method, { ...query, ...req.bodyParams });
  const expected = createHmac('sha1', `${cred.accessKeySecret}&`).update(stringToSign).digest('base64');
  if (!sameText(expected, signature)) {
    throw new ApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }
  return cred;
}

/**
 * Log Service's own v1 signature (gateway-sls): base64 HMAC-SHA256 over method, content-md5,
 * content-type, date, every x-log-/x-acs- header sorted as "name:value\n", then the path and its
 * query sorted by key with raw values. Exported so tests can sign requests by hand.
 */
export function slsStringToSign(req: SignedRequest): string {
  const h = (n: string) => header(req, n) ?? '';
  const logHeaders = Object.keys(req.headers)
    .filter((k) => k.includes('x-log-') || k.includes('x-acs-'))
    .sort()
    .map((k) => `${k}:${h(k)}\n`)
    .join('');
  const keys = Object.keys(req.query).sort();
  const resource = keys.length === 0 ? req.path : `${req.path}?${keys.map((k) => `${k}=${req.query[k] ?? ''}`).join('&')}`;
  return `${req.method}\n${h('content-md5')}\n${h('content-type')}\n${h('date')}\n${logHeaders}${resource}`;
}

const SLS_AUTH = /^LOG ([^:\s]+):(\S+)$/;
const SLS_MAX_SKEW_MS = 15 * 60_000;

function verifySls(req: SignedRequest, authorization: string, lookup: CredentialLookup): EmulatorCredential {
  const m = SLS_AUTH.exec(authorization.trim());
  if (!m) throw new ApiError(401, 'Unauthorized', 'The Authorization header is malformed: expected "LOG <AccessKeyId>:<Signature>".');
  const [, accessKeyId = '', signature = ''] = m;
  const date = Date.parse(header(req, 'date') ?? '');
  if (Number.isNaN(date)) throw new ApiError(400, 'MissingDate', 'The Date header is missing or not an HTTP date.');
  if (Math.abs(Date.now() - date) > SLS_MAX_SKEW_MS) throw new ApiError(400, 'RequestTimeTooSkewed', 'The request time differs from the server time by more than 15 minutes.');
  const cred = lookup(accessKeyId);
  if (!cred) throw new ApiError(401, 'Unauthorized', `AccessKeyId not found: ${accessKeyId}`);
  checkSecurityToken(cred, header(req, 'x-acs-security-token'));
  const stringToSign = slsStringToSign(req);
  const expected = createHmac('sha256', cred.accessKeySecret).update(stringToSign).digest('base64');
  if (!sameText(expected, signature)) {
    throw new ApiError(401, 'SignatureNotMatch', `signature ${signature} not match, the string to sign is: ${JSON.stringify(stringToSign)}`);
  }
  return cred;
}

/** Returns the credential that signed the request, or throws the ApiError the gateway would answer. */
export function authenticate(req: SignedRequest, lookup: CredentialLookup): EmulatorCredential {
  const authorization = header(req, 'authorization');
  if (authorization?.startsWith('LOG ')) return verifySls(req, authorization, lookup);
  if (authorization) return verifyAcs3(req, authorization, lookup);
  if (req.query['Signature'] !== undefined) return verifyV2(req, lookup);
  throw new ApiError(400, 'MissingAuthorization', 'The request is not signed: the Authorization header is missing.');
}
