import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { Ecs, Ram, Vpc, callError, clientsFor, rawCall } from './clients.js';

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({ scenario: scenario({ regions: { 'cn-hangzhou': {}, 'cn-beijing': {} } }) });
});
afterAll(() => em.stop());

describe('routing', () => {
  test('one endpoint serves all five services, told apart by x-acs-version', async () => {
    const c = clientsFor(em);
    const [regions, users, domain, me, vpcs] = await Promise.all([
      c.ecs.describeRegions(new Ecs.DescribeRegionsRequest({})),
      c.ram.listUsers(new Ram.ListUsersRequest({})),
      c.ims.getDefaultDomain(),
      c.sts.getCallerIdentity(),
      c.vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: 'cn-beijing' })),
    ]);
    expect(regions.body?.regions?.region?.map((r) => r.regionId)).toEqual(['cn-hangzhou', 'cn-beijing']);
    expect(users.body?.isTruncated).toBe(false);
    expect(domain.body?.defaultDomainName).toBe('1234567890123456.onaliyun.com');
    expect(me.body?.accountId).toBe('1234567890123456');
    expect(vpcs.body?.totalCount).toBe(0);
  });

  test('an unknown action is 404 InvalidAction.NotFound with the real error body', async () => {
    const res = await rawCall(em, { service: 'ecs', action: 'RunInstances', params: { RegionId: 'cn-hangzhou' } });
    expect(res.status).toBe(404);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(body).toMatchObject({ Code: 'InvalidAction.NotFound', HostId: 'ecs.aliyuncs.com' });
    expect(res.headers.get('x-acs-request-id')).toBe(body['RequestId']);
  });

  test('an unknown version is refused', async () => {
    const res = await rawCall(em, { service: 'ecs', action: 'DescribeRegions', version: '2099-01-01' });
    expect([res.status, res.json()['Code']]).toEqual([400, 'InvalidVersion']);
  });

  test('an unknown region is InvalidRegionId.NotFound; a missing one MissingParameter', async () => {
    const { ecs } = clientsFor(em);
    const unknown = await callError(ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: 'mars-north-1' })));
    expect([unknown.code, unknown.statusCode]).toEqual(['InvalidRegionId.NotFound', 400]);
    const missing = await callError(ecs.describeDisks(new Ecs.DescribeDisksRequest({})));
    expect(missing.code).toBe('MissingParameter');
  });
});

test('every request is recorded with its action, service, region and status', async () => {
  const local = await startEmulator({ scenario: scenario() });
  try {
    const { ecs, sts } = clientsFor(local);
    await ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou' }));
    await callError(ecs.describeInstances(new Ecs.DescribeInstancesRequest({ regionId: 'nowhere-1' })));
    await sts.getCallerIdentity();
    expect(local.calls.map(({ action, service, region, status }) => ({ action, service, region, status }))).toEqual([
      { action: 'DescribeInstances', service: 'ecs', region: 'cn-hangzhou', status: 200 },
      { action: 'DescribeInstances', service: 'ecs', region: 'nowhere-1', status: 400 },
      { action: 'GetCallerIdentity', service: 'sts', region: undefined, status: 200 },
    ]);
  } finally {
    await local.stop();
  }
});

test('only loopback addresses are accepted', async () => {
  await expect(startEmulator({ scenario: scenario(), host: '0.0.0.0' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  const v6 = await startEmulator({ scenario: scenario(), host: '::1' }).catch(() => null);
  if (v6) {
    expect(v6.endpoint).toBe(`[::1]:${v6.port}`);
    await v6.stop();
  }
});

test('stop() closes the port and can be called twice', async () => {
  const local = await startEmulator({ scenario: scenario() });
  await Promise.all([local.stop(), local.stop()]);
  await expect(fetch(local.url)).rejects.toThrow();
});
