// The bucket ActionTrail delivers to holds the evidence of who did what: it must not be public
// (CIS 2.2), and it should keep versions and a locked retention so nobody can quietly rewrite or
// delete that evidence. The trail names the bucket (DescribeTrails OssBucketName).

import type { OssBucket, Trail } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckContext, CheckMeta, CheckResult, Need } from '../model.js';
import { accountRef, defineCheck, ref, result, withList } from '../helpers.js';
import { TRAILS_NEED, TRAILS_WHAT, trailsOf } from '../actiontrail/trail-common.js';
import { blocked, bucketRef, BUCKETS_WHAT, bucketsOf, exposureOf, LIST_NEED, PRODUCTS } from './oss-common.js';

/** Each trail that delivers to OSS, with its bucket when this account holds it. */
function auditBuckets(ctx: CheckContext, needs: Need[], judge: (t: Trail, b: OssBucket) => CheckResult): CheckResult[] {
  return withList(ctx, undefined, trailsOf(ctx), needs, TRAILS_WHAT, (trails) => {
    const delivering = trails.filter((t) => t.ossBucketName);
    // Not applicable rather than silent: the report then says the check ran and why it judged nothing.
    if (delivering.length === 0) {
      const r = accountRef(ctx);
      return [result('skip', r, say(r, (l) => `No trail of ${l} delivers to an OSS bucket, so there is no audit bucket to judge.`, (l) => `${l}没有投递到 OSS 存储空间的跟踪,没有可评估的审计存储空间。`))];
    }
    const buckets = bucketsOf(ctx);
    if (buckets === null) return [unknownResult(ctx.snapshot, needs, accountRef(ctx), BUCKETS_WHAT)];
    return delivering.map((t) => {
      const b = buckets.find((x) => x.name === t.ossBucketName);
      if (b) return judge(t, b);
      // Another account's bucket (a central log archive) is judged when that account is scanned.
      const r = ref(ctx, 'oss-bucket', t.ossBucketName ?? '', t.ossBucketName ?? '');
      return result('skip', r, say(r, (l) => `${l} (trail ${t.name}) is not a bucket of this account: scan the account that owns it.`, (l) => `${l}(跟踪 ${t.name})不属于本账号:请扫描其所属账号。`));
    });
  });
}

const publicMeta: CheckMeta = {
  id: 'actiontrail.bucket-public',
  title: { en: 'ActionTrail log bucket is public', zh: '操作审计日志存储空间公开' },
  severity: 'critical',
  owner: 'customer',
  service: 'actiontrail',
  resourceType: 'oss-bucket',
  responsibility: 'customer.audit-monitoring',
  products: ['product.actiontrail', ...PRODUCTS],
  references: ['https://www.alibabacloud.com/help/en/actiontrail/user-guide/create-a-single-account-trail'],
  remediation: {
    why: {
      en: 'The trail bucket shows every API call of the account: who did what, from which address, with which keys. Public, it hands an attacker a map of your account, and if writable lets them erase their tracks.',
      zh: '跟踪投递的存储空间记录了账号的每次 API 调用:谁、从哪个地址、用哪个密钥做了什么。若公开,就等于把账号的地图交给攻击者;若可写,攻击者还能抹去痕迹。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Permission Control > ACL: set it to Private; remove bucket policy statements for Principal *.\n3. Turn on Block Public Access for the bucket.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 权限控制 > 读写权限:设为私有;删除对 Principal * 的存储空间策略语句。\n3. 为该存储空间开启阻止公共访问。',
    },
    cli: 'aliyun oss set-acl oss://{resourceId} private -b --region {region}',
  },
  needs: [TRAILS_NEED, LIST_NEED, { service: 'oss', action: 'GetBucketAcl' }, { service: 'oss', action: 'GetBucketPolicy' }],
};

export const actiontrailBucketPublic = defineCheck(publicMeta, (ctx) =>
  auditBuckets(ctx, publicMeta.needs, (t, b) => {
    const r = bucketRef(ctx, b);
    const e = exposureOf(b);
    if (e === null) return unknownResult(ctx.snapshot, publicMeta.needs, r, { en: 'its ACL and bucket policy', zh: '其 ACL 与存储空间策略' });
    if (e.how === null || blocked(ctx, b) === true) {
      return result('pass', r, say(r, (l) => `${l}, where trail ${t.name} delivers, is not public.`, (l) => `跟踪 ${t.name} 投递的${l}未公开。`));
    }
    const how = e.how === 'write' ? { en: 'read and write', zh: '读写' } : { en: 'read', zh: '读取' };
    return result('fail', r, say(r, (l) => `${l}, where trail ${t.name} delivers its logs, is public: anyone can ${how.en} it (${e.via.join(', ')}).`, (l) => `跟踪 ${t.name} 投递日志的${l}是公开的:任何人都可以${how.zh}(${e.via.join(', ')})。`), {
      evidence: { trail: t.name, acl: b.acl, via: e.via },
    });
  }),
);

const retentionMeta: CheckMeta = {
  id: 'oss.bucket.audit-retention-off',
  title: { en: 'Audit log bucket without versioning or retention lock', zh: '审计日志存储空间未开启版本控制或保留策略' },
  severity: 'medium',
  owner: 'customer',
  service: 'oss',
  resourceType: 'oss-bucket',
  responsibility: 'customer.audit-monitoring',
  products: ['product.actiontrail', ...PRODUCTS],
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/retention-policies', 'https://www.alibabacloud.com/help/en/oss/user-guide/overview-78'],
  remediation: {
    why: {
      en: 'Audit logs are only evidence if nobody can change them afterwards. Versioning keeps overwritten and deleted logs; a locked retention policy (WORM) stops anyone, the account owner included, from deleting them early.',
      zh: '审计日志只有在事后无法被篡改时才能作为证据。版本控制保留被覆盖和删除的日志;锁定的保留策略(WORM)使包括账号所有者在内的任何人都无法提前删除它们。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Redundancy for Fault Tolerance > Versioning: turn it on.\n3. Content Security > Retention Policy: create one (e.g. 180 days) and lock it after checking it.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 冗余与容错 > 版本控制:开启。\n3. 数据安全 > 合规保留策略:创建(例如 180 天),确认无误后锁定。',
    },
    cli: 'aliyun oss bucket-versioning --method get oss://{resourceId} --region {region}',
  },
  needs: [TRAILS_NEED, LIST_NEED, { service: 'oss', action: 'GetBucketVersioning' }, { service: 'oss', action: 'GetBucketWorm' }],
};

export const ossAuditRetentionOff = defineCheck(retentionMeta, (ctx) =>
  auditBuckets(ctx, retentionMeta.needs, (t, b) => {
    const r = bucketRef(ctx, b);
    if (b.versioning === null || b.worm === null) {
      return unknownResult(ctx.snapshot, retentionMeta.needs, r, { en: 'its versioning and retention policy (GetBucketVersioning, GetBucketWorm)', zh: '其版本控制与保留策略(GetBucketVersioning、GetBucketWorm)' });
    }
    const missing: { en: string; zh: string }[] = [];
    if (b.versioning !== 'Enabled') missing.push({ en: `versioning is ${b.versioning}`, zh: `版本控制为 ${b.versioning}` });
    if (b.worm.state !== 'Locked') missing.push({ en: b.worm.state === 'none' ? 'there is no retention policy' : `the retention policy is ${b.worm.state}, not locked`, zh: b.worm.state === 'none' ? '没有保留策略' : `保留策略为 ${b.worm.state},未锁定` });
    if (missing.length === 0) {
      return result('pass', r, say(r, (l) => `${l} (trail ${t.name}) keeps versions and has a locked ${b.worm?.retentionDays}-day retention.`, (l) => `${l}(跟踪 ${t.name})已开启版本控制并锁定 ${b.worm?.retentionDays} 天保留策略。`));
    }
    return result('fail', r, say(r, (l) => `${l} holds the logs of trail ${t.name}, but ${missing.map((m) => m.en).join(' and ')}.`, (l) => `${l}存放跟踪 ${t.name} 的日志,但${missing.map((m) => m.zh).join('且')}。`), {
      evidence: { trail: t.name, versioning: b.versioning, worm: b.worm.state },
    });
  }),
);
