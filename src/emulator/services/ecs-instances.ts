// ECS: regions, instances, their platform events, RAM roles and Cloud Assistant status.

import type { Instance, SystemEvent } from '../../cloud/snapshot.js';
import type { Handlers } from '../handler.js';
import { ecsPage, numberPage } from '../paging.js';
import { filterEq, filterIn, named, tagSet } from './shape.js';

const INSTANCE_STATUS_CODES = { Pending: 0, Running: 1, Starting: 2, Stopping: 3, Stopped: 4 };
const HEALTH_CODES = { Ok: 0, Impaired: 1, Initializing: 2, InsufficientData: 3, NotApplicable: 4 };
const EVENT_TYPE_CODES = {
  'SystemMaintenance.Reboot': 1,
  'SystemMaintenance.Redeploy': 2,
  'SystemFailure.Reboot': 65,
  'SystemFailure.Redeploy': 66,
  'SystemFailure.Delete': 67,
  'InstanceFailure.Reboot': 81,
};
const CYCLE_CODES = { Executed: 1, Canceled: 16, Avoided: 18, Executing: 21, Scheduled: 24, Inquiring: 33, Failed: 34 };
const PENDING_CYCLES = new Set(['Scheduled', 'Executing', 'Inquiring']);

function instanceBody(x: Instance): Record<string, unknown> {
  return {
    InstanceId: x.instanceId,
    InstanceName: x.instanceName,
    HostName: x.instanceName,
    Description: '',
    Status: x.status,
    RegionId: x.regionId,
    ZoneId: x.zoneId,
    InstanceType: 'ecs.g7.large',
    Cpu: 2,
    Memory: 8192,
    OSType: x.osType,
    OSName: x.osName,
    OSNameEn: x.osName,
    ImageId: x.imageId,
    InstanceNetworkType: x.networkType,
    InstanceChargeType: 'PostPaid',
    KeyPairName: x.keyPairName ?? '',
    DeletionProtection: x.deletionProtection,
    CreationTime: x.creationTime,
    PublicIpAddress: { IpAddress: x.publicIps },
    EipAddress: {
      IpAddress: x.eipAddress ?? '',
      AllocationId: x.eipAddress ? `eip-${x.instanceId.replace(/^i-/, '')}` : '',
      InternetChargeType: '',
    },
    InnerIpAddress: { IpAddress: [] },
    SecurityGroupIds: { SecurityGroupId: x.securityGroupIds },
    VpcAttributes: {
      VpcId: x.vpcId ?? '',
      VSwitchId: x.vSwitchId ?? '',
      NatIpAddress: '',
      PrivateIpAddress: { IpAddress: x.privateIps },
    },
    // null in the scenario = the API does not report the field
    MetadataOptions: {
      ...(x.metadataHttpTokens !== null ? { HttpTokens: x.metadataHttpTokens } : {}),
      ...(x.metadataHttpEndpoint !== null ? { HttpEndpoint: x.metadataHttpEndpoint } : {}),
    },
    ResourceGroupId: x.resourceGroupId ?? '',
    Tags: tagSet(x.tags),
  };
}

function eventType(e: SystemEvent) {
  return named(e.eventType, EVENT_TYPE_CODES);
}

export const instanceHandlers: Handlers = {
  DescribeRegions: ({ data }) => ({
    Regions: {
      Region: data.regionList().map((r) => ({
        RegionId: r.regionId,
        LocalName: r.localName,
        RegionEndpoint: `ecs.${r.regionId}.aliyuncs.com`,
        Status: 'available',
      })),
    },
  }),

  DescribeInstances: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterIn(region.instances, p.jsonList('InstanceIds'), (x) => x.instanceId);
    items = filterEq(items, p.get('VpcId'), (x) => x.vpcId);
    items = filterEq(items, p.get('Status'), (x) => x.status);
    items = filterEq(items, p.get('ZoneId'), (x) => x.zoneId);
    const sg = p.get('SecurityGroupId');
    if (sg !== undefined) items = items.filter((x) => x.securityGroupIds.includes(sg));
    const page = ecsPage(items, p, { token: { defaultSize: 10, maxSize: 100 }, pages: { defaultSize: 10, maxSize: 100 } });
    return { ...page.fields, Instances: { Instance: page.items.map(instanceBody) } };
  },

  DescribeInstanceRamRole: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    const items = filterIn(region.instances, p.jsonList('InstanceIds'), (x) => x.instanceId).filter(
      (x) => x.ramRoleName !== null,
    );
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 100 });
    return {
      RegionId: region.regionId,
      TotalCount: items.length,
      InstanceRamRoleSets: {
        InstanceRamRoleSet: page.items.map((x) => ({ InstanceId: x.instanceId, RamRoleName: x.ramRoleName })),
      },
    };
  },

  DescribeInstancesFullStatus: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    const items = filterIn(region.instances, p.list('InstanceId'), (x) => x.instanceId);
    const wantedType = p.get('EventType');
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 100 });
    const pendingEvents = (instanceId: string) =>
      region.systemEvents.filter(
        (e) => e.instanceId === instanceId && PENDING_CYCLES.has(e.eventCycleStatus) && (!wantedType || e.eventType === wantedType),
      );
    return {
      ...page.fields,
      InstanceFullStatusSet: {
        InstanceFullStatusType: page.items.map((x) => ({
          InstanceId: x.instanceId,
          Status: named(x.status, INSTANCE_STATUS_CODES),
          HealthStatus: named(x.status === 'Running' ? 'Ok' : 'NotApplicable', HEALTH_CODES),
          ScheduledSystemEventSet: {
            ScheduledSystemEventType: pendingEvents(x.instanceId).map((e) => ({
              EventId: e.eventId,
              EventType: eventType(e),
              EventCycleStatus: named(e.eventCycleStatus, CYCLE_CODES),
              NotBefore: e.notBefore,
              EventPublishTime: e.publishTime,
              Reason: e.reason,
              ImpactLevel: '',
            })),
          },
        })),
      },
    };
  },

  DescribeInstanceHistoryEvents: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterEq(region.systemEvents, p.get('InstanceId'), (e) => e.instanceId);
    items = filterEq(items, p.get('EventType'), (e) => e.eventType);
    items = filterIn(items, p.list('InstanceEventCycleStatus'), (e) => e.eventCycleStatus);
    items = filterIn(items, p.list('EventId'), (e) => e.eventId);
    const page = ecsPage(items, p, { token: { defaultSize: 10, maxSize: 100 }, pages: { defaultSize: 10, maxSize: 100 } });
    return {
      ...page.fields,
      InstanceSystemEventSet: {
        InstanceSystemEventType: page.items.map((e) => ({
          EventId: e.eventId,
          InstanceId: e.instanceId,
          ResourceType: 'instance',
          EventType: eventType(e),
          EventCycleStatus: named(e.eventCycleStatus, CYCLE_CODES),
          NotBefore: e.notBefore,
          EventPublishTime: e.publishTime,
          EventFinishTime: '',
          Reason: e.reason,
          ImpactLevel: '',
        })),
      },
    };
  },

  DescribeCloudAssistantStatus: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterIn(region.instances, p.list('InstanceId'), (x) => x.instanceId);
    const osType = p.get('OSType');
    if (osType !== undefined) items = items.filter((x) => x.osType.toLowerCase() === osType.toLowerCase());
    const page = ecsPage(items, p, { token: { defaultSize: 10, maxSize: 50 }, pages: { defaultSize: 10, maxSize: 50 } });
    return {
      ...page.fields,
      InstanceCloudAssistantStatusSet: {
        InstanceCloudAssistantStatus: page.items.map((x) => {
          const running = region.cloudAssistant[x.instanceId] ?? false;
          return {
            InstanceId: x.instanceId,
            CloudAssistantStatus: String(running),
            CloudAssistantVersion: running ? '2.2.3.1027' : '',
            OSType: x.osType === 'windows' ? 'Windows' : 'Linux',
            SupportSessionManager: running,
            LastHeartbeatTime: running ? x.creationTime : '',
            ActiveTaskCount: 0,
            InvocationCount: 0,
          };
        }),
      },
    };
  },
};
