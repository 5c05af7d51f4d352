import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED } from './instance-common.js';

const meta: CheckMeta = {
  id: 'ecs.instance.no-deletion-protection',
  title: { en: 'Instance release protection off', zh: '实例未开启释放保护' },
  severity: 'low',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.backup',
  products: ['product.snapshot'],
  references: ['ecs-instance-deletion-protection-enabled'],
  remediation: {
    why: {
      en: 'A mistaken API call, script or console click can release the instance and its system disk at once. Protection only applies to pay-as-you-go instances.',
      zh: '一次误操作的 API 调用、脚本或控制台点击就可能同时释放实例和系统盘。释放保护仅适用于按量付费实例。',
    },
    console: {
      en: '1. ECS console > Instances > {resource} > More > Instance Settings > Change Release Protection Setting.\n2. Turn release protection on.',
      zh: '1. ECS 控制台 > 实例 > {resource}> 更多 > 实例设置 > 修改实例释放保护。\n2. 开启释放保护。',
    },
    cli: 'aliyun ecs ModifyInstanceAttribute --RegionId {region} --InstanceId {resourceId} --DeletionProtection true',
  },
  needs: [INSTANCES_NEED],
};

export const noDeletionProtection = defineCheck(meta, (ctx) =>
  eachInstance(ctx, meta.needs, (i, r) =>
    i.deletionProtection
      ? result('pass', r, say(r, (l) => `${l} has release protection on.`, (l) => `${l}已开启释放保护。`))
      : result('fail', r, say(r, (l) => `${l} can be released without turning protection off first.`, (l) => `${l}未开启释放保护,可被直接释放。`)),
  ),
);
