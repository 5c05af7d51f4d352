// Log Service (SLS 2020-12-30): projects, logstores and alert rules. SLS is not POP RPC: it routes
// on the method and path, names the project in the Host header (<project>.<endpoint>, or
// <project>@<endpoint> for a loopback endpoint, see src/cloud/sls.ts), answers JSON without a
// RequestId (x-log-requestid header instead) and fails with {errorCode, errorMessage}.

import { ApiError } from '../api-error.js';
import type { Handlers } from '../handler.js';
import type { AccountData } from '../data.js';
import type { Params } from '../params.js';
import type { ScenarioLogService } from '../scenario.js';

type Project = ScenarioLogService['projects'][number];

const STAMP = 1_767_600_000; // 2026-01-05, seconds as SLS reports times

/** The action an SLS request is, from its method and path; undefined = no such API here. */
export function slsRoute(method: string, path: string): { action: string; name?: string } | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/' || path === '') return { action: 'ListProject' };
  if (path === '/logstores') return { action: 'ListLogStores' };
  if (path === '/alerts') return { action: 'ListAlerts' };
  if (path === '/collectionpolicy') return { action: 'ListCollectionPolicies' };
  const m = /^\/(logstores|alerts)\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  return { action: m[1] === 'logstores' ? 'GetLogStore' : 'GetAlert', name: decodeURIComponent(m[2]!) };
}

/** The project named in the Host header: "p.cn-hangzhou.log.aliyuncs.com" or "p@127.0.0.1:8080". */
export function slsProjectOf(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const at = host.indexOf('@');
  if (at > 0) return host.slice(0, at);
  const m = /^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\.[a-z0-9-]+(-intranet|-share)?\.log\.aliyuncs\.com(:\d+)?$/.exec(host);
  return m?.[1];
}

function slsError(status: number, code: string, message: string): ApiError {
  return new ApiError(status, code, message);
}

function projectOf(data: AccountData, p: Params): Project {
  const name = p.get('project');
  if (!name) throw slsError(400, 'ProjectNotExist', 'The project name is missing from the Host header.');
  const found = data.scenario.logService.projects.find((x) => x.name === name);
  if (!found) throw slsError(404, 'ProjectNotExist', `The Project does not exist : ${name}`);
  return found;
}

/** offset/size paging; the real service refuses a size above its maximum. */
function page<T>(p: Params, items: T[], max: number): { slice: T[]; total: number } {
  const offset = p.int('offset', { min: 0 }) ?? 0;
  const size = p.int('size', { min: 1, max }) ?? Math.min(100, max);
  return { slice: items.slice(offset, offset + size), total: items.length };
}

function alertBody(project: Project, a: Project['alerts'][number]): Record<string, unknown> {
  const store = a.store ?? project.logstores[0]?.name ?? '';
  return {
    name: a.name,
    displayName: a.displayName ?? a.name,
    description: '',
    status: a.enabled ? 'ENABLED' : 'DISABLED',
    schedule: { type: 'FixedRate', interval: '15m', runImmediately: false },
    configuration: {
      version: '2.0',
      type: 'default',
      dashboard: 'internal-alert-analysis',
      queryList: [
        { storeType: 'log', project: project.name, region: project.region, store, query: a.query, timeSpanType: 'Truncated', start: '-15m', end: 'absolute', powerSqlMode: 'auto' },
      ],
      severityConfigurations: [{ severity: 8, evalCondition: { condition: '', countCondition: '' } }],
      sendResolved: false,
      threshold: 1,
      noDataFire: false,
    },
    createTime: STAMP,
    lastModifiedTime: STAMP,
  };
}

export const slsHandlers: Handlers = {
  ListProject: ({ params: p, data }) => {
    const wanted = p.get('projectName');
    const all = data.scenario.logService.projects.filter((x) => !wanted || x.name.includes(wanted));
    const { slice, total } = page(p, all, 500);
    return {
      count: slice.length,
      total,
      projects: slice.map((x) => ({ projectName: x.name, region: x.region, status: 'Normal', description: '', owner: data.accountId, createTime: String(STAMP), lastModifyTime: String(STAMP) })),
    };
  },

  ListLogStores: ({ params: p, data }) => {
    const project = projectOf(data, p);
    const { slice, total } = page(p, project.logstores.map((l) => l.name), 500);
    return { count: slice.length, total, logstores: slice };
  },

  GetLogStore: ({ params: p, data }) => {
    const project = projectOf(data, p);
    const name = p.required('logstore');
    const l = project.logstores.find((x) => x.name === name);
    if (!l) throw slsError(404, 'LogStoreNotExist', `logstore ${name} does not exist`);
    return {
      logstoreName: l.name,
      ttl: l.ttl,
      shardCount: 2,
      enable_tracking: false,
      autoSplit: true,
      maxSplitShard: 64,
      appendMeta: true,
      telemetryType: 'None',
      mode: 'standard',
      productType: l.name.startsWith('actiontrail_') ? 'actiontrail' : '',
      createTime: STAMP,
      lastModifyTime: STAMP,
    };
  },

  ListAlerts: ({ params: p, data }) => {
    const project = projectOf(data, p);
    const { slice, total } = page(p, project.alerts, 200);
    return { count: slice.length, total, results: slice.map((a) => alertBody(project, a)) };
  },

  ListCollectionPolicies: ({ params: p, data }) => {
    const region = p.get('region') ?? COLLECTION_POLICY_REGIONS[0]!;
    if (!COLLECTION_POLICY_REGIONS.includes(region)) {
      throw slsError(400, 'InvalidRegion', `ListCollectionPolicies is served only at the cn-shanghai and ap-southeast-1 endpoints, not ${region}.`);
    }
    const want = (k: string, v: string) => p.get(k) === undefined || p.get(k) === v;
    const all = data.scenario.logService.collectionPolicies.filter((c) => want('productCode', c.productCode) && want('dataCode', c.dataCode) && want('policyName', c.policyName));
    const { slice, total } = page(p, all, 100);
    return {
      totalCount: total,
      currentCount: slice.length,
      data: slice.map((c) => ({
        policyName: c.policyName,
        policyUid: data.accountId,
        productCode: c.productCode,
        dataCode: c.dataCode,
        enabled: c.enabled,
        internalPolicy: false,
        policyConfig: { resourceMode: c.resourceMode, regions: c.regions, instanceIds: c.instanceIds, resourceTags: {} },
        centralizeEnabled: false,
        centralizeConfig: { destRegion: '', destProject: '', destLogstore: '', destTTL: 0 },
        dataConfig: { dataRegion: '', dataProject: '' },
        resourceDirectory: { accountGroupType: '', members: [] },
      })),
      statistics: [],
    };
  },

  GetAlert: ({ params: p, data }) => {
    const project = projectOf(data, p);
    const name = p.required('alert');
    const a = project.alerts.find((x) => x.name === name);
    if (!a) throw slsError(404, 'JobNotExist', `job ${name} does not exist`);
    return alertBody(project, a);
  },
};

/** The region an SLS request is about (its project's), for fault rules and call records. */
export function slsRegionOf(data: AccountData, project: string | undefined): string | undefined {
  return data.scenario.logService.projects.find((x) => x.name === project)?.region;
}

/** The only regions whose endpoints serve the collection-rule APIs (API reference, ListCollectionPolicies). */
export const COLLECTION_POLICY_REGIONS = ['cn-shanghai', 'ap-southeast-1'];

/**
 * The region of a request without a project: from a public host (cn-shanghai.log.aliyuncs.com);
 * a loopback endpoint names none, and is taken as the central one.
 */
export function slsHostRegion(host: string | undefined): string {
  const m = /^([a-z0-9-]+?)(-intranet|-share)?\.log\.aliyuncs\.com(:\d+)?$/.exec(host ?? '');
  return m?.[1] ?? COLLECTION_POLICY_REGIONS[0]!;
}
