// Per-bucket settings the customer chooses: Block Public Access (CIS 5.1), HTTPS only (5.4),
// access logging (5.3), server-side encryption (5.8) and with a KMS key (5.9).

import type { OssPolicyStatement } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta, Need } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { LIST_NEED, perBucket, PRODUCTS } from './oss-common.js';

const base = { owner: 'customer', service: 'oss', resourceType: 'oss-bucket', products: PRODUCTS } as const;
// ---------- Block Public Access ----------

const BLOCK_NEED: Need = { service: 'oss', action: 'GetBucketPublicAccessBlock' };
const ACCOUNT_BLOCK_NEED: Need = { service: 'oss', action: 'GetPublicAccessBlock' };

const blockMeta: CheckMeta = {
  ...base,
  id: 'oss.bucket.block-public-access-off',
  title: { en: 'OSS Block Public Access off', zh: 'OSS 未开启阻止公共访问' },
  severity: 'medium',
  responsibility: 'customer.oss-bucket-security',
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/block-public-access'],
  remediation: {
    why: {
      en: 'Without Block Public Access, one wrong ACL or policy statement makes the data public at once. With it on (for the account or the bucket), OSS ignores public ACLs and policies.',
      zh: '未开启阻止公共访问时,一次错误的 ACL 或策略设置就会立即公开数据。开启后(账号级或存储空间级),OSS 会忽略公共 ACL 和策略。',
    },
    console: {
      en: '1. OSS console > Block Public Access (account level): turn it on, or\n2. Buckets > {resource} (region {region}) > Permission Control > Block Public Access: turn it on.\n3. First move any content that must stay public behind signed URLs or a CDN.',
      zh: '1. OSS 控制台 > 阻止公共访问(账号级):开启;或\n2. Bucket 列表 > {resource}(地域 {region})> 权限控制 > 阻止公共访问:开启。\n3. 开启前先将必须公开的内容改为签名 URL 或 CDN 提供。',
    },
    cli: 'aliyun oss stat oss://{resourceId} --region {region}',
  },
  needs: [LIST_NEED, BLOCK_NEED],
};

export const ossBlockPublicAccessOff = defineCheck(blockMeta, (ctx) =>
  perBucket(
    ctx,
    blockMeta.needs,
    { en: 'its Block Public Access setting (GetBucketPublicAccessBlock)', zh: '其阻止公共访问设置(GetBucketPublicAccessBlock)' },
    (b) => b.blockPublicAccess,
    (_b, on, r) => {
      const account = ctx.snapshot.oss?.blockPublicAccess ?? null;
      if (on || account === true) {
        const where = on ? { en: 'on the bucket', zh: '存储空间级' } : { en: 'for the whole account', zh: '账号级' };
        return result('pass', r, say(r, (l) => `${l} has Block Public Access on ${where.en}.`, (l) => `${l}已开启${where.zh}阻止公共访问。`));
      }
      if (account === null) {
        return unknownResult(ctx.snapshot, [ACCOUNT_BLOCK_NEED], r, { en: 'the account-wide Block Public Access (GetPublicAccessBlock)', zh: '账号级阻止公共访问(GetPublicAccessBlock)' });
      }
      return result('fail', r, say(r, (l) => `${l} has Block Public Access off, on the bucket and for the account.`, (l) => `${l}在存储空间级和账号级均未开启阻止公共访问。`), {
        evidence: { bucket: false, account: false },
      });
    },
  ),
);

// ---------- HTTPS only ----------

const POLICY_NEED: Need = { service: 'oss', action: 'GetBucketPolicy' };

/** A Deny for requests whose acs:SecureTransport is false: what makes OSS refuse plain HTTP. */
export function deniesPlainHttp(s: OssPolicyStatement): boolean {
  if (s.Effect.toLowerCase() !== 'deny') return false;
  return Object.values(s.Condition ?? {}).some((kv) =>
    Object.entries(kv).some(([k, v]) => k.toLowerCase() === 'acs:securetransport' && [v].flat().some((x) => String(x).toLowerCase() === 'false')),
  );
}

const httpsMeta: CheckMeta = {
  ...base,
  id: 'oss.bucket.https-not-enforced',
  title: { en: 'OSS bucket accepts plain HTTP', zh: 'OSS 存储空间允许明文 HTTP 访问' },
  severity: 'medium',
  responsibility: 'customer.oss-bucket-security',
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/tutorial-use-bucket-policies-to-authorize-only-https-access-to-oss'],
  remediation: {
    why: {
      en: 'OSS answers over HTTP as well as HTTPS unless the bucket policy refuses plain HTTP: objects, signed URLs and tokens can then travel in clear text. The policy is yours to set.',
      zh: '除非存储空间策略拒绝明文 HTTP,否则 OSS 同时接受 HTTP 和 HTTPS:对象、签名 URL 和令牌可能以明文传输。该策略由您设置。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Permission Control > Bucket Policy > Add by syntax.\n3. Add a Deny statement for Principal * on oss:* with the condition Bool acs:SecureTransport = false, and save.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 权限控制 > Bucket 授权策略 > 按语法添加。\n3. 添加对 Principal * 在 oss:* 上的 Deny 语句,条件为 Bool acs:SecureTransport = false,并保存。',
    },
    cli: 'aliyun oss bucket-policy --method get oss://{resourceId} --region {region}',
  },
  needs: [LIST_NEED, POLICY_NEED],
};

export const ossHttpsNotEnforced = defineCheck(httpsMeta, (ctx) =>
  perBucket(
    ctx,
    httpsMeta.needs,
    { en: 'its bucket policy (GetBucketPolicy)', zh: '其存储空间策略(GetBucketPolicy)' },
    (b) => b.policy,
    (_b, policy, r) =>
      policy.some(deniesPlainHttp)
        ? result('pass', r, say(r, (l) => `${l} refuses requests that are not HTTPS.`, (l) => `${l}拒绝非 HTTPS 请求。`))
        : result('fail', r, say(r, (l) => `${l} has no policy statement refusing plain HTTP (acs:SecureTransport false).`, (l) => `${l}没有拒绝明文 HTTP 的策略语句(acs:SecureTransport 为 false)。`), {
            evidence: { statements: policy.length },
          }),
  ),
);

// ---------- access logging ----------

const loggingMeta: CheckMeta = {
  ...base,
  id: 'oss.bucket.logging-off',
  title: { en: 'OSS bucket without access logging', zh: 'OSS 存储空间未开启访问日志' },
  severity: 'medium',
  responsibility: 'customer.audit-monitoring',
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/logging'],
  remediation: {
    why: {
      en: 'Without access logs nobody can tell afterwards who read, wrote or deleted which objects, from where. OSS writes them once you turn logging on and pick a target bucket.',
      zh: '未开启访问日志时,事后无法查明谁从哪里读取、写入或删除了哪些对象。开启日志并指定目标存储空间后由 OSS 负责写入。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Logging > Log Storage: turn it on, with a target bucket in the same region and a prefix.\n3. Keep the log bucket private and give it a lifecycle rule that meets your retention needs.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 日志管理 > 日志转存:开启,并指定同地域的目标存储空间和前缀。\n3. 日志存储空间保持私有,并配置满足保留要求的生命周期规则。',
    },
    cli: 'aliyun oss logging --method get oss://{resourceId} --region {region}',
  },
  needs: [LIST_NEED, { service: 'oss', action: 'GetBucketLogging' }],
};

export const ossLoggingOff = defineCheck(loggingMeta, (ctx) =>
  perBucket(
    ctx,
    loggingMeta.needs,
    { en: 'its logging setting (GetBucketLogging)', zh: '其日志设置(GetBucketLogging)' },
    (b) => b.logging,
    (_b, log, r) =>
      log.enabled
        ? result('pass', r, say(r, (l) => `${l} logs access to ${log.targetBucket ?? 'a bucket'}.`, (l) => `${l}的访问日志写入 ${log.targetBucket ?? '存储空间'}。`))
        : result('fail', r, say(r, (l) => `${l} has access logging off.`, (l) => `${l}未开启访问日志。`), { evidence: { logging: false } }),
  ),
);

// ---------- server-side encryption ----------

const SSE_NEED: Need = { service: 'oss', action: 'GetBucketEncryption' };
const SSE_WHAT = { en: 'its server-side encryption (GetBucketEncryption)', zh: '其服务端加密设置(GetBucketEncryption)' };

const sseOffMeta: CheckMeta = {
  ...base,
  id: 'oss.bucket.sse-off',
  title: { en: 'OSS bucket without server-side encryption', zh: 'OSS 存储空间未开启服务端加密' },
  severity: 'medium',
  responsibility: 'customer.oss-bucket-security',
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/server-side-encryption-8'],
  remediation: {
    why: {
      en: 'Without a default encryption rule, new objects are stored unencrypted unless each upload asks for it. OSS encrypts them for you once you set the rule; the choice of key is yours.',
      zh: '未设置默认加密规则时,除非每次上传都指定,新对象将以未加密形式存储。设置规则后由 OSS 负责加密,选用哪种密钥由您决定。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Content Security > Server-side Encryption: choose KMS (or OSS-managed) and save.\n3. Objects written before keep their old state: copy them over themselves to encrypt them.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 数据安全 > 服务端加密:选择 KMS(或 OSS 完全托管)并保存。\n3. 之前写入的对象保持原状,需将其原地复制一次才会加密。',
    },
    cli: 'aliyun oss bucket-encryption --method get oss://{resourceId} --region {region}',
  },
  needs: [LIST_NEED, SSE_NEED],
};

export const ossSseOff = defineCheck(sseOffMeta, (ctx) =>
  perBucket(ctx, sseOffMeta.needs, SSE_WHAT, (b) => b.encryption, (_b, sse, r) =>
    sse.algorithm === 'none'
      ? result('fail', r, say(r, (l) => `${l} has no default server-side encryption.`, (l) => `${l}未设置默认服务端加密。`), { evidence: { algorithm: 'none' } })
      : result('pass', r, say(r, (l) => `${l} encrypts new objects (${sse.algorithm}).`, (l) => `${l}对新对象加密(${sse.algorithm})。`)),
  ),
);

const sseKmsMeta: CheckMeta = {
  ...base,
  id: 'oss.bucket.sse-not-kms',
  title: { en: 'OSS bucket encrypted without a KMS key', zh: 'OSS 存储空间未使用 KMS 密钥加密' },
  severity: 'low',
  responsibility: 'customer.oss-bucket-security',
  products: [...PRODUCTS, 'product.kms'],
  references: ['https://www.alibabacloud.com/help/en/oss/user-guide/server-side-encryption-8'],
  remediation: {
    why: {
      en: 'With OSS-managed keys (AES256, SM4) you cannot see key use, rotate, or revoke the key yourself. A KMS key (your own, BYOK) gives you that control and an audit trail in KMS.',
      zh: '使用 OSS 完全托管密钥(AES256、SM4)时,您无法查看密钥使用情况,也无法自行轮转或吊销。使用 KMS 密钥(自带密钥 BYOK)可获得这些控制能力和 KMS 中的审计记录。',
    },
    console: {
      en: '1. OSS console > Buckets: open {resource} (region {region}).\n2. Content Security > Server-side Encryption: choose KMS and pick your own key (CMK) rather than the default one.\n3. Allow the key to be used by OSS in KMS, and save.',
      zh: '1. OSS 控制台 > Bucket 列表:打开 {resource}(地域 {region})。\n2. 数据安全 > 服务端加密:选择 KMS,并指定您自己的密钥(CMK)而非默认密钥。\n3. 在 KMS 中允许 OSS 使用该密钥,并保存。',
    },
    cli: 'aliyun oss bucket-encryption --method get oss://{resourceId} --region {region}',
  },
  needs: [LIST_NEED, SSE_NEED],
};

export const ossSseNotKms = defineCheck(sseKmsMeta, (ctx) =>
  perBucket(ctx, sseKmsMeta.needs, SSE_WHAT, (b) => b.encryption, (_b, sse, r) => {
    if (sse.algorithm === 'none') {
      return result('skip', r, say(r, (l) => `${l} has no encryption at all: see oss.bucket.sse-off.`, (l) => `${l}完全未加密:见 oss.bucket.sse-off。`));
    }
    if (sse.algorithm.toUpperCase() !== 'KMS') {
      return result('fail', r, say(r, (l) => `${l} is encrypted with an OSS-managed key (${sse.algorithm}), not a KMS key.`, (l) => `${l}使用 OSS 托管密钥(${sse.algorithm})加密,而非 KMS 密钥。`), {
        evidence: { algorithm: sse.algorithm },
      });
    }
    const own = sse.kmsKeyId !== null;
    return result('pass', r, say(r, (l) => `${l} is encrypted with ${own ? `KMS key ${sse.kmsKeyId}` : 'the default KMS key'}.`, (l) => `${l}使用${own ? ` KMS 密钥 ${sse.kmsKeyId} ` : '默认 KMS 密钥'}加密。`), {
      evidence: { algorithm: sse.algorithm, kmsKeyId: sse.kmsKeyId },
    });
  }),
);
