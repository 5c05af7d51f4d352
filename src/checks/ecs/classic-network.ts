import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED } from './instance-common.js';

const meta: CheckMeta = {
  id: 'ecs.instance.classic-network',
  title: { en: 'Instance on the classic network', zh: '实例仍在经典网络' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.security-groups',
  products: ['product.vpc'],
  references: ['ecs-instances-in-vpc'],
  remediation: {
    why: {
      en: 'The classic network is shared with other tenants\' instances and has no isolated private network of your own; a VPC gives you your own address space, route tables and ACLs.',
      zh: '经典网络与其他租户共享内网,没有属于您自己的隔离网络;专有网络(VPC)提供独立的地址空间、路由表和网络 ACL。',
    },
    console: {
      en: '1. Create a VPC and vSwitch in {region} (VPC console).\n2. ECS console > Instances > {resource} > More > Network and Security Group > Migrate to VPC (or rebuild from a snapshot-based image in the VPC).\n3. Move the security group rules over and retest the application.',
      zh: '1. 在 {region} 创建专有网络和交换机(专有网络控制台)。\n2. ECS 控制台 > 实例 > {resource}> 更多 > 网络和安全组 > 迁移至专有网络(或用快照制作镜像后在 VPC 中重建)。\n3. 迁移安全组规则并回归测试应用。',
    },
    cli: 'aliyun vpc CreateVpc --RegionId {region} --CidrBlock 172.16.0.0/12 --VpcName {resourceName}-vpc',
  },
  needs: [INSTANCES_NEED],
};

export const classicNetwork = defineCheck(meta, (ctx) =>
  eachInstance(ctx, meta.needs, (i, r) =>
    i.networkType.toLowerCase() === 'classic'
      ? result('fail', r, say(r, (l) => `${l} is on the classic network, not in a VPC.`, (l) => `${l}位于经典网络,不在专有网络中。`))
      : result('pass', r, say(r, (l) => `${l} is in VPC ${i.vpcId ?? ''}.`.replace(' .', '.'), (l) => `${l}位于专有网络 ${i.vpcId ?? ''}。`)),
  ),
);
