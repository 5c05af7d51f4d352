import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { unknownResult } from '../gaps.js';
import { day, defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { KEY_META_WHAT, KEYS_WHAT, KMS_NEEDS, keysOf } from './kms-common.js';

// Informational on its own (deletion may be intended); the sentence says when encrypted disks of
// the region still use the key, since they become unreadable once it is gone.
const meta: CheckMeta = {
  id: 'kms.key-pending-deletion',
  title: { en: 'KMS key scheduled for deletion', zh: 'KMS 密钥已计划删除' },
  severity: 'low',
  owner: 'customer',
  service: 'kms',
  resourceType: 'kms-key',
  responsibility: 'customer.data-security',
  products: ['product.kms', 'product.encrypted-disk'],
  references: ['https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/delete-a-cmk'],
  remediation: {
    why: {
      en: 'Once a key is deleted, everything encrypted with it (disks, snapshots, data keys) can never be decrypted again. Whether the deletion is intended is yours to confirm before the date.',
      zh: '密钥删除后,用它加密的一切(云盘、快照、数据密钥)都无法再解密。请在删除日期前确认该删除是否为预期操作。',
    },
    console: {
      en: '1. KMS console (region {region}) > Keys: open {resource} and check what still uses it.\n2. If it is still needed, choose Cancel Key Deletion.\n3. If not, make sure no disk or snapshot is encrypted with it before the deletion date.',
      zh: '1. 密钥管理服务控制台(地域 {region})> 密钥:打开 {resource},确认仍在使用它的资源。\n2. 如仍需使用,点击“取消密钥删除”。\n3. 如不再需要,请确认删除日期前已没有云盘或快照使用它加密。',
    },
    cli: 'aliyun kms CancelKeyDeletion --RegionId {region} --KeyId {resourceId}',
  },
  needs: KMS_NEEDS,
};

export const keyPendingDeletion = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, keysOf(region.kmsKeys), meta.needs, KEYS_WHAT, (keys) =>
      keys.map((k) => {
        const r = ref(ctx, 'kms-key', k.keyId, k.keyId, k.regionId);
        const m = k.meta;
        if (m === null) return unknownResult(ctx.snapshot, meta.needs, r, KEY_META_WHAT);
        if (m.keyState !== 'PendingDeletion') {
          return result('pass', r, say(r, (l) => `${l} is not scheduled for deletion (${m.keyState}).`, (l) => `${l}未计划删除(${m.keyState})。`));
        }
        const when = m.deleteDate ? day(m.deleteDate) : 'a date KMS did not report';
        const whenZh = m.deleteDate ? day(m.deleteDate) : '未知日期';
        const disks = region.disks === null ? null : region.disks.filter((d) => d.encrypted && d.kmsKeyId === k.keyId).map((d) => d.diskId);
        const use =
          disks === null
            ? { en: ' Whether disks still use it is unknown (the disk list could not be read).', zh: '无法确认是否仍有云盘使用它(云盘列表读取失败)。' }
            : disks.length > 0
              ? { en: ` Encrypted disks still use it: ${disks.join(', ')}.`, zh: `仍有加密云盘在使用它:${disks.join('、')}。` }
              : { en: ' No disk in the region is encrypted with it.', zh: '本地域没有云盘使用它加密。' };
        return result('fail', r, say(r, (l) => `${l} will be deleted on ${when}.${use.en}`, (l) => `${l}将于 ${whenZh} 删除。${use.zh}`), {
          evidence: { deleteDate: m.deleteDate, disksUsingKey: disks },
        });
      }),
    ),
  ),
);
