// ActionTrail (2020-07-06): the account's trails and whether each is logging. Trails are
// account-wide in the scenario; a multi-region trail is answered in every region as a shadow
// trail when IncludeShadowTrails is set, as the real service does.

import { ApiError } from '../api-error.js';
import type { Handlers } from '../handler.js';
import type { ScenarioActionTrail } from '../scenario.js';

type ScenarioTrail = ScenarioActionTrail['trails'][number];

const STAMP = '2026-01-05T08:00:00Z';

function visibleIn(t: ScenarioTrail, region: string | undefined, shadows: boolean): boolean {
  if (region === undefined || t.homeRegion === region) return true;
  return shadows && t.trailRegion === 'All';
}

function trailBody(t: ScenarioTrail, accountId: string): Record<string, unknown> {
  return {
    Name: t.name,
    HomeRegion: t.homeRegion,
    TrailRegion: t.trailRegion,
    Status: t.status,
    EventRW: t.eventRw,
    SlsProjectArn: t.slsProjectArn ?? '',
    SlsWriteRoleArn: t.slsProjectArn ? `acs:ram::${accountId}:role/aliyunactiontraildefaultrole` : '',
    OssBucketName: t.ossBucketName ?? '',
    OssBucketLocation: t.ossBucketName ? t.homeRegion : '',
    OssKeyPrefix: '',
    OssWriteRoleArn: '',
    MnsTopicArn: '',
    RoleName: 'aliyunactiontraildefaultrole',
    IsOrganizationTrail: false,
    OrganizationId: '',
    CreateTime: STAMP,
    UpdateTime: STAMP,
    StartLoggingTime: t.status === 'Enable' ? STAMP : '',
    StopLoggingTime: t.status === 'Enable' ? '' : STAMP,
  };
}

export const actiontrailHandlers: Handlers = {
  DescribeTrails: ({ params: p, data }) => {
    const region = p.get('RegionId');
    const shadows = p.bool('IncludeShadowTrails') ?? false;
    const names = p.get('NameList')?.split(',').map((n) => n.trim());
    const trails = data.scenario.actiontrail.trails
      .filter((t) => visibleIn(t, region, shadows))
      .filter((t) => !names || names.includes(t.name));
    return { TrailList: trails.map((t) => trailBody(t, data.accountId)) };
  },

  GetTrailStatus: ({ params: p, data }) => {
    const name = p.required('Name');
    const region = p.get('RegionId');
    const trail = data.scenario.actiontrail.trails.find((t) => t.name === name && visibleIn(t, region, true));
    if (!trail) throw new ApiError(404, 'TrailNotFoundException', `The specified trail ${name} does not exist.`);
    const logging = trail.isLogging ?? trail.status === 'Enable';
    return {
      IsLogging: logging,
      StartLoggingTime: logging ? STAMP : '',
      StopLoggingTime: logging ? '' : STAMP,
      LatestDeliveryTime: logging ? STAMP : '',
      LatestDeliveryError: '',
      OssBucketStatus: trail.ossBucketName !== null,
      SlsLogStoreStatus: trail.slsProjectArn !== null,
    };
  },
};
