// Network ACLs of one region. DescribeNetworkAcls already carries each ACL's entries and the
// vSwitches it is bound to, so one paged list is enough (no per-ACL attribute call).

import type { Caller } from './caller.js';
import { list, num, str } from './coerce.js';
import { nextPageNumber, pageSizeWithin, readAllPages } from './paging.js';
import { Vpc } from './sdk.js';
import type { NetworkAcl, NetworkAclEntry } from './snapshot.js';

type SdkAclBody = NonNullable<InstanceType<typeof Vpc.DescribeNetworkAclsResponseBody>['networkAcls']>;
type SdkAcl = NonNullable<SdkAclBody['networkAcl']>[number];
type SdkIngress = NonNullable<NonNullable<SdkAcl['ingressAclEntries']>['ingressAclEntry']>[number];

export async function readNetworkAcls(caller: Caller, regionId: string, pageSize = 50): Promise<NetworkAcl[] | null> {
  const size = pageSizeWithin(100, pageSize);
  let soFar = 0;
  const items = await readAllPages(
    caller,
    'vpc:DescribeNetworkAcls',
    regionId,
    (page: number | undefined) => new Vpc.DescribeNetworkAclsRequest({ regionId, pageSize: size, pageNumber: page ?? 1 }),
    (body, page) => {
      const got = list(body.networkAcls?.networkAcl);
      soFar += got.length;
      return { items: got, next: nextPageNumber(page, size, got.length, soFar, num(body.totalCount, NaN)) };
    },
  );
  return items === null ? null : items.map((a) => toNetworkAcl(a, regionId));
}

export function toNetworkAcl(a: SdkAcl, regionId: string): NetworkAcl {
  const bound = list(a.resources?.resource).filter(
    (r) => str(r.resourceType).toLowerCase() === 'vswitch' && !/^unbind/i.test(str(r.status)),
  );
  return {
    networkAclId: str(a.networkAclId),
    networkAclName: str(a.networkAclName),
    regionId: str(a.regionId) || regionId,
    vpcId: str(a.vpcId),
    status: str(a.status),
    ingress: list(a.ingressAclEntries?.ingressAclEntry).map(toEntry),
    boundVSwitches: bound.map((r) => str(r.resourceId)).filter((id) => id !== ''),
  };
}

function toEntry(e: SdkIngress): NetworkAclEntry {
  return {
    entryId: str(e.networkAclEntryId),
    entryName: str(e.networkAclEntryName),
    policy: str(e.policy),
    protocol: str(e.protocol),
    port: str(e.port),
    sourceCidrIp: str(e.sourceCidrIp),
    entryType: str(e.entryType),
  };
}
