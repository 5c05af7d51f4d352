import type { Trail } from '../../cloud/snapshot.js';
import { ref } from '../helpers.js';
import type { CheckContext, Need, ResourceRef } from '../model.js';

export const TRAILS_NEED: Need = { service: 'actiontrail', action: 'DescribeTrails' };
export const TRAIL_STATUS_NEED: Need = { service: 'actiontrail', action: 'GetTrailStatus' };
export const TRAILS_WHAT = { en: 'the list of ActionTrail trails', zh: '操作审计跟踪列表' };

/** The trails, or null when they are unknown (DescribeTrails failed, or ActionTrail was not read). */
export function trailsOf(ctx: CheckContext): Trail[] | null {
  return ctx.snapshot.actiontrail?.trails ?? null;
}

export function trailRef(ctx: CheckContext, t: Trail): ResourceRef {
  return ref(ctx, 'trail', t.name, t.name, t.homeRegion);
}

export function destinationOf(t: Trail): string | null {
  if (t.slsProjectArn) return `SLS ${t.slsProjectArn.replace(/^.*:project\//, '')}`;
  if (t.ossBucketName) return `OSS ${t.ossBucketName}`;
  return null;
}
