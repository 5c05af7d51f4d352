// Log Service, as far as the CIS alerting and retention rules need it: for every ActionTrail trail
// that delivers to SLS, the trail's project (from its SlsProjectArn), whether the project holds
// the trail's logstore and how long that keeps data, and every alert rule of the project.
// ListLogStores and ListAlerts page by offset/size; any failed page leaves that list unknown.
// Apart from the trails: the account's collection rules for cloud products' logs
// (ListCollectionPolicies), which Log Service answers only at its central endpoints.

import type { Caller } from './caller.js';
import { bool, list, num, numOrNull, str, strings } from './coerce.js';
import { nextOffset, pageSizeWithin, readAllPages } from './paging.js';
import { Sls } from './sls.js';
import type { LogServiceSnapshot, SlsAlert, SlsCollectionPolicy, SlsTrailProject, Trail } from './snapshot.js';

/** ListLogStores accepts size up to 500, ListAlerts up to 200. */
const LOGSTORE_PAGE = 500;
const ALERT_PAGE = 200;
/** ListCollectionPolicies accepts size up to 100. */
const POLICY_PAGE = 100;

/**
 * The collection-rule APIs are served only at the China (Shanghai) and Singapore endpoints
 * (API reference, ListCollectionPolicies), and answer for the whole account. A scan homed
 * outside mainland China asks Singapore.
 */
export function collectionPolicyRegion(homeRegion: string): string {
  return homeRegion.startsWith('cn-') ? 'cn-shanghai' : 'ap-southeast-1';
}

/** acs:log:<region>:<uid>:project/<name> → region and project; null when it is not one. */
export function parseSlsProjectArn(arn: string): { region: string; project: string } | null {
  const m = /^acs:log:([a-z0-9-]+):[^:]*:project\/([a-z0-9][a-z0-9-]{1,61}[a-z0-9])$/.exec(arn.trim());
  return m ? { region: m[1]!, project: m[2]! } : null;
}

/** ActionTrail names the logstore it creates in the project after the trail. */
export function trailLogstore(trailName: string): string {
  return `actiontrail_${trailName}`;
}

/** Project or logstore missing is an answer ("no such logstore"), not a failed read. */
const NOT_THERE = new Set(['ProjectNotExist', 'LogStoreNotExist']);

export async function collectLogService(caller: Caller, trails: Trail[] | null, pageSize?: number, homeRegion = 'cn-hangzhou'): Promise<LogServiceSnapshot> {
  const [trailProjects, collectionPolicies] = await Promise.all([
    readTrailProjects(caller, trails, pageSize),
    readCollectionPolicies(caller, collectionPolicyRegion(homeRegion), pageSize),
  ]);
  return { trailProjects, collectionPolicies };
}

async function readTrailProjects(caller: Caller, trails: Trail[] | null, pageSize?: number): Promise<SlsTrailProject[] | null> {
  if (trails === null) return null;
  const delivering = trails.flatMap((t) => {
    const arn = t.slsProjectArn ? parseSlsProjectArn(t.slsProjectArn) : null;
    return arn ? [{ trailName: t.name, ...arn }] : [];
  });
  // Several trails may share a project: read its alerts once.
  const alertsOf = new Map<string, Promise<SlsAlert[] | null>>();
  const trailProjects = await Promise.all(
    delivering.map(async (d): Promise<SlsTrailProject> => {
      const key = `${d.region}/${d.project}`;
      if (!alertsOf.has(key)) alertsOf.set(key, readAlerts(caller, d.region, d.project, pageSize));
      const logstore = trailLogstore(d.trailName);
      const [store, alerts] = await Promise.all([readLogstore(caller, d.region, d.project, logstore, pageSize), alertsOf.get(key)!]);
      return { trailName: d.trailName, project: d.project, region: d.region, logstore, ...store, alerts };
    }),
  );
  return trailProjects;
}

async function readCollectionPolicies(caller: Caller, region: string, pageSize = POLICY_PAGE): Promise<SlsCollectionPolicy[] | null> {
  const size = pageSizeWithin(POLICY_PAGE, pageSize);
  const got = await readAllPages(
    caller,
    'sls:ListCollectionPolicies',
    region,
    (offset: number | undefined) => new Sls.ListCollectionPoliciesRequest({ offset: offset ?? 0, size }),
    (body, offset) => {
      const items = list(body.data);
      return { items, next: nextOffset(offset, items.length, num(body.totalCount, 0)) };
    },
  );
  return (
    got?.map((p) => ({
      policyName: str(p.policyName),
      productCode: str(p.productCode).toLowerCase(),
      dataCode: str(p.dataCode),
      enabled: bool(p.enabled),
      resourceMode: str(p.policyConfig?.resourceMode) || 'all',
      regions: strings(p.policyConfig?.regions),
      instanceIds: strings(p.policyConfig?.instanceIds),
    })) ?? null
  );
}

async function readLogstore(
  caller: Caller,
  region: string,
  project: string,
  logstore: string,
  pageSize = LOGSTORE_PAGE,
): Promise<{ logstoreFound: boolean | null; ttlDays: number | null }> {
  const size = pageSizeWithin(LOGSTORE_PAGE, pageSize);
  let missingProject = false;
  const names = await readAllPages(
    caller,
    'sls:ListLogStores',
    region,
    (offset: number | undefined) => ({ project, query: new Sls.ListLogStoresRequest({ offset: offset ?? 0, size }) }),
    (body, offset) => {
      const got = list(body.logstores).map(str);
      return { items: got, next: nextOffset(offset, got.length, num(body.total, 0)) };
    },
    {
      resource: project,
      expected: (f) => {
        missingProject = NOT_THERE.has(f.code);
        return missingProject;
      },
    },
  );
  if (names === null) return { logstoreFound: missingProject ? false : null, ttlDays: null };
  if (!names.includes(logstore)) return { logstoreFound: false, ttlDays: null };
  const res = await caller.call('sls:GetLogStore', region, { project, logstore, query: undefined }, { resource: `${project}/${logstore}` });
  return { logstoreFound: true, ttlDays: res.ok ? numOrNull(res.body.ttl) : null };
}

async function readAlerts(caller: Caller, region: string, project: string, pageSize = ALERT_PAGE): Promise<SlsAlert[] | null> {
  const size = pageSizeWithin(ALERT_PAGE, pageSize);
  let missingProject = false;
  const alerts = await readAllPages(
    caller,
    'sls:ListAlerts',
    region,
    (offset: number | undefined) => ({ project, query: new Sls.ListAlertsRequest({ offset: offset ?? 0, size }) }),
    (body, offset) => {
      const got = list(body.results);
      return { items: got, next: nextOffset(offset, got.length, num(body.total, 0)) };
    },
    {
      resource: project,
      expected: (f) => {
        missingProject = NOT_THERE.has(f.code);
        return missingProject;
      },
    },
  );
  if (alerts === null) return missingProject ? [] : null;
  return alerts.map((a) => ({
    name: str(a.name),
    displayName: str(a.displayName) || str(a.name),
    enabled: str(a.status).toUpperCase() === 'ENABLED',
    queries: list(a.configuration?.queryList).map((q) => ({ store: str(q.store), query: str(q.query) })),
  }));
}
