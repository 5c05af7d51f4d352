// What the Log Service checks share: the projects the trails deliver to, with an unknown list
// (the trails or the logs could not be read) told apart from "no trail delivers to SLS".

import type { SlsTrailProject } from '../../cloud/snapshot.js';
import type { Bilingual, CheckContext, Need } from '../model.js';

export const TRAILS_NEED: Need = { service: 'actiontrail', action: 'DescribeTrails' };
export const LOGSTORES_NEED: Need = { service: 'sls', action: 'ListLogStores' };
export const LOGSTORE_NEED: Need = { service: 'sls', action: 'GetLogStore' };
export const ALERTS_NEED: Need = { service: 'sls', action: 'ListAlerts' };

export const PROJECTS_WHAT: Bilingual = { en: 'which Log Service projects the ActionTrail trails deliver to', zh: '操作审计跟踪投递到哪些日志服务 Project' };

/** null = unknown (see gaps); [] = read, and no trail delivers to SLS. */
export function trailProjectsOf(ctx: CheckContext): SlsTrailProject[] | null {
  return ctx.snapshot.logService?.trailProjects ?? null;
}

export const NO_SLS_TRAIL: Bilingual = {
  en: 'no ActionTrail trail delivers to Log Service, so there are no audit logs in SLS to watch or keep (deliver a trail to an SLS logstore first)',
  zh: '没有操作审计跟踪投递到日志服务,SLS 中没有可供告警或保存的审计日志(请先把跟踪投递到 SLS 日志库)',
};

/** With no trail in SLS, the fix starts at the trails. */
export const TRAILS_CLI = 'aliyun actiontrail DescribeTrails --RegionId cn-hangzhou --IncludeShadowTrails true';
