import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';

export const DISKS_WHAT = { en: 'the list of disks', zh: '云盘列表' };

const meta: CheckMeta = {
  id: 'ecs.disk.unencrypted',
  title: { en: 'Disk not encrypted', zh: '云盘未加密' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'disk',
  responsibility: 'customer.data-security',
  products: ['product.encrypted-disk', 'product.kms', 'product.snapshot'],
  references: ['ecs-disk-encrypted'],
  remediation: {
    why: {
      en: 'Unencrypted disks and their snapshots carry your data in clear. Choosing encryption (and who may use the KMS key) is yours; Alibaba Cloud runs the encryption once you turn it on.',
      zh: '未加密的云盘及其快照以明文保存您的数据。是否加密(以及谁能使用 KMS 密钥)由您决定;开启后加密由阿里云执行。',
    },
    console: {
      en: '1. ECS console > Storage & Snapshots > Snapshots: create a snapshot of {resource}.\n2. Copy the snapshot with encryption on (choose a KMS key), then create an encrypted disk from it.\n3. Swap the encrypted disk in (for a system disk: replace the system disk from an encrypted image), check the data, then release the old disk.',
      zh: '1. ECS 控制台 > 存储与快照 > 快照:为 {resource}创建快照。\n2. 复制该快照并开启加密(选择 KMS 密钥),再用它创建加密云盘。\n3. 换上加密云盘(系统盘需用加密镜像更换系统盘),核对数据后释放旧盘。',
    },
    cli: 'aliyun ecs CreateSnapshot --RegionId {region} --DiskId {resourceId} --SnapshotName {resourceId}-before-encryption',
  },
  needs: [{ service: 'ecs', action: 'DescribeDisks' }],
};

export const diskUnencrypted = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.disks, meta.needs, DISKS_WHAT, (disks) =>
      disks.map((d) => {
        const r = ref(ctx, 'disk', d.diskId, d.diskName, d.regionId);
        const attached = d.instanceId ? { en: ` (${d.type} disk of ${d.instanceId})`, zh: `(${d.instanceId} 的${d.type === 'system' ? '系统盘' : '数据盘'})` } : { en: ' (not attached)', zh: '(未挂载)' };
        return d.encrypted
          ? result('pass', r, say(r, (l) => `${l} is encrypted${d.kmsKeyId ? ` with KMS key ${d.kmsKeyId}` : ''}.`, (l) => `${l}已加密${d.kmsKeyId ? `(KMS 密钥 ${d.kmsKeyId})` : ''}。`))
          : result('fail', r, say(r, (l) => `${l}${attached.en} is not encrypted.`, (l) => `${l}${attached.zh}未加密。`), {
              evidence: { instanceId: d.instanceId, type: d.type, category: d.category, status: d.status },
            });
      }),
    ),
  ),
);
