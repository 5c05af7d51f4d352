import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, result } from '../helpers.js';
import { eachInstance, INSTANCES_NEED } from './instance-common.js';

// Judged whatever the instance status: the metadata mode is configuration, in force again as
// soon as a stopped instance starts.
const meta: CheckMeta = {
  id: 'ecs.instance.imds-v1',
  title: { en: 'Metadata service allows token-less (IMDSv1) access', zh: '元数据服务允许免令牌(IMDSv1)访问' },
  severity: 'medium',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.account-security',
  products: ['product.ram'],
  references: ['ecs-instance-meta-data-mode-check'],
  remediation: {
    why: {
      en: 'Without the token requirement, a server-side request forgery bug in any app on the instance can read the instance RAM role\'s temporary credentials from 100.100.100.200.',
      zh: '不强制令牌时,实例上任一应用的 SSRF 漏洞都可能从 100.100.100.200 读取实例 RAM 角色的临时凭证。',
    },
    console: {
      en: '1. Check that software on the instance (cloud-init, SDKs, agents) is recent enough to use metadata tokens.\n2. ECS console > Instances > {resource} > More > Network and Security Group > Modify Instance Metadata Access.\n3. Set access mode to "Security hardening mode" (token required).',
      zh: '1. 确认实例上的软件(cloud-init、SDK、各类 Agent)版本支持元数据令牌。\n2. ECS 控制台 > 实例 > {resource}> 更多 > 网络和安全组 > 修改实例元数据访问信息。\n3. 把访问模式设为“加固模式”(强制令牌)。',
    },
    cli: 'aliyun ecs ModifyInstanceMetadataOptions --RegionId {region} --InstanceId {resourceId} --HttpTokens required',
  },
  needs: [INSTANCES_NEED],
};

export const imdsV1 = defineCheck(meta, (ctx) =>
  eachInstance(ctx, meta.needs, (i, r) => {
    if ((i.metadataHttpEndpoint ?? '').toLowerCase() === 'disabled') {
      return result('pass', r, say(r, (l) => `${l} has the metadata service turned off.`, (l) => `${l}已关闭元数据服务。`));
    }
    if (i.metadataHttpTokens === null) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its metadata access mode', zh: '其元数据访问模式' });
    if (i.metadataHttpTokens.toLowerCase() === 'required') {
      return result('pass', r, say(r, (l) => `${l} requires tokens for metadata access (IMDSv2 only).`, (l) => `${l}已强制使用令牌访问元数据(仅 IMDSv2)。`));
    }
    return result(
      'fail',
      r,
      say(r, (l) => `${l} lets processes read metadata without a token (HttpTokens=${i.metadataHttpTokens || 'optional'}).`, (l) => `${l}允许不带令牌读取元数据(HttpTokens=${i.metadataHttpTokens || 'optional'})。`),
      { evidence: { httpTokens: i.metadataHttpTokens, httpEndpoint: i.metadataHttpEndpoint } },
    );
  }),
);
