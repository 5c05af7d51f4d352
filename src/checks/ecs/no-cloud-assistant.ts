import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckMeta } from '../model.js';
import { defineCheck, regionsOf, result, withList } from '../helpers.js';
import { INSTANCES_NEED, INSTANCES_WHAT, instanceRef } from './instance-common.js';

// Only running instances can report an agent; stopped ones are skipped rather than failed.
const meta: CheckMeta = {
  id: 'ecs.instance.no-cloud-assistant',
  title: { en: 'Cloud Assistant agent not running', zh: '云助手 Agent 未运行' },
  severity: 'low',
  owner: 'customer',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'customer.secure-login',
  products: ['product.cloud-assistant', 'product.session-manager'],
  references: [],
  remediation: {
    why: {
      en: 'Without Cloud Assistant you cannot use Session Manager (no open SSH/RDP port needed) or run patch commands across instances. Installing agents in the guest OS is yours.',
      zh: '没有云助手就无法使用会话管理(无需开放 SSH/RDP 端口),也无法批量执行补丁命令。客户机内的 Agent 由您安装。',
    },
    console: {
      en: '1. ECS console > Maintenance & Monitoring > Cloud Assistant: find {resource}.\n2. Install the agent (or start the aliyun-service / AliyunService service if it is installed but stopped).\n3. Check the instance shows as online, then enable Session Manager.',
      zh: '1. ECS 控制台 > 运维与监控 > 云助手:找到 {resource}。\n2. 安装 Agent(已安装但停止时启动 aliyun-service / AliyunService 服务)。\n3. 确认实例显示在线后开启会话管理。',
    },
    cli: 'aliyun ecs InstallCloudAssistant --RegionId {region} --InstanceId.1 {resourceId}',
  },
  needs: [INSTANCES_NEED, { service: 'ecs', action: 'DescribeCloudAssistantStatus' }],
};

export const noCloudAssistant = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.instances, meta.needs, INSTANCES_WHAT, (instances) =>
      instances.map((i) => {
        const r = instanceRef(ctx, i);
        if (i.status !== 'Running') {
          return result('skip', r, say(r, (l) => `${l} is ${i.status}; the agent can only report while it runs.`, (l) => `${l}处于 ${i.status} 状态,Agent 仅在运行时上报。`));
        }
        const running = region.cloudAssistant?.[i.instanceId];
        if (running === undefined) return unknownResult(ctx.snapshot, meta.needs, r, { en: 'its Cloud Assistant status', zh: '其云助手状态' });
        return running
          ? result('pass', r, say(r, (l) => `${l} has the Cloud Assistant agent running.`, (l) => `${l}的云助手 Agent 正在运行。`))
          : result('fail', r, say(r, (l) => `${l} has no running Cloud Assistant agent, so Session Manager cannot reach it.`, (l) => `${l}没有运行中的云助手 Agent,无法使用会话管理。`));
      }),
    ),
  ),
);
