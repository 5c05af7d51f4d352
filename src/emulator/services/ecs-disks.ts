// ECS: block storage — disks, automatic snapshot policies, encryption by default.

import type { AutoSnapshotPolicy, Disk } from '../../cloud/snapshot.js';
import { invalidParameter } from '../api-error.js';
import type { Handlers } from '../handler.js';
import { ecsPage, numberPage } from '../paging.js';
import { filterEq, filterIn, tagSet } from './shape.js';

function diskBody(d: Disk): Record<string, unknown> {
  const device = d.instanceId ? (d.type === 'system' ? '/dev/xvda' : '/dev/xvdb') : '';
  return {
    DiskId: d.diskId,
    DiskName: d.diskName,
    Description: '',
    RegionId: d.regionId,
    ZoneId: d.zoneId,
    Type: d.type,
    Category: d.category,
    Size: d.sizeGb,
    Encrypted: d.encrypted,
    KMSKeyId: d.kmsKeyId ?? '',
    Status: d.status,
    InstanceId: d.instanceId ?? '',
    Device: device,
    Attachments: { Attachment: d.instanceId ? [{ InstanceId: d.instanceId, Device: device }] : [] },
    EnableAutoSnapshot: d.enableAutoSnapshot,
    EnableAutomatedSnapshotPolicy: d.autoSnapshotPolicyId !== null,
    AutoSnapshotPolicyId: d.autoSnapshotPolicyId ?? '',
    DeleteWithInstance: d.type === 'system',
    Portable: d.type === 'data',
    DiskChargeType: 'PostPaid',
    CreationTime: d.creationTime,
    ResourceGroupId: d.resourceGroupId ?? '',
    Tags: tagSet(d.tags),
  };
}

function policyBody(p: AutoSnapshotPolicy): Record<string, unknown> {
  return {
    AutoSnapshotPolicyId: p.autoSnapshotPolicyId,
    AutoSnapshotPolicyName: p.autoSnapshotPolicyName,
    RegionId: p.regionId,
    RetentionDays: p.retentionDays,
    // The real API returns these two lists as JSON text.
    TimePoints: JSON.stringify(p.timePoints),
    RepeatWeekdays: JSON.stringify(p.repeatWeekdays),
    DiskNums: p.diskNums,
    VolumeNums: 0,
    Status: 'Normal',
    Type: 'Custom',
    EnableCrossRegionCopy: false,
    TargetCopyRegions: '[]',
    CopiedSnapshotsRetentionDays: -1,
    Tags: { Tag: [] },
  };
}

const DISK_TYPES = new Set(['all', 'system', 'data']);

export const diskHandlers: Handlers = {
  DescribeDisks: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    let items = filterIn(region.disks, p.jsonList('DiskIds'), (d) => d.diskId);
    items = filterEq(items, p.get('InstanceId'), (d) => d.instanceId);
    items = filterEq(items, p.get('AutoSnapshotPolicyId'), (d) => d.autoSnapshotPolicyId);
    items = filterEq(items, p.get('Category'), (d) => d.category);
    const type = p.get('DiskType') ?? 'all';
    if (!DISK_TYPES.has(type)) throw invalidParameter('DiskType', 'valid values are all, system and data');
    if (type !== 'all') items = items.filter((d) => d.type === type);
    const encrypted = p.bool('Encrypted');
    if (encrypted !== undefined) items = items.filter((d) => d.encrypted === encrypted);
    const page = ecsPage(items, p, { token: { defaultSize: 500, maxSize: 500 }, pages: { defaultSize: 10, maxSize: 100 } });
    return { ...page.fields, Disks: { Disk: page.items.map(diskBody) } };
  },

  DescribeAutoSnapshotPolicyEx: ({ params: p, data }) => {
    const { region } = data.regionOf(p);
    const items = filterEq(region.autoSnapshotPolicies, p.get('AutoSnapshotPolicyId'), (x) => x.autoSnapshotPolicyId);
    const page = numberPage(items, p, { defaultSize: 10, maxSize: 100 });
    return { ...page.fields, AutoSnapshotPolicies: { AutoSnapshotPolicy: page.items.map(policyBody) } };
  },

  DescribeDiskEncryptionByDefaultStatus: ({ params: p, data }) => ({
    Encrypted: data.regionOf(p).region.diskEncryptionByDefault,
  }),
};
