import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { FaultEngine } from '../../src/emulator/faults.js';
import { scenario, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { Ecs, Ram, callError, clientsFor } from './clients.js';

describe('FaultEngine (clock passed in)', () => {
  test('throttle is a token bucket per action: a burst of ratePerSec, then a refill', () => {
    const f = new FaultEngine([{ kind: 'throttle', ratePerSec: 2 }]);
    const at = (t: number, action = 'DescribeDisks') => f.decide(action, 'cn-hangzhou', t).outcome;
    expect(at(0)).toBeNull();
    expect(at(0)).toBeNull();
    expect(at(0)).toEqual({ kind: 'throttle', retryAfterMs: 500 });
    expect(at(0, 'DescribeInstances')).toBeNull(); // another action has its own bucket
    expect(at(500)).toBeNull(); // one token back after 1/rate seconds
    expect(at(500)?.kind).toBe('throttle');
  });

  test('times limits a rule to the first N matching requests; action and region must match', () => {
    const f = new FaultEngine([{ action: 'DescribeDisks', region: 'cn-beijing', kind: 'error', times: 2 }]);
    expect(f.decide('DescribeDisks', 'cn-hangzhou', 0).outcome).toBeNull();
    expect(f.decide('DescribeInstances', 'cn-beijing', 0).outcome).toBeNull();
    expect(f.decide('DescribeDisks', 'cn-beijing', 0).outcome).toEqual({ kind: 'error', status: 503, code: 'ServiceUnavailable' });
    expect(f.decide('DescribeDisks', 'cn-beijing', 0).outcome).not.toBeNull();
    expect(f.decide('DescribeDisks', 'cn-beijing', 0).outcome).toBeNull();
  });

  test('probability draws from a seeded RNG: the same seed gives the same sequence', () => {
    const run = (seed: number) => {
      const f = new FaultEngine([{ kind: 'error', probability: 0.3 }], seed);
      return Array.from({ length: 200 }, () => f.decide('X', undefined, 0).outcome !== null);
    };
    expect(run(7)).toEqual(run(7));
    const hits = run(7).filter(Boolean).length;
    expect(hits).toBeGreaterThan(35);
    expect(hits).toBeLessThan(85);
  });

  test('latency rules add up and do not stop a later rule', () => {
    const f = new FaultEngine([
      { kind: 'latency', ms: 20 },
      { kind: 'latency', ms: 30, action: 'GetUser' },
      { kind: 'deny', action: 'GetUser' },
    ]);
    expect(f.decide('GetUser', undefined, 0)).toEqual({ delayMs: 50, outcome: { kind: 'deny', code: 'Forbidden.RAM' } });
    expect(f.decide('ListUsers', undefined, 0)).toEqual({ delayMs: 20, outcome: null });
  });

  test('invalid rules are refused with the field named', () => {
    expect(() => new FaultEngine([{ kind: 'throttle' }])).toThrow(/faults\[0\]\.ratePerSec/);
    expect(() => new FaultEngine([{ kind: 'error', probability: 2 }])).toThrow(/faults\[0\]\.probability/);
  });
});

describe('faults through the real SDK', () => {
  let em: RunningEmulator;
  let c: ReturnType<typeof clientsFor>;
  const disks = () => c.ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou' }));
  beforeAll(async () => {
    em = await startEmulator({ scenario: scenario({ regions: { 'cn-hangzhou': { disks: [{ diskId: 'd-1' }] } } }) });
    c = clientsFor(em, undefined, { readTimeout: 300, connectTimeout: 300 });
  });
  beforeEach(() => em.setFaults([]));
  afterAll(() => em.stop());

  test('throttle: 400 Throttling.User with x-acs-retry-after, seen by the SDK as a ThrottlingError', async () => {
    em.setFaults([{ action: 'DescribeDisks', kind: 'throttle', ratePerSec: 1 }]);
    await disks();
    const err = await callError(disks());
    expect(err).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(err.retryAfter).toBeLessThanOrEqual(1000);
  });

  test('error: 503 ServiceUnavailable by default (a ServerError), or the given status and code', async () => {
    em.setFaults([{ action: 'DescribeDisks', kind: 'error', times: 1 }]);
    expect(await callError(disks())).toMatchObject({ name: 'ServerError', code: 'ServiceUnavailable', statusCode: 503 });
    expect((await disks()).statusCode).toBe(200);
    em.setFaults([{ kind: 'error', status: 500, code: 'InternalError' }]);
    expect(await callError(disks())).toMatchObject({ code: 'InternalError', statusCode: 500 });
  });

  test('deny: 403 Forbidden.RAM with an AccessDeniedDetail naming the missing action', async () => {
    em.setFaults([{ action: 'DescribeDisks', kind: 'deny' }, { action: 'ListUsers', kind: 'deny', code: 'NoPermission' }]);
    const err = await callError(disks());
    expect(err).toMatchObject({ name: 'ClientError', code: 'Forbidden.RAM', statusCode: 403 });
    expect(err.accessDeniedDetail?.['AuthAction']).toBe('ecs:DescribeDisks');
    const ram = await callError(c.ram.listUsers(new Ram.ListUsersRequest({})));
    expect(ram.code).toBe('NoPermission');
    expect(ram.accessDeniedDetail?.['AuthAction']).toBe('ram:ListUsers');
  });

  test('timeout: the answer never comes and the socket is dropped; the call is recorded with status 0', async () => {
    em.setFaults([{ action: 'DescribeDisks', kind: 'timeout', ms: 450 }]);
    const before = em.calls.length;
    const err = await callError(disks());
    expect(err.name).toMatch(/Timeout|Error/);
    expect(String(err.message)).toMatch(/timeout|socket hang up|ECONNRESET/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(em.calls[before]?.status).toBe(0);
  });

  test('malformed: 200 with a cut-off body, which the SDK cannot parse', async () => {
    em.setFaults([{ action: 'DescribeDisks', kind: 'malformed' }]);
    const err = await callError(disks());
    expect(err.name).toBe('SyntaxError');
  });

  test('latency: the answer is delayed by the rule plus the base latency', async () => {
    const slow = await startEmulator({ scenario: scenario(), latencyMs: 40, faults: [{ kind: 'latency', ms: 60 }] });
    try {
      const t = Date.now();
      await clientsFor(slow).sts.getCallerIdentity();
      expect(Date.now() - t).toBeGreaterThanOrEqual(95);
    } finally {
      await slow.stop();
    }
  });

  test('region-scoped rules leave other regions alone', async () => {
    const two = await startEmulator({ scenario: scenario({ regions: { 'cn-hangzhou': {}, 'cn-beijing': {} } }), faults: [{ region: 'cn-beijing', kind: 'deny' }] });
    try {
      const { ecs } = clientsFor(two);
      await ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou' }));
      expect((await callError(ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-beijing' })))).code).toBe('Forbidden.RAM');
    } finally {
      await two.stop();
    }
  });
});
