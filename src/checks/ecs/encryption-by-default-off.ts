import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, regionRef, regionsOf, result } from '../helpers.js';

const meta: CheckMeta = {
  id: 'ecs.disk.encryption-by-default-off',
  title: { en: 'Disk encryption by default is off', zh: '未开启云盘默认加密' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'region',
  responsibility: 'customer.data-security',
  products: ['product.encrypted-disk', 'product.kms'],
  references: [],
  remediation: {
    why: {
      en: 'With default encryption on, every new disk in the region is encrypted even when whoever creates it forgets to ask.',
      zh: '开启默认加密后,地域内新建的每块云盘都会加密,即使创建者忘了选择加密。',
    },
    console: {
      en: '1. ECS console > Storage & Snapshots > Block Storage > Encryption by Default, region {region}.\n2. Turn it on and pick the KMS key new disks should use.',
      zh: '1. ECS 控制台 > 存储与快照 > 块存储 > 账号级默认加密,地域 {region}。\n2. 开启并选择新云盘使用的 KMS 密钥。',
    },
    cli: 'aliyun ecs EnableDiskEncryptionByDefault --RegionId {region}',
  },
  needs: [{ service: 'ecs', action: 'DescribeDiskEncryptionByDefaultStatus' }],
};

export const encryptionByDefaultOff = defineCheck(meta, (ctx) =>
  regionsOf(ctx).map((region) => {
    const r = regionRef(ctx, region.regionId);
    if (region.diskEncryptionByDefault === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'whether encryption by default is on', zh: '默认加密状态' });
    return region.diskEncryptionByDefault
      ? result('pass', r, say(r, (l) => `${l} encrypts new disks by default.`, (l) => `${l}已开启云盘默认加密。`))
      : result('fail', r, say(r, (l) => `${l} does not encrypt new disks by default.`, (l) => `${l}未开启云盘默认加密。`));
  }),
);
