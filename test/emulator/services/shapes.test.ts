// Every emulated action answers with keys the real SDK model maps: a PascalCase typo would make the
// SDK silently drop the field, and the collector would read "unknown" where the scenario says otherwise.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { Ecs, Ims, Ram, Sts, Vpc, rawCall, unknownKeys, type RawCall } from '../clients.js';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ scenario: loadScenario('demo') });
});
afterAll(() => em.stop());

const hz = { RegionId: 'cn-hangzhou' };
const upn = (user: string) => ({ UserPrincipalName: `${user}@5812345678901234.onaliyun.com` });

// [service, action, params, response model]
const CASES: [RawCall['service'], string, Record<string, string>, unknown][] = [
  ['ecs', 'DescribeRegions', {}, Ecs.DescribeRegionsResponseBody],
  ['ecs', 'DescribeInstances', hz, Ecs.DescribeInstancesResponseBody],
  ['ecs', 'DescribeInstances', { ...hz, MaxResults: '2' }, Ecs.DescribeInstancesResponseBody],
  ['ecs', 'DescribeInstanceRamRole', hz, Ecs.DescribeInstanceRamRoleResponseBody],
  ['ecs', 'DescribeSecurityGroups', hz, Ecs.DescribeSecurityGroupsResponseBody],
  ['ecs', 'DescribeSecurityGroupAttribute', { ...hz, SecurityGroupId: 'sg-bp1web000001' }, Ecs.DescribeSecurityGroupAttributeResponseBody],
  ['ecs', 'DescribeSecurityGroupAttribute', { ...hz, SecurityGroupId: 'sg-bp1web000001', MaxResults: '10' }, Ecs.DescribeSecurityGroupAttributeResponseBody],
  ['ecs', 'DescribeDisks', hz, Ecs.DescribeDisksResponseBody],
  ['ecs', 'DescribeAutoSnapshotPolicyEx', hz, Ecs.DescribeAutoSnapshotPolicyExResponseBody],
  ['ecs', 'DescribeInstancesFullStatus', hz, Ecs.DescribeInstancesFullStatusResponseBody],
  ['ecs', 'DescribeInstanceHistoryEvents', hz, Ecs.DescribeInstanceHistoryEventsResponseBody],
  ['ecs', 'DescribeCloudAssistantStatus', hz, Ecs.DescribeCloudAssistantStatusResponseBody],
  ['ecs', 'DescribeDiskEncryptionByDefaultStatus', hz, Ecs.DescribeDiskEncryptionByDefaultStatusResponseBody],
  ['vpc', 'DescribeVpcs', hz, Vpc.DescribeVpcsResponseBody],
  ['vpc', 'DescribeFlowLogs', hz, Vpc.DescribeFlowLogsResponseBody],
  ['ram', 'ListUsers', { MaxItems: '2' }, Ram.ListUsersResponseBody],
  ['ram', 'GetUser', { UserName: 'bob' }, Ram.GetUserResponseBody],
  ['ram', 'GetLoginProfile', { UserName: 'bob' }, Ram.GetLoginProfileResponseBody],
  ['ram', 'ListAccessKeys', { UserName: 'deploy-bot' }, Ram.ListAccessKeysResponseBody],
  ['ram', 'ListPoliciesForUser', { UserName: 'dave' }, Ram.ListPoliciesForUserResponseBody],
  ['ram', 'ListGroupsForUser', { UserName: 'bob' }, Ram.ListGroupsForUserResponseBody],
  ['ram', 'ListGroups', {}, Ram.ListGroupsResponseBody],
  ['ram', 'ListPoliciesForGroup', { GroupName: 'developers' }, Ram.ListPoliciesForGroupResponseBody],
  ['ram', 'ListPolicies', { PolicyType: 'Custom' }, Ram.ListPoliciesResponseBody],
  ['ram', 'GetPolicy', { PolicyName: 'AdministratorAccess', PolicyType: 'System' }, Ram.GetPolicyResponseBody],
  ['ram', 'GetPolicyVersion', { PolicyName: 'legacy-full-access', PolicyType: 'Custom', VersionId: 'v1' }, Ram.GetPolicyVersionResponseBody],
  ['ram', 'ListVirtualMFADevices', {}, Ram.ListVirtualMFADevicesResponseBody],
  ['ram', 'GetUserMFAInfo', { UserName: 'alice' }, Ram.GetUserMFAInfoResponseBody],
  ['ims', 'GetDefaultDomain', {}, Ims.GetDefaultDomainResponseBody],
  ['ims', 'GetPasswordPolicy', {}, Ims.GetPasswordPolicyResponseBody],
  ['ims', 'GetSecurityPreference', {}, Ims.GetSecurityPreferenceResponseBody],
  ['ims', 'GetUserMFAInfo', upn('alice'), Ims.GetUserMFAInfoResponseBody],
  ['ims', 'GetAccessKeyLastUsed', { ...upn('deploy-bot'), UserAccessKeyId: 'LTAI5tDemoDeploy000001' }, Ims.GetAccessKeyLastUsedResponseBody],
  ['ims', 'ListUsers', {}, Ims.ListUsersResponseBody],
  ['ims', 'GetUser', upn('carol'), Ims.GetUserResponseBody],
  ['ims', 'ListAccessKeys', upn('deploy-bot'), Ims.ListAccessKeysResponseBody],
  ['ims', 'GetLoginProfile', upn('carol'), Ims.GetLoginProfileResponseBody],
  ['ims', 'ListVirtualMFADevices', {}, Ims.ListVirtualMFADevicesResponseBody],
  ['ims', 'GetAccountSummary', {}, Ims.GetAccountSummaryResponseBody],
  ['sts', 'GetCallerIdentity', {}, Sts.GetCallerIdentityResponseBody],
  ['sts', 'AssumeRole', { RoleArn: 'acs:ram::5812345678901234:role/audit', RoleSessionName: 'whoowns' }, Sts.AssumeRoleResponseBody],
];

describe('response keys match the SDK models', () => {
  test.each(CASES)('%s %s %j', async (service, action, params, model) => {
    const res = await rawCall(em, { service, action, params });
    expect(res.status, res.text).toBe(200);
    const body = res.json();
    expect(body['RequestId']).toMatch(/^[0-9A-F-]{36}$/);
    expect(unknownKeys(body, model as Parameters<typeof unknownKeys>[1])).toEqual([]);
  });
});
