// ActionTrail (who did what, CIS 2.1) and Security Center (agents, unfixed vulnerabilities,
// edition, notifications, scan settings). Both are account-wide: ActionTrail is asked in the
// scan's home region (multi-region trails show there as shadow trails), Security Center at its
// one site. Each piece fails on its own into null with its gap; nothing half-read is kept.

import { FINGERPRINT_TYPES, type ActionTrailSnapshot, type SecurityCenterSnapshot, type Trail, type VulnCounts } from './snapshot.js';
import type { Caller } from './caller.js';
import { boolOrNull, list, num, str, strOrNull } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import type { WireTrail } from './wire-sas.js';

export interface SasScope {
  /** Page-size override (tests); clamped per API. */
  pageSize?: number;
}

/** The vulnerability types that live on the guest OS and its software (not web-scanner findings). */
export const VUL_TYPES = ['cve', 'sys', 'cms', 'emg'] as const;

const PRIORITY: Record<string, keyof VulnCounts> = { asap: 'high', later: 'medium', nntf: 'low' };

function size(scope: SasScope, max: number, preferred: number): number {
  return pageSizeWithin(max, scope.pageSize ?? preferred);
}

export async function collectActionTrail(caller: Caller, homeRegion: string): Promise<ActionTrailSnapshot> {
  const res = await caller.call('actiontrail:DescribeTrails', homeRegion, { RegionId: homeRegion, IncludeShadowTrails: true });
  if (!res.ok) return { trails: null };
  const raw = res.body.TrailList;
  if (raw !== undefined && !Array.isArray(raw)) {
    caller.gap('actiontrail:DescribeTrails', homeRegion, 'Malformed', 'TrailList is not a list');
    return { trails: null };
  }
  // A multi-region trail can appear once per region it shadows into: keep one per home.
  const seen = new Set<string>();
  const unique = list(raw).filter((t) => {
    const key = `${str(t.HomeRegion)}/${str(t.Name)}`;
    if (str(t.Name) === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const trails = await Promise.all(unique.map((t) => readTrail(caller, t, homeRegion)));
  return { trails };
}

async function readTrail(caller: Caller, t: WireTrail, homeRegion: string): Promise<Trail> {
  const name = str(t.Name);
  const region = strOrNull(t.HomeRegion) ?? homeRegion;
  const status = await caller.call('actiontrail:GetTrailStatus', region, { RegionId: region, Name: name }, { resource: name });
  return {
    name,
    homeRegion: region,
    trailRegion: str(t.TrailRegion) || 'All',
    status: str(t.Status),
    eventRw: str(t.EventRW) || 'Write',
    slsProjectArn: strOrNull(t.SlsProjectArn),
    ossBucketName: strOrNull(t.OssBucketName),
    isLogging: status.ok ? boolOrNull(status.body.IsLogging) : null,
  };
}

export async function collectSecurityCenter(caller: Caller, scope: SasScope): Promise<SecurityCenterSnapshot> {
  const [agents, vulns, edition, notices, vulScan, cspmAuthorised, virusBlocking, fingerprintSchedule] = await Promise.all([
    readAgents(caller, scope),
    readVulns(caller, scope),
    readEdition(caller),
    readNotices(caller),
    readVulScan(caller),
    readCspmRole(caller),
    readVirusBlocking(caller),
    readFingerprintSchedule(caller),
  ]);
  return { agents, vulns, edition, notices, vulScan, cspmAuthorised, virusBlocking, fingerprintSchedule };
}

/** Virus Blocking (CIS 8.3) is the auto_breaking switch of the account-wide protection settings. */
async function readVirusBlocking(caller: Caller): Promise<boolean | null> {
  const res = await caller.call('sas:DescribeSuspiciousOverallConfig', undefined, { Type: 'auto_breaking' });
  if (!res.ok) return null;
  const config = str(res.body.OverallConfig?.Config).toLowerCase();
  if (config === 'on' || config === 'off') return config === 'on';
  caller.gap('sas:DescribeSuspiciousOverallConfig', undefined, 'Malformed', 'response has no OverallConfig.Config on/off');
  return null;
}

/** One call per type (the API takes one); a type that fails is left out, and all failing is null. */
async function readFingerprintSchedule(caller: Caller): Promise<Record<string, number> | null> {
  const read = await Promise.all(
    FINGERPRINT_TYPES.map(async (type): Promise<[string, number] | null> => {
      const res = await caller.call('sas:GetPropertyScheduleConfig', undefined, { Type: type }, { resource: type });
      if (!res.ok) return null;
      const hours = num(res.body.PropertyScheduleConfig?.ScheduleTime, NaN);
      if (Number.isInteger(hours) && hours >= 0) return [type, hours];
      caller.gap('sas:GetPropertyScheduleConfig', undefined, 'Malformed', 'response has no numeric PropertyScheduleConfig.ScheduleTime', type);
      return null;
    }),
  );
  const known = read.filter((e): e is [string, number] => e !== null);
  return known.length === 0 ? null : Object.fromEntries(known);
}

/** Config Assessment (CSPM) can only look at the account once its service-linked role exists (CIS 8.6). */
async function readCspmRole(caller: Caller): Promise<boolean | null> {
  const res = await caller.call('sas:DescribeServiceLinkedRoleStatus', undefined, { ServiceLinkedRole: 'AliyunServiceRoleForSasCspm' });
  if (!res.ok) return null;
  const status = boolOrNull(res.body.RoleStatus?.Status);
  if (status === null) caller.gap('sas:DescribeServiceLinkedRoleStatus', undefined, 'Malformed', 'response has no RoleStatus.Status');
  return status;
}

async function readAgents(caller: Caller, scope: SasScope): Promise<Record<string, string> | null> {
  const pageSize = size(scope, 100, 100);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'sas:DescribeCloudCenterInstances',
    undefined,
    (page: number | undefined) => ({ MachineTypes: 'ecs', PageSize: pageSize, CurrentPage: page ?? 1 }),
    (body, page) => {
      const got = list(body.Instances);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, body.PageInfo?.TotalCount) };
    },
  );
  if (items === null) return null;
  const out: Record<string, string> = {};
  for (const i of items) {
    const id = str(i.InstanceId);
    if (id !== '') out[id] = str(i.ClientStatus).toLowerCase() || 'unknown';
  }
  return out;
}

async function readVulns(caller: Caller, scope: SasScope): Promise<Record<string, VulnCounts> | null> {
  const pageSize = size(scope, 50, 50);
  const perType = await Promise.all(
    VUL_TYPES.map((type) => {
      let soFar = 0;
      return readAllPages(
        caller,
        'sas:DescribeVulList',
        undefined,
        (page: number | undefined) => ({ Type: type, Dealed: 'n', Lang: 'en', PageSize: pageSize, CurrentPage: page ?? 1 }),
        (body, page) => {
          const got = list(body.VulRecords);
          soFar += got.length;
          return { items: got, next: nextPageNumber(page, pageSize, got.length, soFar, body.TotalCount) };
        },
        { resource: type },
      );
    }),
  );
  // One type unread makes every count unknown: a partial count would understate the backlog.
  if (perType.some((r) => r === null)) return null;
  const out: Record<string, VulnCounts> = {};
  for (const v of perType.flatMap((r) => r ?? [])) {
    const id = str(v.InstanceId);
    const level = PRIORITY[str(v.Necessity)];
    if (id === '' || level === undefined) continue;
    const counts = (out[id] ??= { high: 0, medium: 0, low: 0 });
    counts[level]++;
  }
  return out;
}

async function readEdition(caller: Caller): Promise<SecurityCenterSnapshot['edition']> {
  const res = await caller.call('sas:DescribeVersionConfig', undefined, {});
  if (!res.ok) return null;
  const version = num(res.body.Version, NaN);
  if (!Number.isInteger(version)) {
    caller.gap('sas:DescribeVersionConfig', undefined, 'Malformed', 'response has no Version');
    return null;
  }
  const highest = num(res.body.HighestVersion, NaN);
  // A multi-version purchase (8) is as strong as the highest edition in it.
  return { version: version === 8 && Number.isInteger(highest) ? highest : version, trial: num(res.body.IsTrialVersion) === 1 };
}

async function readNotices(caller: Caller): Promise<Record<string, number> | null> {
  const res = await caller.call('sas:DescribeNoticeConfig', undefined, {});
  if (!res.ok) return null;
  if (!Array.isArray(res.body.NoticeConfigList)) {
    caller.gap('sas:DescribeNoticeConfig', undefined, 'Malformed', 'response has no NoticeConfigList');
    return null;
  }
  return Object.fromEntries(res.body.NoticeConfigList.filter((n) => str(n.Project) !== '').map((n) => [str(n.Project), num(n.Route)]));
}

async function readVulScan(caller: Caller): Promise<Record<string, string> | null> {
  const res = await caller.call('sas:DescribeVulConfig', undefined, {});
  if (!res.ok) return null;
  if (!Array.isArray(res.body.TargetConfigs)) {
    caller.gap('sas:DescribeVulConfig', undefined, 'Malformed', 'response has no TargetConfigs');
    return null;
  }
  return Object.fromEntries(res.body.TargetConfigs.filter((c) => str(c.Type) !== '').map((c) => [str(c.Type), str(c.Config)]));
}
