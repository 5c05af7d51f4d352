// Response bodies of the ActionTrail (2020-07-06) and Security Center (sas 2018-12-03) calls as
// they come off the wire: the generic RPC door does not camel-case, so the keys are the API's
// own PascalCase. Only the fields the collector reads are typed; every one may be missing.

export interface WireTrail {
  Name?: string;
  HomeRegion?: string;
  /** "All" or one region id. */
  TrailRegion?: string;
  /** Enable | Disable | Fresh (created, never started). */
  Status?: string;
  /** Write (default) | Read | All. */
  EventRW?: string;
  SlsProjectArn?: string;
  OssBucketName?: string;
  IsOrganizationTrail?: boolean;
}

export interface DescribeTrailsBody {
  TrailList?: WireTrail[];
}

export interface GetTrailStatusBody {
  IsLogging?: boolean | string;
  LatestDeliveryError?: string;
  LatestDeliveryTime?: string;
}

export interface WirePageInfo {
  CurrentPage?: number;
  PageSize?: number;
  TotalCount?: number;
  Count?: number;
  NextToken?: string;
}

export interface WireCloudCenterInstance {
  InstanceId?: string;
  InstanceName?: string;
  Uuid?: string;
  RegionId?: string;
  /** online | offline | pause */
  ClientStatus?: string;
  AssetType?: string;
}

export interface DescribeCloudCenterInstancesBody {
  Instances?: WireCloudCenterInstance[];
  PageInfo?: WirePageInfo;
}

export interface WireVulRecord {
  InstanceId?: string;
  InstanceName?: string;
  Uuid?: string;
  RegionId?: string;
  Name?: string;
  AliasName?: string;
  Type?: string;
  /** asap (high) | later (medium) | nntf (low) */
  Necessity?: string;
  /** 1 = unfixed; see the API reference for the rest. */
  Status?: number;
}

export interface DescribeVulListBody {
  VulRecords?: WireVulRecord[];
  CurrentPage?: number;
  PageSize?: number;
  TotalCount?: number;
}

export interface DescribeVersionConfigBody {
  /** 1 Basic (free), 3 Enterprise, 5 Advanced, 6 Anti-virus, 7 Ultimate, 8 Multi-version, 10 Value-added plan. */
  Version?: number;
  /** Multi-version purchases: the highest edition bought. */
  HighestVersion?: number;
  IsTrialVersion?: number;
}

export interface WireNoticeConfig {
  Project?: string;
  /** Bit mask of channels; 0 = no notification. */
  Route?: number;
  TimeLimit?: number;
}

export interface DescribeNoticeConfigBody {
  NoticeConfigList?: WireNoticeConfig[];
}

export interface WireVulTargetConfig {
  /** yum | cve | sys | cms | emg | ... */
  Type?: string;
  /** "off" = that vulnerability type is not scanned. */
  Config?: string;
}

export interface DescribeVulConfigBody {
  TargetConfigs?: WireVulTargetConfig[];
}

export interface DescribeServiceLinkedRoleStatusBody {
  /** Status true = the service-linked role exists (the service was authorised). */
  RoleStatus?: { Status?: boolean | string };
}

export interface DescribeSuspiciousOverallConfigBody {
  /** Type echoes the request (auto_breaking = Virus Blocking); Config on | off. */
  OverallConfig?: { Type?: string; Config?: string };
}

export interface GetPropertyScheduleConfigBody {
  /** ScheduleTime: hours between automatic collections as a string ("0" = never, "24" = daily, "168" = weekly). */
  PropertyScheduleConfig?: { Type?: string; ScheduleTime?: string | number; NextScheduleTime?: number };
}
