import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { count } from '../../core/plural.js';

const meta: CheckMeta = {
  id: 'ecs.snapshot.short-retention',
  title: { en: 'Automatic snapshots kept too briefly', zh: '自动快照保留时间过短' },
  severity: 'low',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'auto-snapshot-policy',
  responsibility: 'customer.backup',
  products: ['product.snapshot'],
  references: ['ecs-snapshot-retention-days'],
  remediation: {
    why: {
      en: 'Problems such as silent corruption or a ransomware infection are often found days later; by then short-lived snapshots already hold the damage.',
      zh: '静默损坏、勒索软件感染等问题常在数天后才被发现,那时保留期很短的快照里已经全是受损数据。',
    },
    console: {
      en: '1. ECS console > Storage & Snapshots > Automatic Snapshot Policies > {resource}.\n2. Raise the retention period (at least the threshold, e.g. 7 or 30 days).',
      zh: '1. ECS 控制台 > 存储与快照 > 自动快照策略 > {resource}。\n2. 调大保留时间(不少于阈值,例如 7 天或 30 天)。',
    },
    cli: 'aliyun ecs ModifyAutoSnapshotPolicyEx --regionId {region} --autoSnapshotPolicyId {resourceId} --retentionDays 30',
  },
  needs: [{ service: 'ecs', action: 'DescribeAutoSnapshotPolicyEx' }],
};

export const snapshotShortRetention = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.autoSnapshotPolicies, meta.needs, { en: 'the automatic snapshot policies', zh: '自动快照策略列表' }, (policies) =>
      policies.map((p) => {
        const r = ref(ctx, 'auto-snapshot-policy', p.autoSnapshotPolicyId, p.autoSnapshotPolicyName, p.regionId);
        const min = ctx.thresholds.snapshotMinRetentionDays;
        if (p.retentionDays === -1) {
          return result('pass', r, say(r, (l) => `${l} keeps snapshots until they are deleted.`, (l) => `${l}永久保留快照。`));
        }
        if (p.retentionDays >= min) {
          return result('pass', r, say(r, (l) => `${l} keeps snapshots ${p.retentionDays} days.`, (l) => `${l}保留快照 ${p.retentionDays} 天。`));
        }
        return result(
          'fail',
          r,
          say(r, (l) => `${l} keeps snapshots only ${count(p.retentionDays, 'day')}, fewer than ${min}.`, (l) => `${l}仅保留快照 ${p.retentionDays} 天,少于 ${min} 天。`),
          { evidence: { retentionDays: p.retentionDays, minimum: min, diskNums: p.diskNums } },
        );
      }),
    ),
  ),
);
