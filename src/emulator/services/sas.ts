// Security Center (sas 2018-12-03): agents per machine, unfixed vulnerabilities, edition,
// notification and scan settings. One site answers for the whole account, so nothing here is
// per region. Pages are CurrentPage/PageSize with the real limits.

import type { Instance } from '../../cloud/snapshot.js';
import type { AccountData } from '../data.js';
import type { Handlers } from '../handler.js';
import type { Params } from '../params.js';
import { invalidParameter } from '../api-error.js';
import { FINGERPRINT_API_TYPES } from '../scenario-schema.js';

/** The high-risk notification projects (and the rest the console lists), Route 7 = SMS + mail + internal message. */
export const NOTICE_PROJECTS = [
  'sas_vulnerability',
  'yundun_sas_vul_Emergency',
  'sas_healthcheck',
  'sas_suspicious',
  'yundun_sas_ak_leakage',
  'yundun_sas_config_alert',
  'weeklyreport',
] as const;

export const VUL_SCAN_TYPES = ['yum', 'cve', 'sys', 'cms', 'emg'] as const;

function currentPage<T>(items: T[], p: Params, maxSize: number, defaultSize: number) {
  const page = p.int('CurrentPage', { min: 1 }) ?? 1;
  const size = p.int('PageSize', { min: 1, max: maxSize }) ?? defaultSize;
  return { page, size, items: items.slice((page - 1) * size, page * size) };
}

function uuidOf(instanceId: string): string {
  const hex = Buffer.from(instanceId).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function allInstances(data: AccountData): Instance[] {
  return data.regionList().flatMap((r) => r.instances);
}

function agentOf(data: AccountData, instanceId: string): string {
  return data.scenario.securityCenter.agents[instanceId] ?? 'online';
}

export const sasHandlers: Handlers = {
  DescribeCloudCenterInstances: ({ params: p, data }) => {
    const listed = allInstances(data).filter((i) => agentOf(data, i.instanceId) !== 'none');
    const { page, size, items } = currentPage(listed, p, 100, 20);
    const vulnCount = (id: string) => data.scenario.securityCenter.vulnerabilities.filter((v) => v.instanceId === id && v.unfixed).length;
    return {
      Success: true,
      PageInfo: { CurrentPage: page, PageSize: size, TotalCount: listed.length, Count: items.length },
      Instances: items.map((i) => ({
        InstanceId: i.instanceId,
        InstanceName: i.instanceName,
        Uuid: uuidOf(i.instanceId),
        RegionId: i.regionId,
        Region: i.regionId,
        Os: i.osType,
        OsName: i.osName,
        AssetType: '0',
        AssetTypeName: 'ECS',
        MachineType: 'ecs',
        ClientStatus: agentOf(data, i.instanceId),
        Status: i.status,
        InternetIp: i.publicIps[0] ?? i.eipAddress ?? '',
        IntranetIp: i.privateIps[0] ?? '',
        VpcInstanceId: i.vpcId ?? '',
        VulCount: vulnCount(i.instanceId),
        VulStatus: vulnCount(i.instanceId) > 0 ? 'YES' : 'NO',
        Vendor: 0,
        VendorName: 'ALIYUN',
      })),
    };
  },

  DescribeVulList: ({ params: p, data }) => {
    const type = p.required('Type');
    const dealed = p.get('Dealed');
    const necessity = p.get('Necessity')?.split(',');
    const byId = new Map(allInstances(data).map((i) => [i.instanceId, i]));
    const matching = data.scenario.securityCenter.vulnerabilities.filter(
      (v) =>
        v.type === type &&
        (dealed === undefined || (dealed === 'n') === v.unfixed) &&
        (!necessity || necessity.includes(v.necessity)) &&
        agentOf(data, v.instanceId) !== 'none',
    );
    const { page, size, items } = currentPage(matching, p, 50, 10);
    return {
      CurrentPage: page,
      PageSize: size,
      TotalCount: matching.length,
      VulRecords: items.map((v, n) => {
        const i = byId.get(v.instanceId)!;
        return {
          PrimaryId: (page - 1) * size + n + 1,
          Uuid: uuidOf(i.instanceId),
          InstanceId: i.instanceId,
          InstanceName: i.instanceName,
          RegionId: i.regionId,
          InternetIp: i.publicIps[0] ?? '',
          IntranetIp: i.privateIps[0] ?? '',
          Name: v.name,
          AliasName: v.aliasName,
          Type: v.type,
          Necessity: v.necessity,
          Status: v.unfixed ? 1 : 7,
          Online: agentOf(data, v.instanceId) === 'online',
          Related: 'CVE-2024-0001',
          Tag: 'oval',
          FirstTs: 1735689600000,
          LastTs: 1736899200000,
          ModifyTs: 1736899200000,
        };
      }),
    };
  },

  DescribeVersionConfig: ({ data }) => {
    const sc = data.scenario.securityCenter;
    return {
      Version: sc.version,
      HighestVersion: sc.version,
      IsTrialVersion: sc.trial ? 1 : 0,
      IsOverBalance: false,
      AssetLevel: 30,
      // The free (basic) edition has no instance of its own.
      InstanceId: sc.version > 1 ? `sas-${data.accountId.slice(0, 10)}` : '',
      ReleaseTime: 1798761600000,
    };
  },

  DescribeNoticeConfig: ({ data }) => {
    const configured = data.scenario.securityCenter.notices;
    const projects = [...new Set([...NOTICE_PROJECTS, ...Object.keys(configured)])];
    return {
      NoticeConfigList: projects.map((Project) => ({ Project, Route: configured[Project] ?? 7, TimeLimit: 0, AliUid: Number(data.accountId) })),
    };
  },

  DescribeVulConfig: ({ data }) => {
    const configured = data.scenario.securityCenter.vulScan;
    const types = [...new Set([...VUL_SCAN_TYPES, ...Object.keys(configured)])];
    return { TotalCount: types.length, TargetConfigs: types.map((Type) => ({ Type, Config: configured[Type] ?? 'on', OverAllConfig: 'on' })) };
  },

  DescribeServiceLinkedRoleStatus: ({ params: p, data }) => {
    const role = p.get('ServiceLinkedRole') ?? 'AliyunServiceRoleForSas';
    return { RoleStatus: { Status: data.scenario.securityCenter.serviceLinkedRoles[role] ?? true } };
  },

  DescribeSuspiciousOverallConfig: ({ params: p, data }) => {
    const type = p.required('Type');
    return { OverallConfig: { Type: type, Config: data.scenario.securityCenter.protection[type] ?? 'on' } };
  },

  GetPropertyScheduleConfig: ({ params: p, data }) => {
    const type = p.required('Type');
    if (!(FINGERPRINT_API_TYPES as readonly string[]).includes(type)) throw invalidParameter('Type');
    const hours = data.scenario.securityCenter.fingerprintSchedule[type as (typeof FINGERPRINT_API_TYPES)[number]] ?? 24;
    // The real API answers ScheduleTime as a string, and a next run only when collection is on.
    return { PropertyScheduleConfig: { Type: type, ScheduleTime: String(hours), NextScheduleTime: hours > 0 ? 1798761600000 + hours * 3_600_000 : 0 } };
  },
};
