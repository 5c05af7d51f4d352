import { describe, expect, it } from 'vitest';
import { ClientFactory, DEFAULT_TIMEOUTS } from '../../src/cloud/clients.js';
import { baseCredential } from '../../src/cloud/credentials.js';
import { parseEndpoints } from '../../src/cloud/endpoints.js';
import { collectSnapshot } from '../../src/cloud/index.js';
import { silentLogger } from '../../src/core/logger.js';

const cred = () => baseCredential({ accessKeyId: 'LTAI5tTestOnly0000', accessKeySecret: 'test-only' });

describe('ClientFactory', () => {
  it('uses the official regional and central endpoints over https by default', () => {
    const f = new ClientFactory(cred(), {}, DEFAULT_TIMEOUTS);
    expect(f.endpointOf('ecs', 'cn-hangzhou')).toEqual({ host: 'ecs-cn-hangzhou.aliyuncs.com', protocol: 'https' });
    expect(f.endpointOf('ecs', 'ap-southeast-1')).toEqual({ host: 'ecs.ap-southeast-1.aliyuncs.com', protocol: 'https' });
    expect(f.endpointOf('vpc', 'ap-southeast-1').host).toBe('vpc.ap-southeast-1.aliyuncs.com');
    expect(f.endpointOf('sts', 'ap-southeast-1').host).toBe('sts.ap-southeast-1.aliyuncs.com');
    expect(f.endpointOf('ram', undefined).host).toBe('ram.aliyuncs.com');
    expect(f.endpointOf('ims', undefined).host).toBe('ims.aliyuncs.com');
  });

  it('an override serves every region, with its own protocol, and both timeouts are set', () => {
    const f = new ClientFactory(
      cred(),
      parseEndpoints({ ecs: 'https://ecs-vpc.cn-hangzhou.aliyuncs.com', vpc: 'http://127.0.0.1:18080' }),
      { readMs: 1234, connectMs: 567 },
    );
    expect(f.endpointOf('ecs', 'ap-southeast-1')).toEqual({ host: 'ecs-vpc.cn-hangzhou.aliyuncs.com', protocol: 'https' });
    expect(f.endpointOf('vpc', 'eu-central-1')).toEqual({ host: '127.0.0.1:18080', protocol: 'http' });
    expect(f.get('ecs', 'cn-hangzhou')).toBe(f.get('ecs', 'us-west-1'));
    const client = f.get('ram', undefined) as unknown as { _readTimeout: number; _connectTimeout: number };
    expect([client._readTimeout, client._connectTimeout]).toEqual([1234, 567]);
    const rt = f.runtime();
    expect([rt.readTimeout, rt.connectTimeout, rt.autoretry]).toEqual([1234, 567, false]);
  });
});

describe('collectSnapshot endpoint validation', () => {
  it('refuses plain http to a remote host before any call or credential lookup', async () => {
    const err = await collectSnapshot({
      account: { name: 'x' },
      endpoints: { ecs: 'http://ecs.cn-hangzhou.aliyuncs.com' },
      log: silentLogger(),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENDPOINT_INSECURE' });
    const bad = await collectSnapshot({ account: { name: 'x' }, endpoints: { ram: 'ram.aliyuncs.com' }, log: silentLogger() }).catch(
      (e: unknown) => e,
    );
    expect(bad).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
