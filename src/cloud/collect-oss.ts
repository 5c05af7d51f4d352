// OSS buckets of the account: ListBuckets (one service-wide list, paged by marker), then per
// bucket, at its own region's endpoint, the settings the CIS 5.x checks read. OSS answers "not
// configured" with a 404 (NoSuchBucketPolicy, NoSuchServerSideEncryptionRule ...): those are
// answers, not gaps. Anything else that fails leaves that one field null with its gap.

import type { Caller, CallOptions } from './caller.js';
import type { CallFailure } from './call-error.js';
import { HOME_REGION } from './clients.js';
import { nextMarker, pageSizeWithin, readAllPages } from './paging.js';
import type { OssBucket, OssPolicyStatement, OssSnapshot } from './snapshot.js';

type Xml = Record<string, unknown>;

export interface OssScope {
  /** ListBuckets max-keys override (tests); 1..1000. */
  pageSize?: number;
}

function obj(v: unknown): Xml {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Xml) : {};
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** xml2js (explicitArray off) gives one element as an object and several as an array. */
export function many(v: unknown): Xml[] {
  if (Array.isArray(v)) return v.map(obj);
  return v === undefined || v === null || v === '' ? [] : [obj(v)];
}

const absent = (...codes: string[]) => (f: CallFailure) => f.statusCode === 404 && codes.includes(f.code);

export async function collectOss(caller: Caller, scope: OssScope = {}): Promise<OssSnapshot> {
  const [buckets, blockPublicAccess] = await Promise.all([readBuckets(caller, scope), readAccountBlock(caller)]);
  return { buckets, blockPublicAccess };
}

async function readBuckets(caller: Caller, scope: OssScope): Promise<OssBucket[] | null> {
  const maxKeys = pageSizeWithin(1000, scope.pageSize);
  const items = await readAllPages(
    caller,
    'oss:ListBuckets',
    undefined,
    (marker: string | undefined) => ({ region: HOME_REGION, query: { 'max-keys': maxKeys, ...(marker ? { marker } : {}) } }),
    (body) => ({ items: many(obj(body['Buckets'])['Bucket']), next: nextMarker(text(body['IsTruncated']), text(body['NextMarker'])) }),
  );
  if (items === null) return null;
  const listed = items.map(toListed).filter((b) => b.name !== '');
  return Promise.all(listed.map((b) => readBucket(caller, b)));
}

type Listed = Pick<OssBucket, 'name' | 'region' | 'creationDate'>;

function toListed(b: Xml): Listed {
  const location = text(b['Location']);
  return { name: text(b['Name']), region: text(b['Region']) || location.replace(/^oss-/, '') || HOME_REGION, creationDate: text(b['CreationDate']) };
}

async function readBucket(caller: Caller, b: Listed): Promise<OssBucket> {
  const req = { region: b.region, bucket: b.name };
  const opts = (expected?: (f: CallFailure) => boolean): CallOptions => ({ resource: b.name, ...(expected ? { expected } : {}) });
  const [acl, policy, sse, logging, versioning, worm, block] = await Promise.all([
    caller.call('oss:GetBucketAcl', b.region, req, opts()),
    caller.call('oss:GetBucketPolicy', b.region, req, opts(absent('NoSuchBucketPolicy'))),
    caller.call('oss:GetBucketEncryption', b.region, req, opts(absent('NoSuchServerSideEncryptionRule'))),
    caller.call('oss:GetBucketLogging', b.region, req, opts()),
    caller.call('oss:GetBucketVersioning', b.region, req, opts()),
    caller.call('oss:GetBucketWorm', b.region, req, opts(absent('NoSuchWORMConfiguration'))),
    caller.call('oss:GetBucketPublicAccessBlock', b.region, req, opts(absent('NoSuchPublicAccessBlockConfiguration'))),
  ]);
  return {
    ...b,
    acl: acl.ok ? text(obj(acl.body['AccessControlList'])['Grant']) || null : null,
    policy: policy.ok ? toStatements(policy.body['Policy']) : policy.expected ? [] : null,
    encryption: sse.ok ? toEncryption(sse.body) : sse.expected ? { algorithm: 'none', kmsKeyId: null } : null,
    logging: logging.ok ? toLogging(logging.body) : null,
    versioning: versioning.ok ? text(versioning.body['Status']) || 'Off' : null,
    worm: worm.ok ? toWorm(worm.body) : worm.expected ? { state: 'none', retentionDays: 0 } : null,
    blockPublicAccess: block.ok ? text(block.body['BlockPublicAccess']) === 'true' : block.expected ? false : null,
  };
}

async function readAccountBlock(caller: Caller): Promise<boolean | null> {
  const res = await caller.call(
    'oss:GetPublicAccessBlock',
    undefined,
    { region: HOME_REGION },
    { expected: absent('NoSuchPublicAccessBlockConfiguration') },
  );
  if (!res.ok) return res.expected ? false : null;
  return text(res.body['BlockPublicAccess']) === 'true';
}

export function toStatements(policy: unknown): OssPolicyStatement[] {
  const s = obj(policy)['Statement'];
  const list = Array.isArray(s) ? s : s === undefined ? [] : [s];
  return list.map(obj).map((x) => x as unknown as OssPolicyStatement);
}

function toEncryption(body: Xml): OssBucket['encryption'] {
  const d = obj(body['ApplyServerSideEncryptionByDefault']);
  const algorithm = text(d['SSEAlgorithm']) || 'none';
  return { algorithm, kmsKeyId: text(d['KMSMasterKeyID']) || null };
}

function toLogging(body: Xml): OssBucket['logging'] {
  const on = body['LoggingEnabled'];
  if (on === undefined) return { enabled: false, targetBucket: null };
  return { enabled: true, targetBucket: text(obj(on)['TargetBucket']) || null };
}

function toWorm(body: Xml): OssBucket['worm'] {
  return { state: text(body['State']) || 'none', retentionDays: Number(text(body['RetentionPeriodInDays'])) || 0 };
}
