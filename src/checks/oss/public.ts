// Buckets anyone on the internet can read or write, through the ACL or the bucket policy
// (CIS 5.1, 5.7). Block Public Access, on the bucket or the account, makes OSS ignore both.

import type { OssBucket } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckContext, CheckMeta, CheckResult, Need, ResourceRef } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { blocked, exposureOf, LIST_NEED, perBucket, PRODUCTS } from './oss-common.js';

const ACL_NEED: Need = { service: 'oss', action: 'GetBucketAcl' };
const POLICY_NEED: Need = { service: 'oss', action: 'GetBucketPolicy' };
const BLOCK_NEEDS: Need[] = [
  { service: 'oss', action: 'GetBucketPublicAccessBlock' },
  { service: 'oss', action: 'GetPublicAccessBlock' },
];

function judge(ctx: CheckContext, kind: 'read' | 'write', b: OssBucket, r: ResourceRef): CheckResult | null {
  const e = exposureOf(b);
  if (e === null) return null; // unreachable: pick() returned null first
  const open = kind === 'write' ? e.how === 'write' : e.how === 'read';
  if (kind === 'read' && e.how === 'write') {
    return result('skip', r, say(r, (l) => `${l} is writable by anyone: see oss.bucket.public-write.`, (l) => `${l}任何人可写:见 oss.bucket.public-write。`));
  }
  if (!open) return result('pass', r, say(r, (l) => `${l} is not open to anonymous ${kind === 'write' ? 'writes' : 'reads'}.`, (l) => `${l}不允许匿名${kind === 'write' ? '写入' : '读取'}。`));
  const block = blocked(ctx, b);
  if (block === null) return unknownResult(ctx.snapshot, BLOCK_NEEDS, r, { en: 'whether Block Public Access is on', zh: '是否开启了阻止公共访问' });
  const via = e.via.join(', ');
  if (block) {
    return result('pass', r, say(r, (l) => `${l} has ${via}, but Block Public Access is on, so OSS ignores it.`, (l) => `${l}设置了 ${via},但已开启阻止公共访问,OSS 不会生效。`), { evidence: { acl: b.acl, via } });
  }
  const what = kind === 'write' ? { en: 'write, overwrite and delete objects in', zh: '写入、覆盖和删除对象' } : { en: 'read every object in', zh: '读取全部对象' };
  // Open through the policy alone: resetting the ACL would fix nothing, so show the policy instead.
  const policyOnly = !e.via.some((v) => v.startsWith('ACL'));
  return result('fail', r, say(r, (l) => `Anyone on the internet can ${what.en} ${l} (${via}).`, (l) => `互联网上任何人都可以${what.zh}:${l}(${via})。`), {
    evidence: { acl: b.acl, via },
    ...(policyOnly ? { cli: 'aliyun oss bucket-policy --method get oss://{resourceId} --region {region}' } : {}),
  });
}

function publicCheck(kind: 'read' | 'write', meta: CheckMeta) {
  return defineCheck(meta, (ctx) =>
    perBucket(
      ctx,
      meta.needs,
      { en: 'its ACL and bucket policy (GetBucketAcl, GetBucketPolicy)', zh: '其 ACL 与存储空间策略(GetBucketAcl、GetBucketPolicy)' },
      (b) => exposureOf(b),
      (b, _e, r) => judge(ctx, kind, b, r),
    ),
  );
}

const console_ = {
  en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Permission Control > ACL: set it to Private.\n3. Permission Control > Bucket Policy: remove statements that allow Principal * without a source IP or VPC condition.\n4. Serve public content through signed URLs or a CDN origin instead, and turn on Block Public Access.',
  zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 权限控制 > 读写权限:设为私有。\n3. 权限控制 > Bucket 授权策略:删除对 Principal * 授权且未限制来源 IP 或 VPC 的语句。\n4. 需要公开的内容改用签名 URL 或 CDN 回源提供,并开启阻止公共访问。',
};

export const ossPublicWrite = publicCheck('write', {
  id: 'oss.bucket.public-write',
  title: { en: 'OSS bucket writable by anyone', zh: 'OSS 存储空间任何人可写' },
  severity: 'critical',
  owner: 'customer',
  service: 'oss',
  resourceType: 'oss-bucket',
  responsibility: 'customer.oss-bucket-security',
  products: PRODUCTS,
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl'],
  remediation: {
    why: {
      en: 'Anyone can upload, overwrite or delete objects: your data can be destroyed, and the bucket can host malware or illegal content on your bill. Alibaba Cloud stores the objects durably; who may write them is the ACL and policy you set.',
      zh: '任何人都可以上传、覆盖或删除对象:数据可能被破坏,存储空间还可能被用来托管恶意或违法内容并由您付费。阿里云负责对象的持久存储,谁可以写入由您设置的 ACL 和策略决定。',
    },
    console: console_,
    cli: 'aliyun oss set-acl oss://{resourceId} private -b --region {region}',
  },
  needs: [LIST_NEED, ACL_NEED, POLICY_NEED],
});

export const ossPublicRead = publicCheck('read', {
  id: 'oss.bucket.public-read',
  title: { en: 'OSS bucket readable by anyone', zh: 'OSS 存储空间任何人可读' },
  severity: 'high',
  owner: 'customer',
  service: 'oss',
  resourceType: 'oss-bucket',
  responsibility: 'customer.oss-bucket-security',
  products: PRODUCTS,
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/bucket-acl'],
  remediation: {
    why: {
      en: 'Anyone who guesses or finds an object name can download it, and traffic costs are yours. Most data leaks from object storage are buckets left public by their owner, not a fault of the storage service.',
      zh: '任何猜到或找到对象名的人都可以下载它,流量费用由您承担。对象存储的数据泄露大多源于所有者将存储空间设为公开,而非存储服务本身的故障。',
    },
    console: console_,
    cli: 'aliyun oss set-acl oss://{resourceId} private -b --region {region}',
  },
  needs: [LIST_NEED, ACL_NEED, POLICY_NEED],
});
