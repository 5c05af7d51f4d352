import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { Vpc, callError, clientsFor } from '../clients.js';

let em: RunningEmulator;
let vpc: ReturnType<typeof clientsFor>['vpc'];
beforeAll(async () => {
  em = await startEmulator({ scenario: loadScenario('demo') });
  vpc = clientsFor(em).vpc;
});
afterAll(() => em.stop());

test('DescribeVpcs lists the region\'s VPCs and filters by comma-separated ids', async () => {
  const all = await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou' }));
  expect(all.body?.vpcs?.vpc?.map((v) => [v.vpcId, v.vpcName, v.cidrBlock])).toEqual([
    ['vpc-bp1prod0001', 'prod', '10.0.0.0/16'],
    ['vpc-bp1dev00001', 'dev', '10.1.0.0/16'],
  ]);
  const one = await vpc.describeVpcs(new Vpc.DescribeVpcsRequest({ regionId: 'cn-hangzhou', vpcId: 'vpc-bp1dev00001,vpc-other' }));
  expect(one.body?.totalCount).toBe(1);
});

test('DescribeFlowLogs: the dev VPC has none, counters are strings as in the real API', async () => {
  const dev = await vpc.describeFlowLogs(new Vpc.DescribeFlowLogsRequest({ regionId: 'cn-hangzhou', resourceId: 'vpc-bp1dev00001' }));
  expect(dev.body?.totalCount).toBe('0');
  const prod = await vpc.describeFlowLogs(new Vpc.DescribeFlowLogsRequest({ regionId: 'cn-hangzhou', vpcId: 'vpc-bp1prod0001' }));
  expect(prod.body?.flowLogs?.flowLog?.[0]).toMatchObject({ flowLogId: 'fl-bp1prod0001', resourceType: 'VPC', status: 'Active' });
  const err = await callError(vpc.describeFlowLogs(new Vpc.DescribeFlowLogsRequest({ regionId: 'eu-west-9' })));
  expect(err.code).toBe('InvalidRegionId.NotFound');
});
