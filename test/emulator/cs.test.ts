import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { callError, sdkConfig, unknownKeys } from './clients.js';
import { AccountData } from '../../src/emulator/data.js';
import { CredentialStore } from '../../src/emulator/credentials.js';
import { Params } from '../../src/emulator/params.js';
import { csHandlers } from '../../src/emulator/services/cs.js';
import { Cs, CsClient } from '../../src/cloud/sdk.js';

// ACK is ROA: GET on a path per action, snake_case JSON. The real generated client signs it with
// ACS3 (method and path included); the emulator must accept that and refuse anything else.

type Client = CsClient;

let em: RunningEmulator;
let cs: Client;
beforeAll(async () => {
  em = await startEmulator({
    scenario: scenario({ regions: { 'cn-hangzhou': { ackClusters: [{ clusterId: 'c0shop0000001', publicApiServer: true, inspection: null }] } } }),
  });
  cs = new CsClient(sdkConfig(em));
});
afterAll(() => em.stop());

describe('Container Service (cs 2015-12-15) through the real generated client', () => {
  test('signed GETs on the ROA paths are answered in the models\' own wire names', async () => {
    const list = await cs.describeClustersV1(new Cs.DescribeClustersV1Request({ regionId: 'cn-hangzhou' }));
    expect(list.body?.clusters?.[0]?.clusterId).toBe('c0shop0000001');
    expect(list.body?.pageInfo?.totalCount).toBe(1);
    const detail = await cs.describeClusterDetail('c0shop0000001');
    expect(JSON.parse(detail.body!.masterUrl!)).toMatchObject({ api_server_endpoint: expect.stringMatching(/^https:\/\//) });
    const addons = await cs.listClusterAddonInstances('c0shop0000001');
    expect(addons.body?.addons?.map((a) => a.name)).toContain('logtail-ds');
    const pools = await cs.describeClusterNodePools('c0shop0000001', new Cs.DescribeClusterNodePoolsRequest({}));
    expect(pools.body?.nodepools?.[0]?.kubernetesConfig?.cmsEnabled).toBe(true);
  });

  test('every key the emulator sends is one the SDK model knows (no misspelt wire names)', () => {
    const data = new AccountData(scenario({ regions: { 'cn-hangzhou': { ackClusters: [{ clusterId: 'c0shop0000001', publicApiServer: true }] } } }));
    const call = (action: string, path: string, params: Record<string, string> = {}) =>
      csHandlers[action]!({ action, method: 'GET', path, params: new Params(params), data, caller: DEFAULT_EMULATOR_CREDENTIAL, credentials: new CredentialStore([]), now: new Date() });
    const cases: Array<[string, string, unknown]> = [
      ['DescribeClustersV1', '/api/v1/clusters', Cs.DescribeClustersV1ResponseBody],
      ['DescribeClusterDetail', '/clusters/c0shop0000001', Cs.DescribeClusterDetailResponseBody],
      ['ListClusterAddonInstances', '/clusters/c0shop0000001/addon_instances', Cs.ListClusterAddonInstancesResponseBody],
      ['DescribeClusterNodePools', '/clusters/c0shop0000001/nodepools', Cs.DescribeClusterNodePoolsResponseBody],
      ['GetClusterInspectConfig', '/clusters/c0shop0000001/inspectConfig', Cs.GetClusterInspectConfigResponseBody],
    ];
    for (const [action, path, model] of cases) expect(unknownKeys(call(action, path), model as never), action).toEqual([]);
    // The path is part of the route: the right action on the wrong path is not found.
    expect(() => call('DescribeClusterDetail', '/clusters/c0shop0000001/nodepools')).toThrow(/not found/);
  });

  test('a wrong secret is answered SignatureDoesNotMatch', async () => {
    const bad = new CsClient(sdkConfig(em, { ...DEFAULT_EMULATOR_CREDENTIAL, accessKeySecret: 'wrong' }));
    const err = await callError(bad.describeClusterDetail('c0shop0000001'));
    expect([err.code, err.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
  });

  test('an unknown cluster is 404 ErrorClusterNotFound; inspection never set up is 404 too', async () => {
    expect((await callError(cs.describeClusterDetail('c0nobody')))).toMatchObject({ code: 'ErrorClusterNotFound', statusCode: 404 });
    expect((await callError(cs.getClusterInspectConfig('c0shop0000001')))).toMatchObject({ statusCode: 404 });
  });
});
