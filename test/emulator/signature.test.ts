import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_EMULATOR_CREDENTIAL, scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { percentEncode } from '../../src/emulator/signature.js';
import { Ecs, Sts, callError, clientsFor, rawCall } from './clients.js';

const STS_CRED = { accessKeyId: 'STS.NUemulatorToken', accessKeySecret: 'sts-secret', securityToken: 'CAIStoken-ok' };
const EXPIRED = { accessKeyId: 'STS.NUexpired', accessKeySecret: 'sts-secret-2', securityToken: 'CAIStoken-old', expired: true };

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator({
    scenario: scenario({ regions: { 'cn-hangzhou': { instances: [{ instanceId: 'i-1', instanceName: 'name with spaces *(x)!' }] } } }),
    credentials: [DEFAULT_EMULATOR_CREDENTIAL, STS_CRED, EXPIRED],
  });
});
afterAll(() => em.stop());

test('percentEncode follows RFC 3986 as the SDK signs', () => {
  expect(percentEncode("a b*c(d)!e'f~g")).toBe('a%20b%2Ac%28d%29%21e%27f~g');
});

describe('ACS3-HMAC-SHA256 (the SDK default)', () => {
  test('real SDK calls are accepted, including values that need careful encoding', async () => {
    const { ecs } = clientsFor(em);
    const res = await ecs.describeInstances(
      new Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou', instanceName: 'name with spaces *(x)!', instanceIds: '["i-1"]' }),
    );
    expect(res.body?.instances?.instance?.[0]?.instanceId).toBe('i-1');
  });

  test('a wrong secret is answered SignatureDoesNotMatch, like the real service', async () => {
    const { ecs } = clientsFor(em, { ...DEFAULT_EMULATOR_CREDENTIAL, accessKeySecret: 'wrong' });
    const err = await callError(ecs.describeRegions(new Ecs.DescribeRegionsRequest({})));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/Specified signature does not match our calculation/);
  });

  test('an unknown AccessKey is answered 404 InvalidAccessKeyId.NotFound', async () => {
    const { sts } = clientsFor(em, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' });
    const err = await callError(sts.getCallerIdentity());
    expect([err.code, err.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  test('a parameter changed after signing is caught', async () => {
    const res = await rawCall(em, {
      service: 'ecs',
      action: 'DescribeInstances',
      params: { RegionId: 'cn-hangzhou' },
      tamper: (r) => {
        r.query['RegionId'] = 'cn-shanghai';
      },
    });
    expect(res.status).toBe(400);
    expect(res.json()['Code']).toBe('SignatureDoesNotMatch');
  });

  test('a body that does not match x-acs-content-sha256 is caught', async () => {
    const res = await rawCall(em, {
      service: 'ecs',
      action: 'DescribeRegions',
      body: 'RegionId=cn-hangzhou',
      tamper: (r) => {
        r.body = 'RegionId=cn-beijing';
      },
    });
    expect(res.json()['Code']).toBe('SignatureDoesNotMatch');
  });

  test('unsigned x-acs-* headers and missing Authorization are refused', async () => {
    const unsigned = await rawCall(em, {
      service: 'ecs',
      action: 'DescribeRegions',
      tamper: (r) => {
        r.headers['x-acs-extra'] = 'sneaky';
      },
    });
    expect(unsigned.json()['Code']).toBe('IncompleteSignature');
    const anonymous = await rawCall(em, {
      service: 'ecs',
      action: 'DescribeRegions',
      tamper: (r) => {
        delete r.headers['authorization'];
      },
    });
    expect(anonymous.json()['Code']).toBe('MissingAuthorization');
  });
});

describe('STS security tokens', () => {
  test('accepted when the credential carries that token', async () => {
    const res = await clientsFor(em, STS_CRED).sts.getCallerIdentity();
    expect(res.body?.identityType).toBe('AssumedRoleUser');
  });

  test('a wrong token, a missing token and an expired token are refused', async () => {
    const wrong = await callError(clientsFor(em, { ...STS_CRED, securityToken: 'CAISforged' }).sts.getCallerIdentity());
    expect(wrong.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    const missing = await callError(clientsFor(em, { accessKeyId: STS_CRED.accessKeyId, accessKeySecret: STS_CRED.accessKeySecret }).sts.getCallerIdentity());
    expect(missing.code).toBe('MissingSecurityToken');
    const expired = await callError(clientsFor(em, EXPIRED).sts.getCallerIdentity());
    expect([expired.code, expired.statusCode]).toEqual(['InvalidSecurityToken.Expired', 400]);
  });

  test('AssumeRole issues credentials the emulator then accepts', async () => {
    const { sts } = clientsFor(em);
    const res = await sts.assumeRole(
      new Sts.AssumeRoleRequest({ roleArn: 'acs:ram::1234567890123456:role/whoowns-audit', roleSessionName: 'scan', durationSeconds: 900 }),
    );
    const c = res.body?.credentials;
    expect(c?.accessKeyId).toMatch(/^STS\./);
    const me = await clientsFor(em, { accessKeyId: c?.accessKeyId ?? '', accessKeySecret: c?.accessKeySecret ?? '', securityToken: c?.securityToken ?? '' }).sts.getCallerIdentity();
    expect(me.body?.arn).toBe('acs:ram::1234567890123456:assumed-role/whoowns-audit/scan');
  });
});

describe('legacy RPC signature (v2, HMAC-SHA1)', () => {
  test('accepted with the right secret, refused with a wrong one', async () => {
    const ok = await clientsFor(em, undefined, { signatureAlgorithm: 'v2' }).ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
    expect(ok.body?.regions?.region?.[0]?.regionId).toBe('cn-hangzhou');
    const bad = { ...DEFAULT_EMULATOR_CREDENTIAL, accessKeySecret: 'wrong' };
    const err = await callError(clientsFor(em, bad, { signatureAlgorithm: 'v2' }).ecs.describeRegions(new Ecs.DescribeRegionsRequest({})));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});
