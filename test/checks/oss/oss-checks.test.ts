import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { deniesPlainHttp } from '../../../src/checks/oss/settings.js';
import { exposureOf, openStatements } from '../../../src/checks/oss/oss-common.js';
import type { OssSnapshot } from '../../../src/cloud/snapshot.js';
import { buildContext } from '../../builders/context.js';
import { buildBucket, buildGap, buildOss, buildSnapshot, buildTrail } from '../../builders/snapshot.js';

const check = (id: string) => ALL_CHECKS.find((c) => c.meta.id === id)!;
const run = (id: string, oss: OssSnapshot | null, extra: Parameters<typeof buildSnapshot>[0] = {}) =>
  check(id).run(buildContext({ snapshot: buildSnapshot({ oss, ...extra }) }));
const statuses = (id: string, oss: OssSnapshot | null, extra: Parameters<typeof buildSnapshot>[0] = {}) => run(id, oss, extra).map((r) => r.status);

const anyoneReads = { Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: ['acs:oss:*:*:b/*'] };
const OSS_IDS = ALL_CHECKS.filter((c) => c.meta.service === 'oss' || c.meta.id === 'actiontrail.bucket-public').map((c) => c.meta.id);

describe('OSS checks', () => {
  it('all pass on a well-kept bucket', () => {
    for (const id of OSS_IDS) {
      const extra = id === 'oss.bucket.audit-retention-off' || id === 'actiontrail.bucket-public' ? { actiontrail: { trails: [buildTrail({ ossBucketName: 'records-bucket' })] } } : {};
      expect(statuses(id, buildOss(), extra), id).toEqual(['pass']);
    }
  });

  it('reads public through the ACL or a policy for Principal *, but not one narrowed to a source IP', () => {
    expect(exposureOf(buildBucket({ acl: 'public-read-write' }))).toEqual({ how: 'write', via: ['ACL public-read-write'] });
    expect(exposureOf(buildBucket({ policy: [anyoneReads] }))!.how).toBe('read');
    expect(openStatements([{ ...anyoneReads, Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } }], 'read')).toEqual([]);
    expect(openStatements([{ ...anyoneReads, Action: 'oss:*' }], 'write')).toHaveLength(1);
    expect(exposureOf(buildBucket({ acl: null }))).toBeNull();
  });

  it('a public bucket fails unless Block Public Access (bucket or account) makes OSS ignore it', () => {
    const open = (block: boolean, account: boolean) => buildOss({ blockPublicAccess: account, buckets: [buildBucket({ acl: 'public-read-write', blockPublicAccess: block })] });
    expect(statuses('oss.bucket.public-write', open(false, false))).toEqual(['fail']);
    expect(statuses('oss.bucket.public-read', open(false, false))).toEqual(['skip']);
    expect(statuses('oss.bucket.public-write', open(true, false))).toEqual(['pass']);
    expect(statuses('oss.bucket.public-write', open(false, true))).toEqual(['pass']);
    // Block state unknown on a public bucket: an error, never a pass.
    const unknown = buildOss({ blockPublicAccess: null, buckets: [buildBucket({ acl: 'public-read', blockPublicAccess: false })] });
    expect(statuses('oss.bucket.public-read', unknown)).toEqual(['error']);
  });

  it('an unknown setting is an error for that bucket naming the permission; an unknown list one error', () => {
    const gaps = [buildGap({ service: 'oss', action: 'GetBucketPolicy', region: 'cn-hangzhou', resource: 'records-bucket', code: 'AccessDenied', missingAction: 'oss:GetBucketPolicy' })];
    const [r] = run('oss.bucket.https-not-enforced', buildOss({ buckets: [buildBucket({ policy: null })] }), { gaps });
    expect(r!.status).toBe('error');
    expect(r!.reason.en).toContain('grant oss:GetBucketPolicy');
    expect(statuses('oss.bucket.logging-off', buildOss({ buckets: null }))).toEqual(['error']);
    expect(statuses('oss.bucket.sse-off', null)).toEqual(['error']);
  });

  it('HTTPS is enforced only by a Deny on acs:SecureTransport false', () => {
    expect(deniesPlainHttp({ Effect: 'Deny', Condition: { Bool: { 'acs:SecureTransport': 'false' } } })).toBe(true);
    expect(deniesPlainHttp({ Effect: 'Deny', Condition: { Bool: { 'acs:SecureTransport': [false] } } })).toBe(true);
    expect(deniesPlainHttp({ Effect: 'Allow', Condition: { Bool: { 'acs:SecureTransport': 'true' } } })).toBe(false);
    expect(statuses('oss.bucket.https-not-enforced', buildOss({ buckets: [buildBucket({ policy: [] })] }))).toEqual(['fail']);
  });

  it('encryption: none fails sse-off and is left to it by sse-not-kms; AES256 fails only sse-not-kms', () => {
    const sse = (algorithm: string) => buildOss({ buckets: [buildBucket({ encryption: { algorithm, kmsKeyId: null } })] });
    expect(statuses('oss.bucket.sse-off', sse('none'))).toEqual(['fail']);
    expect(statuses('oss.bucket.sse-not-kms', sse('none'))).toEqual(['skip']);
    expect(statuses('oss.bucket.sse-off', sse('AES256'))).toEqual(['pass']);
    expect(statuses('oss.bucket.sse-not-kms', sse('AES256'))).toEqual(['fail']);
  });

  it('the trail bucket: public fails CIS 2.2, missing versions or WORM fails retention, another account skips', () => {
    const trails = { actiontrail: { trails: [buildTrail({ name: 't', ossBucketName: 'records-bucket' })] } };
    const pub = buildOss({ blockPublicAccess: false, buckets: [buildBucket({ acl: 'public-read', blockPublicAccess: false, versioning: 'Suspended' })] });
    expect(statuses('actiontrail.bucket-public', pub, trails)).toEqual(['fail']);
    const [ret] = run('oss.bucket.audit-retention-off', pub, trails);
    expect(ret!.status).toBe('fail');
    expect(ret!.reason.en).toContain('versioning is Suspended');
    const elsewhere = { actiontrail: { trails: [buildTrail({ ossBucketName: 'central-archive' })] } };
    expect(statuses('actiontrail.bucket-public', buildOss(), elsewhere)).toEqual(['skip']);
    // No trail delivers to OSS: not applicable, said once for the account. Trails unknown: an error.
    expect(statuses('actiontrail.bucket-public', buildOss())).toEqual(['skip']);
    expect(statuses('actiontrail.bucket-public', buildOss(), { actiontrail: { trails: null } })).toEqual(['error']);
    expect(statuses('actiontrail.bucket-public', null, trails)).toEqual(['error']);
  });
});
