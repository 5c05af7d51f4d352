import { defineCheck } from '../helpers.js';
import { portListCheck, SG_NEEDS } from './sg-common.js';
import type { CheckMeta } from '../model.js';

const meta: CheckMeta = {
  id: 'ecs.sg.admin-port-open-world',
  title: { en: 'SSH or RDP open to the internet', zh: 'SSH 或 RDP 端口对互联网开放' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.session-manager', 'product.bastionhost', 'product.cloud-firewall'],
  references: ['ecs-security-group-risky-ports-check-with-protocol', 'https://help.aliyun.com/en/ecs/user-guide/security-group-rules'],
  remediation: {
    why: {
      en: 'Anyone on the internet can try passwords and exploits against SSH/RDP. Security group rules are yours to set; Alibaba Cloud only enforces them.',
      zh: '互联网上任何人都能对 SSH/RDP 端口撞库和利用漏洞。安全组规则由您配置,阿里云只负责执行。',
    },
    console: {
      en: '1. ECS console > Network & Security > Security Groups > {resource} > Inbound.\n2. Find rule {detail} and change the source from 0.0.0.0/0 to your office or VPN CIDR, or delete it.\n3. For day-to-day logins use Session Manager (Cloud Assistant) or Bastionhost instead of an open port.',
      zh: '1. 云服务器 ECS 控制台 > 网络与安全 > 安全组 > {resource}> 入方向。\n2. 找到规则 {detail},把授权对象从 0.0.0.0/0 改为办公网或 VPN 网段,或直接删除。\n3. 日常登录改用会话管理(云助手)或堡垒机,不再开放端口。',
    },
    cli: 'aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

export const adminPortOpenWorld = defineCheck(meta, portListCheck(meta, (t) => t.adminPorts, { en: 'administration (SSH/RDP)', zh: '远程管理(SSH/RDP)' }));
