// What the instance checks share: walking instances with "list unknown" handled, naming them.

import type { Instance } from '../../cloud/snapshot.js';
import type { Bilingual, CheckContext, CheckResult, Need, ResourceRef } from '../model.js';
import { ref, regionsOf, withList } from '../helpers.js';

export const INSTANCES_NEED: Need = { service: 'ecs', action: 'DescribeInstances' };
export const INSTANCES_WHAT: Bilingual = { en: 'the list of instances', zh: '实例列表' };

export function instanceRef(ctx: CheckContext, i: Instance): ResourceRef {
  return ref(ctx, 'instance', i.instanceId, i.instanceName, i.regionId);
}

export function eachInstance(
  ctx: CheckContext,
  needs: Need[],
  judge: (i: Instance, r: ResourceRef) => CheckResult | CheckResult[],
): CheckResult[] {
  return regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.instances, needs, INSTANCES_WHAT, (instances) =>
      instances.flatMap((i) => judge(i, instanceRef(ctx, i))),
    ),
  );
}

/** " (currently Stopped)" when the instance is not running, for sentences about configuration. */
export function statusNote(i: Instance): Bilingual {
  return i.status === 'Running' ? { en: '', zh: '' } : { en: ` (currently ${i.status})`, zh: `(当前状态 ${i.status})` };
}
