import { describe, expect, it } from 'vitest';
import { scenario } from '../../../src/emulator/index.js';
import { Params } from '../../../src/emulator/params.js';
import { slsHandlers, slsHostRegion, slsRoute } from '../../../src/emulator/services/sls.js';
import type { ApiRequest } from '../../../src/emulator/handler.js';

// ListCollectionPolicies is account-level: no project in the host, and only the Shanghai and
// Singapore endpoints serve it (API reference).
const data = {
  accountId: '1234567890123456',
  scenario: scenario({
    logService: {
      collectionPolicies: [
        { policyName: 'oss-all', productCode: 'oss', dataCode: 'access_log' },
        { policyName: 'waf-all', productCode: 'waf', dataCode: 'access_log', enabled: false },
      ],
    },
  }),
};
const list = (params: Record<string, string>) =>
  slsHandlers['ListCollectionPolicies']!({ action: 'ListCollectionPolicies', method: 'GET', path: '/collectionpolicy', params: new Params(params), data } as unknown as ApiRequest);

describe('emulated ListCollectionPolicies', () => {
  it('routes GET /collectionpolicy and reads the region from a public host, the central one for a loopback host', () => {
    expect(slsRoute('GET', '/collectionpolicy')).toEqual({ action: 'ListCollectionPolicies' });
    expect(slsHostRegion('ap-southeast-1.log.aliyuncs.com')).toBe('ap-southeast-1');
    expect(slsHostRegion('cn-hangzhou-intranet.log.aliyuncs.com')).toBe('cn-hangzhou');
    expect(slsHostRegion('127.0.0.1:8080')).toBe('cn-shanghai');
  });

  it('answers in the real shape, filters and pages by offset/size', () => {
    const body = list({ region: 'cn-shanghai', size: '1', offset: '1' });
    expect(body).toMatchObject({ totalCount: 2, currentCount: 1, statistics: [] });
    expect((body['data'] as unknown[])[0]).toMatchObject({ policyName: 'waf-all', productCode: 'waf', enabled: false, policyConfig: { resourceMode: 'all', regions: [], instanceIds: [] } });
    expect(list({ region: 'cn-shanghai', productCode: 'oss' })).toMatchObject({ totalCount: 1 });
    expect(() => list({ region: 'cn-shanghai', size: '101' })).toThrow();
  });

  it('refuses an endpoint outside Shanghai and Singapore', () => {
    expect(() => list({ region: 'cn-hangzhou' })).toThrow(/only at the cn-shanghai and ap-southeast-1 endpoints/);
    expect(list({ region: 'ap-southeast-1' })).toMatchObject({ totalCount: 2 });
  });
});
