import { describe, expect, it } from 'vitest';
import {
  endpointsFromEnv,
  isLoopbackHost,
  parseEndpoint,
  parseEndpoints,
  regionsFromEnv,
} from '../../src/cloud/endpoints.js';
import { WhoownsError } from '../../src/core/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof WhoownsError ? e.code : 'not-whoowns';
  }
  return undefined;
}

describe('parseEndpoint', () => {
  it('accepts https anywhere and keeps host:port', () => {
    expect(parseEndpoint('ecs', 'https://ecs-vpc.cn-hangzhou.aliyuncs.com')).toEqual({
      host: 'ecs-vpc.cn-hangzhou.aliyuncs.com',
      protocol: 'https',
    });
    expect(parseEndpoint('ram', 'https://proxy.example.com:8443/')).toEqual({ host: 'proxy.example.com:8443', protocol: 'https' });
  });

  it('accepts plain http only for loopback hosts', () => {
    expect(parseEndpoint('ecs', 'http://127.0.0.1:18080')).toEqual({ host: '127.0.0.1:18080', protocol: 'http' });
    expect(parseEndpoint('ecs', 'http://localhost:9')).toEqual({ host: 'localhost:9', protocol: 'http' });
    expect(parseEndpoint('ecs', 'http://[::1]:9')).toEqual({ host: '[::1]:9', protocol: 'http' });
    expect(parseEndpoint('ecs', 'http://127.8.9.10')).toEqual({ host: '127.8.9.10', protocol: 'http' });
  });

  it('refuses plain http to other hosts with ENDPOINT_INSECURE and says how to fix', () => {
    expect(codeOf(() => parseEndpoint('ecs', 'http://ecs.cn-hangzhou.aliyuncs.com'))).toBe('ENDPOINT_INSECURE');
    expect(codeOf(() => parseEndpoint('sts', 'http://10.0.0.5:80'))).toBe('ENDPOINT_INSECURE');
    expect(codeOf(() => parseEndpoint('sts', 'http://128.0.0.1'))).toBe('ENDPOINT_INSECURE');
    try {
      parseEndpoint('ecs', 'http://ecs.example.com');
    } catch (e) {
      const err = e as WhoownsError;
      expect(err.messages.en).toContain('https://ecs.example.com');
      expect(err.messages.zh).toContain('https://ecs.example.com');
    }
  });

  it('rejects bad URLs, other schemes and paths', () => {
    expect(codeOf(() => parseEndpoint('ecs', 'not a url'))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseEndpoint('ecs', 'ecs.aliyuncs.com'))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseEndpoint('ecs', 'ftp://127.0.0.1'))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseEndpoint('ecs', 'https://h.example.com/api'))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseEndpoint('ecs', 'https://user:pw@h.example.com'))).toBe('CONFIG_INVALID');
  });

  it('parseEndpoints skips unset and empty services', () => {
    expect(parseEndpoints({ ecs: 'http://127.0.0.1:1', vpc: '' })).toEqual({ ecs: { host: '127.0.0.1:1', protocol: 'http' } });
    expect(parseEndpoints(undefined)).toEqual({});
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.255.0.1', '::1', '[::1]', 'localhost', 'LOCALHOST', 'a.localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1', '0.0.0.0', '::', 'example.com', '127.0.0.1.nip.io', 'localhost.example.com']) expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('env parsing', () => {
  it('endpointsFromEnv reads WHOOWNS_ENDPOINT_* and ignores blanks', () => {
    expect(
      endpointsFromEnv({
        WHOOWNS_ENDPOINT_ECS: 'http://127.0.0.1:1',
        WHOOWNS_ENDPOINT_RAM: ' https://ram.aliyuncs.com ',
        WHOOWNS_ENDPOINT_IMS: '',
        OTHER: 'x',
      }),
    ).toEqual({ ecs: 'http://127.0.0.1:1', ram: 'https://ram.aliyuncs.com' });
    expect(endpointsFromEnv({})).toEqual({});
  });

  it('regionsFromEnv splits, trims, dedupes and validates', () => {
    expect(regionsFromEnv({ WHOOWNS_REGIONS: 'cn-hangzhou, ap-southeast-1,cn-hangzhou' })).toEqual(['cn-hangzhou', 'ap-southeast-1']);
    expect(regionsFromEnv({})).toBeUndefined();
    expect(regionsFromEnv({ WHOOWNS_REGIONS: ' , ' })).toBeUndefined();
    expect(codeOf(() => regionsFromEnv({ WHOOWNS_REGIONS: 'cn-hangzhou,hangzhou' }))).toBe('CONFIG_INVALID');
  });
});

describe('ActionTrail and Security Center endpoints', () => {
  it('are read from WHOOWNS_ENDPOINT_ACTIONTRAIL / _SAS like the others', async () => {
    const { endpointsFromEnv } = await import('../../src/cloud/endpoints.js');
    expect(endpointsFromEnv({ WHOOWNS_ENDPOINT_SAS: 'https://tds.ap-southeast-1.aliyuncs.com', WHOOWNS_ENDPOINT_ACTIONTRAIL: 'https://actiontrail.cn-beijing.aliyuncs.com' })).toEqual({
      sas: 'https://tds.ap-southeast-1.aliyuncs.com',
      actiontrail: 'https://actiontrail.cn-beijing.aliyuncs.com',
    });
  });
  it('a loopback override stands in for every service without its own, and public ones are left alone', async () => {
    const { parseEndpoints, withLoopbackDefaults, SERVICES } = await import('../../src/cloud/endpoints.js');
    const local = withLoopbackDefaults(parseEndpoints({ ecs: 'http://127.0.0.1:9', sas: 'https://tds.ap-southeast-1.aliyuncs.com' }));
    for (const s of SERVICES) expect(local[s], s).toEqual(s === 'sas' ? { host: 'tds.ap-southeast-1.aliyuncs.com', protocol: 'https' } : { host: '127.0.0.1:9', protocol: 'http' });
    expect(withLoopbackDefaults(parseEndpoints({ ecs: 'https://ecs-vpc.cn-hangzhou.aliyuncs.com' }))).toEqual({ ecs: { host: 'ecs-vpc.cn-hangzhou.aliyuncs.com', protocol: 'https' } });
  });
  it('the generic client goes to the public ActionTrail and Security Center endpoints by default', async () => {
    const { ClientFactory } = await import('../../src/cloud/clients.js');
    const { baseCredential } = await import('../../src/cloud/credentials.js');
    const f = new ClientFactory(baseCredential({ accessKeyId: 'LTAI5tTestKeyId0001', accessKeySecret: 's' }), {}, { readMs: 1000, connectMs: 1000 });
    expect(f.endpointOf('actiontrail', 'cn-beijing')).toEqual({ host: 'actiontrail.cn-beijing.aliyuncs.com', protocol: 'https' });
    expect(f.endpointOf('sas', undefined)).toEqual({ host: 'tds.cn-shanghai.aliyuncs.com', protocol: 'https' });
  });
});
