// What the RDS checks share: walking every instance of every region, with an unknown list or an
// unknown setting turned into an error naming the permission, never into a pass.

import type { RdsInstance } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { ref, regionsOf, withList } from '../helpers.js';
import type { Bilingual, CheckContext, CheckResult, Need, ResourceRef } from '../model.js';

export const LIST_NEED: Need = { service: 'rds', action: 'DescribeDBInstances' };

export const INSTANCES_WHAT: Bilingual = { en: 'the list of RDS instances', zh: 'RDS 实例列表' };

export function rdsRef(ctx: CheckContext, d: RdsInstance): ResourceRef {
  return ref(ctx, 'rds-instance', d.dbInstanceId, d.description || d.dbInstanceId, d.regionId);
}

/**
 * One result per instance: `judge` gets the setting read by `pick`, which is never null there
 * (an unknown setting is an error for that instance, naming the call that failed).
 */
export function perInstance<T>(
  ctx: CheckContext,
  needs: Need[],
  what: Bilingual,
  pick: (d: RdsInstance) => T | null,
  judge: (d: RdsInstance, value: T, r: ResourceRef) => CheckResult,
): CheckResult[] {
  return regionsOf(ctx).flatMap((region) =>
    withList(ctx, region.regionId, region.rdsInstances ?? null, needs, INSTANCES_WHAT, (instances) =>
      instances.map((d) => {
        const r = rdsRef(ctx, d);
        const value = pick(d);
        return value === null ? unknownResult(ctx.snapshot, needs, r, what) : judge(d, value, r);
      }),
    ),
  );
}
