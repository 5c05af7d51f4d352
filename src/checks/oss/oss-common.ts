// What the OSS checks share: walking every bucket, with an unknown list or an unknown setting
// turned into an error naming the permission, and the one reading of "public" they all use.

import type { OssBucket, OssPolicyStatement } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { ref, withList } from '../helpers.js';
import type { Bilingual, CheckContext, CheckResult, Need, ResourceRef } from '../model.js';

export const LIST_NEED: Need = { service: 'oss', action: 'ListBuckets' };
export const BUCKETS_WHAT: Bilingual = { en: 'the list of OSS buckets', zh: 'OSS 存储空间列表' };
export const PRODUCTS = ['product.oss'];

export function bucketRef(ctx: CheckContext, b: OssBucket): ResourceRef {
  return ref(ctx, 'oss-bucket', b.name, b.name, b.region);
}

/** The buckets, or null when unknown (ListBuckets failed, or OSS was not read). */
export function bucketsOf(ctx: CheckContext): OssBucket[] | null {
  return ctx.snapshot.oss?.buckets ?? null;
}

/**
 * One result per bucket: `judge` gets the setting read by `pick`, never null there (an unknown
 * setting is an error for that bucket, naming the call that failed).
 */
export function perBucket<T>(
  ctx: CheckContext,
  needs: Need[],
  what: Bilingual,
  pick: (b: OssBucket) => T | null,
  judge: (b: OssBucket, value: T, r: ResourceRef) => CheckResult | null,
  only: (b: OssBucket) => boolean = () => true,
): CheckResult[] {
  return withList(ctx, undefined, bucketsOf(ctx), needs, BUCKETS_WHAT, (buckets) =>
    buckets.filter(only).flatMap((b) => {
      const r = bucketRef(ctx, b);
      const value = pick(b);
      if (value === null) return [unknownResult(ctx.snapshot, needs, r, what)];
      const out = judge(b, value, r);
      return out ? [out] : [];
    }),
  );
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Conditions that narrow who may use an Allow: a source network, a VPC, an access point. */
const NARROWING = /^acs:(SourceIp|SourceVpc|SourceVpcId|AccessId|SourceVpce|Referer)$/i;

function anyone(s: OssPolicyStatement): boolean {
  return asList(s.Principal).some((p) => p === '*');
}

function narrowed(s: OssPolicyStatement): boolean {
  return Object.values(s.Condition ?? {}).some((kv) => Object.keys(kv).some((k) => NARROWING.test(k)));
}

const READS = /^oss:(\*|Get\*?|GetObject|ListObjects|ListObjectsV2|GetBucket\w*)$/i;
const WRITES = /^oss:(\*|Put\*?|PutObject|DeleteObject|AppendObject|PostObject|PutObjectAcl|PutBucket\w*|DeleteBucket\w*)$/i;

/** Policy statements that let anyone, from anywhere, do what `actions` matches. */
export function openStatements(policy: OssPolicyStatement[], actions: 'read' | 'write'): OssPolicyStatement[] {
  const re = actions === 'read' ? READS : WRITES;
  return policy.filter((st) => st.Effect.toLowerCase() === 'allow' && anyone(st) && !narrowed(st) && asList(st.Action).some((a) => re.test(a) || a === '*'));
}

/** Whether OSS itself ignores public ACLs and policies for this bucket (block public access). */
export function blocked(ctx: CheckContext, b: OssBucket): boolean | null {
  const account = ctx.snapshot.oss?.blockPublicAccess ?? null;
  if (account === true || b.blockPublicAccess === true) return true;
  if (account === null || b.blockPublicAccess === null) return null;
  return false;
}

/** How a bucket is open to anyone: 'write', 'read' or null (not public); undefined = cannot tell. */
export interface Exposure {
  how: 'write' | 'read' | null;
  via: string[];
}

export function exposureOf(b: OssBucket): Exposure | null {
  if (b.acl === null || b.policy === null) return null;
  const via: string[] = [];
  const writeAcl = b.acl === 'public-read-write';
  const readAcl = writeAcl || b.acl === 'public-read';
  const writePolicy = openStatements(b.policy, 'write').length > 0;
  const readPolicy = openStatements(b.policy, 'read').length > 0;
  if (readAcl) via.push(`ACL ${b.acl}`);
  if (writePolicy || readPolicy) via.push('bucket policy (Principal *)');
  const how = writeAcl || writePolicy ? 'write' : readAcl || readPolicy ? 'read' : null;
  return { how, via };
}
