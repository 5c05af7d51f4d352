import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { DISKS_WHAT } from './disk-unencrypted.js';

const meta: CheckMeta = {
  id: 'ecs.disk.no-auto-snapshot',
  title: { en: 'Disk without an automatic snapshot policy', zh: '云盘未设置自动快照策略' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'disk',
  responsibility: 'customer.backup',
  products: ['product.snapshot'],
  references: ['ecs-disk-auto-snapshot-policy'],
  remediation: {
    why: {
      en: 'Alibaba Cloud keeps disks durable against hardware failure, not against deletion, ransomware or a bad deploy: backups are yours.',
      zh: '阿里云保证云盘不因硬件故障丢数据,但防不了误删、勒索软件或错误发布:备份由您负责。',
    },
    console: {
      en: '1. ECS console > Storage & Snapshots > Automatic Snapshot Policies: create a policy (daily, kept at least 7 days) or reuse one.\n2. Apply it to {resource}.',
      zh: '1. ECS 控制台 > 存储与快照 > 自动快照策略:创建策略(每日,至少保留 7 天)或选用已有策略。\n2. 将策略应用到 {resource}。',
    },
    cli: 'aliyun ecs ApplyAutoSnapshotPolicy --regionId {region} --autoSnapshotPolicyId <policy-id> --diskIds \'["{resourceId}"]\'',
  },
  needs: [{ service: 'ecs', action: 'DescribeDisks' }],
};

export const diskNoAutoSnapshot = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.disks, meta.needs, DISKS_WHAT, (disks) =>
      disks.map((d) => {
        const r = ref(ctx, 'disk', d.diskId, d.diskName, d.regionId);
        if (d.autoSnapshotPolicyId && d.enableAutoSnapshot) {
          return result('pass', r, say(r, (l) => `${l} is covered by automatic snapshot policy ${d.autoSnapshotPolicyId}.`, (l) => `${l}已应用自动快照策略 ${d.autoSnapshotPolicyId}。`));
        }
        const why = d.autoSnapshotPolicyId
          ? { en: `has policy ${d.autoSnapshotPolicyId} applied but automatic snapshots are disabled`, zh: `已应用策略 ${d.autoSnapshotPolicyId},但自动快照处于关闭状态` }
          : { en: 'has no automatic snapshot policy', zh: '没有自动快照策略' };
        return result('fail', r, say(r, (l) => `${l} ${why.en}.`, (l) => `${l}${why.zh}。`), { evidence: { instanceId: d.instanceId, type: d.type } });
      }),
    ),
  ),
);
