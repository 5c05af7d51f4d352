import { defineCheck } from '../helpers.js';
import { portListCheck, SG_NEEDS } from './sg-common.js';
import type { CheckMeta } from '../model.js';

const meta: CheckMeta = {
  id: 'ecs.sg.risky-port-open-world',
  title: { en: 'High-risk port open to the internet', zh: '高危端口对互联网开放' },
  severity: 'high',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'security-group',
  responsibility: 'customer.security-groups',
  products: ['product.security-group', 'product.cloud-firewall', 'product.waf'],
  references: ['ecs-security-group-risky-ports-check-with-protocol'],
  remediation: {
    why: {
      en: 'Telnet, FTP, SMB, RPC, VNC, Docker and development servers are common ways in: they send credentials in clear text or run unauthenticated.',
      zh: 'Telnet、FTP、SMB、RPC、VNC、Docker 及开发服务器端口是常见入侵入口:明文传输凭据或无需认证。',
    },
    console: {
      en: '1. ECS console > Security Groups > {resource} > Inbound.\n2. Delete rule {detail} or narrow its source to known addresses.\n3. Publish web services through SLB with WAF instead of exposing the instance port.',
      zh: '1. ECS 控制台 > 安全组 > {resource}> 入方向。\n2. 删除规则 {detail},或把授权对象收窄到已知地址。\n3. Web 服务通过负载均衡并接入 WAF 发布,不直接暴露实例端口。',
    },
    cli: 'aliyun ecs RevokeSecurityGroup --RegionId {region} --SecurityGroupId {resourceId} --SecurityGroupRuleId.1 {detail}',
  },
  terms: { detail: { en: 'rule-id', zh: '规则 ID' } },
  needs: SG_NEEDS,
};

export const riskyPortOpenWorld = defineCheck(meta, portListCheck(meta, (t) => t.riskyPorts, { en: 'high-risk', zh: '高危' }));
