import type { Instance, SystemEvent } from '../../cloud/snapshot.js';
import { say } from '../labels.js';
import type { Bilingual, CheckMeta, CheckResult } from '../model.js';
import { defineCheck, ref, regionsOf, result, withList } from '../helpers.js';
import { INSTANCES_WHAT, instanceRef } from './instance-common.js';

// The root cause of a platform event is the physical host: fixing it is Alibaba Cloud's job.
// The customer's only decision is timing (restart early in a window of their choosing), so the
// finding is owned by alibaba-cloud and is informational.
const meta: CheckMeta = {
  id: 'ecs.instance.platform-event',
  title: { en: 'Platform maintenance or host failure pending', zh: '平台维护或宿主机故障事件待处理' },
  severity: 'info',
  owner: 'alibaba-cloud',
  service: 'ecs',
  resourceType: 'instance',
  responsibility: 'cloud.physical',
  products: [],
  references: [],
  remediation: {
    why: {
      en: 'Alibaba Cloud is maintaining or recovering the physical host under the instance. You do not need to repair or migrate anything; you may choose when the instance restarts.',
      zh: '阿里云正在维护或恢复实例所在的物理宿主机。您无需修复或迁移任何东西,只需选择实例何时重启。',
    },
    console: {
      en: '1. ECS console > Events > Scheduled Events: find {detail} on {resource}.\n2. Either restart the instance yourself in a maintenance window before the scheduled time, or let the platform do it (or reschedule it when offered).\n3. Make sure the application comes back after a restart (service autostart, health checks).',
      zh: '1. ECS 控制台 > 事件 > 计划内事件:找到 {resource}的事件 {detail}。\n2. 在计划时间前自选维护窗口自行重启实例,或等平台执行(可修改计划时间时亦可改期)。\n3. 确认应用能在重启后自动恢复(服务自启动、健康检查)。',
    },
    cli: 'aliyun ecs RebootInstance --RegionId {region} --InstanceId {resourceId}',
  },
  terms: { detail: { en: 'event-id', zh: '事件 ID' } },
  needs: [
    { service: 'ecs', action: 'DescribeInstances' },
    { service: 'ecs', action: 'DescribeInstanceHistoryEvents' },
    { service: 'ecs', action: 'DescribeInstancesFullStatus' },
  ],
};

const PENDING = new Set(['scheduled', 'executing', 'inquiring']);

function explain(e: SystemEvent): Bilingual {
  const when = e.notBefore ? { en: `, not before ${e.notBefore}`, zh: `,最早于 ${e.notBefore} 执行` } : { en: '', zh: '' };
  const kind = e.eventType.toLowerCase().startsWith('systemfailure')
    ? { en: 'the physical host has failed and Alibaba Cloud is recovering it', zh: '物理宿主机发生故障,阿里云正在恢复' }
    : { en: 'Alibaba Cloud is maintaining the physical host', zh: '阿里云正在维护物理宿主机' };
  const ask =
    e.eventCycleStatus.toLowerCase() === 'inquiring'
      ? { en: ' Alibaba Cloud is asking you to authorise it.', zh: '阿里云正在征询您的授权。' }
      : { en: '', zh: '' };
  return {
    en: `${e.eventType} (${e.eventCycleStatus}${when.en}): ${kind.en}.${ask.en} You may restart the instance yourself earlier in a maintenance window you choose; you do not need to repair or migrate the host.`,
    zh: `${e.eventType}(${e.eventCycleStatus}${when.zh}):${kind.zh}。${ask.zh}您可以自选维护窗口提前自行重启实例;无需修复或迁移宿主机。`,
  };
}

export const platformEvent = defineCheck(meta, (ctx) =>
  regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.instances, meta.needs, INSTANCES_WHAT, (instances) =>
      withList(ctx, region.regionId, region.systemEvents, meta.needs, { en: 'the list of system events', zh: '系统事件列表' }, (events) => {
        const pending = events.filter((e) => PENDING.has(e.eventCycleStatus.toLowerCase()));
        const byInstance = new Map<string, Instance>(instances.map((i) => [i.instanceId, i]));
        const out: CheckResult[] = [];
        for (const e of pending) {
          const i = byInstance.get(e.instanceId);
          const r = i ? instanceRef(ctx, i) : ref(ctx, 'instance', e.instanceId, e.instanceId, region.regionId);
          const x = explain(e);
          out.push(result('fail', r, say(r, (l) => `${l} has a platform event ${x.en}`, (l) => `${l}有平台事件 ${x.zh}`), { detail: e.eventId, evidence: { ...e } }));
        }
        const withEvents = new Set(pending.map((e) => e.instanceId));
        for (const i of instances) {
          if (withEvents.has(i.instanceId)) continue;
          const r = instanceRef(ctx, i);
          out.push(result('pass', r, say(r, (l) => `${l} has no pending platform events.`, (l) => `${l}没有待处理的平台事件。`)));
        }
        return out;
      }),
    ),
  ),
);
