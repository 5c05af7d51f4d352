import { defineCheck } from '../helpers.js';
import { portListCheck, SG_NEEDS } from './sg-common.js';
import type { CheckMeta } from '../model.js';

const meta: CheckMeta = {
  id: 'ecs.sg.db-port-open-world',
  title: { en: 'Database port open to the internet', zh: '数据库端口对互联网开放' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.vpc', 'product.cloud-firewall'],
  references: ['ecs-security-group-risky-ports-check-with-protocol'],
  remediation: {
    why: {
      en: 'Databases and caches reachable from the internet are scanned constantly; many ship without authentication. Only you decide who may reach them.',
      zh: '可从互联网访问的数据库和缓存会被持续扫描,很多默认没有认证。谁能访问它们只能由您决定。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource} > Inbound.\n2. Change rule {detail} to allow only the application servers (their security group or private CIDR), or delete it.\n3. Reach the database over the VPC; use a VPN or Bastionhost for administration.',
      zh: '1. ECS 控制台 > 安全组 > {resource}> 入方向。\n2. 把规则 {detail} 的授权对象改为应用服务器(其安全组或内网网段),或删除该规则。\n3. 通过专有网络内网访问数据库;运维使用 VPN 或堡垒机。',
    },
    cli: 'aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

export const dbPortOpenWorld = defineCheck(meta, portListCheck(meta, (t) => t.dbPorts, { en: 'database', zh: '数据库' }));
