import { defineCheck, regionsOf, result, withList } from '../helpers.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { GROUPS_WHAT, sgRef } from './sg-common.js';
import { count } from '../../core/plural.js';

const meta: CheckMeta = {
  id: 'ecs.sg.unused',
  title: { en: 'Security group not used by any instance', zh: '安全组未被任何实例使用' },
  severity: 'low',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group'],
  references: [],
  remediation: {
    why: {
      en: 'Stale groups get attached to new instances by mistake, carrying old, forgotten openings with them.',
      zh: '闲置安全组容易被误绑到新实例上,把早已遗忘的放行规则一并带过去。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource}.\n2. Confirm nothing uses it (Instances and ENIs tabs are empty, no launch template refers to it).\n3. Delete the group.',
      zh: '1. ECS 控制台 > 安全组 > {resource}。\n2. 确认没有实例、弹性网卡或启动模板在使用它。\n3. 删除该安全组。',
    },
    cli: 'aliyun ecs DeleteSecurityGroup --RegionId {region} --SecurityGroupId {resourceId}',
  },
  needs: [{ service: 'ecs', action: 'DescribeSecurityGroups' }],
};

export const sgUnused = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.securityGroups, meta.needs, GROUPS_WHAT, (groups) => groups.map((g) => {
      const r = sgRef(ctx, g);
      if (g.serviceManaged) {
        return result('skip', r, say(r, (l) => `${l} is managed by a cloud service, which decides its lifetime.`, (l) => `${l}由云服务托管,其生命周期由该服务决定。`));
      }
      if (g.ecsCount === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'how many instances use it', zh: '使用它的实例数量' });
      if (g.ecsCount === 0) {
        return result('fail', r, say(r, (l) => `${l} is not used by any instance or network interface.`, (l) => `${l}未被任何实例或弹性网卡使用。`));
      }
      const used = count(g.ecsCount, 'instance');
      return result('pass', r, say(r, (l) => `${l} is used by ${used}.`, (l) => `${l}正被 ${g.ecsCount} 个实例使用。`), { evidence: { ecsCount: g.ecsCount } });
    })),
  ),
);
