import { defineCheck, result } from '../helpers.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { eachGroup } from './sg-common.js';
import { worldOpenings } from './sg-rules.js';

// Managed groups belong to another cloud service (NAT Gateway, Cloud Firewall, ACK ...): their
// rules are changed through that service. The other SG checks skip them; this one says so, and
// mentions any world-facing rule so it is not lost.
const meta: CheckMeta = {
  id: 'ecs.sg.service-managed',
  title: { en: 'Security group managed by a cloud service', zh: '由云服务托管的安全组' },
  severity: 'info',
  owner: 'shared',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group'],
  references: ['https://help.aliyun.com/en/ecs/user-guide/security-group-rules'],
  remediation: {
    why: {
      en: 'The managing service creates and updates these rules; edits in the ECS console may be overwritten. You still decide what that service exposes.',
      zh: '这些规则由托管服务创建和更新,在 ECS 控制台直接修改可能被覆盖;但该服务对外暴露什么仍由您决定。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource}: the description and tags name the managing service.\n2. Review its rules there, and change them through that service\'s console or API.',
      zh: '1. ECS 控制台 > 安全组 > {resource}:描述和标签中写有托管它的服务。\n2. 在该服务的控制台或 API 中查看并修改规则。',
    },
    cli: 'aliyun ecs DescribeSecurityGroupAttribute --RegionId {region} --SecurityGroupId {resourceId}',
  },
  needs: [{ service: 'ecs', action: 'DescribeSecurityGroups' }],
};

export const serviceManaged = defineCheck(meta, (ctx) =>
  eachGroup(
    ctx,
    [...meta.needs, { service: 'ecs', action: 'DescribeSecurityGroupAttribute' }],
    (g, r) => {
      if (!g.serviceManaged) {
        return [result('pass', r, say(r, (l) => `${l} is managed by you directly.`, (l) => `${l}由您直接管理。`))];
      }
      const open = worldOpenings(g.rules, 'ingress').length > 0;
      return [
        result(
          'fail',
          r,
          say(
            r,
            (l) => `${l} is managed by a cloud service; change its rules through that service${open ? ' (it lets the internet in on some ports)' : ''}.`,
            (l) => `${l}由云服务托管,请通过该服务修改其规则${open ? '(它对互联网开放了部分端口)' : ''}。`,
          ),
          { evidence: { worldOpen: open, description: g.description, tags: g.tags } },
        ),
      ];
    },
    { includeManaged: true },
  ),
);
