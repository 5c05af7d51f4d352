import { describe, expect, it } from 'vitest';
import { collectFrom, optionsFor, withEmulator } from './helpers.js';
import { scenario, startEmulator } from '../../src/emulator/index.js';
import { collectSnapshot } from '../../src/cloud/index.js';
import { AccountData } from '../../src/emulator/data.js';
import { answerOss, ossTarget } from '../../src/emulator/services/oss.js';
import type { ScenarioInput } from '../../src/emulator/index.js';
import { many, toStatements } from '../../src/cloud/collect-oss.js';
import { reshape } from '../../src/cloud/oss.js';
import { classifyError } from '../../src/cloud/call-error.js';

// OSS through ali-oss against the emulator: V1 signature checked, bucket addressed in the Host
// header at its own region, XML bodies, "not configured" 404s read as answers.

const filler = Array.from({ length: 3 }, (_, i) => ({ name: `fill-${i}-bucket` }));
const account = (): ScenarioInput => ({
  oss: {
    blockPublicAccess: true,
    buckets: [
      { name: 'open-bucket', region: 'cn-shanghai', acl: 'public-read-write', httpsOnly: false, sse: 'none', logTo: null, versioning: 'Off' },
      { name: 'kept-bucket', sse: 'KMS', kmsKeyId: 'key-123', worm: 'Locked', retentionDays: 365, blockPublicAccess: true },
      ...filler,
    ],
  },
});

describe('OSS through ali-oss against the emulator', () => {
  it('reads every bucket over marker pages, each at its own region, with every setting', async () => {
    await withEmulator(account(), async (emu) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 2 } });
      expect(snap.gaps).toEqual([]);
      const oss = snap.oss!;
      expect(oss.blockPublicAccess).toBe(true);
      expect(oss.buckets!.map((b) => b.name)).toEqual(['fill-0-bucket', 'fill-1-bucket', 'fill-2-bucket', 'kept-bucket', 'open-bucket']);
      const open = oss.buckets!.find((b) => b.name === 'open-bucket')!;
      expect(open).toEqual({
        name: 'open-bucket',
        region: 'cn-shanghai',
        creationDate: '2026-01-05T08:00:00.000Z',
        acl: 'public-read-write',
        policy: [],
        encryption: { algorithm: 'none', kmsKeyId: null },
        logging: { enabled: false, targetBucket: null },
        versioning: 'Off',
        worm: { state: 'none', retentionDays: 0 },
        blockPublicAccess: false,
      });
      const kept = oss.buckets!.find((b) => b.name === 'kept-bucket')!;
      expect(kept).toMatchObject({
        acl: 'private',
        encryption: { algorithm: 'KMS', kmsKeyId: 'key-123' },
        logging: { enabled: true, targetBucket: 'kept-bucket' },
        versioning: 'Enabled',
        worm: { state: 'Locked', retentionDays: 365 },
        blockPublicAccess: true,
      });
      expect(kept.policy![0]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'acs:SecureTransport': ['false'] } } });
      expect(emu.calls.filter((c) => c.action === 'ListBuckets').length).toBe(3);
      expect(emu.calls.filter((c) => c.service === 'oss').every((c) => c.status === 200 || c.status === 404)).toBe(true);
      expect(emu.calls.find((c) => c.action === 'GetBucketAcl' && c.region === 'cn-shanghai')).toBeDefined();
    });
  });

  it('refuses a request signed with the wrong secret (SignatureDoesNotMatch), as a gap', async () => {
    await withEmulator(account(), async (emu) => {
      const snap = await collectFrom(emu, { credential: { accessKeyId: 'LTAI5tEmulatorTestKey', accessKeySecret: 'wrong' }, services: ['oss'] });
      expect(snap.oss!.buckets).toBeNull();
      expect(snap.gaps.find((g) => g.action === 'ListBuckets')!.code).toBe('SignatureDoesNotMatch');
    });
  });

  it('turns a denied list into a gap naming oss:ListBuckets and leaves the buckets unknown', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['oss'] });
        expect(snap.oss!.buckets).toBeNull();
        expect(snap.gaps.map((g) => g.missingAction)).toContain('oss:ListBuckets');
      },
      [{ action: 'ListBuckets', kind: 'deny' }],
    );
  });

  it('keeps a bucket whose policy and ACL reads were denied, with those unknown and one gap each', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['oss'] });
        const open = snap.oss!.buckets!.find((b) => b.name === 'open-bucket')!;
        expect(open).toMatchObject({ acl: null, policy: null, versioning: 'Off' });
        const mine = snap.gaps.filter((g) => g.resource === 'open-bucket').map((g) => g.missingAction).sort();
        expect(mine).toEqual(['oss:GetBucketAcl', 'oss:GetBucketPolicy']);
      },
      [
        { action: 'GetBucketAcl', region: 'cn-shanghai', kind: 'deny' },
        { action: 'GetBucketPolicy', region: 'cn-shanghai', kind: 'deny' },
      ],
    );
  });

  it('retries a throttled (503) bucket read and then succeeds', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['oss'] });
        expect(snap.gaps.filter((g) => g.code !== 'NotRequested')).toEqual([]);
        expect(snap.stats.retries).toBeGreaterThanOrEqual(2);
      },
      [{ action: 'GetBucketEncryption', kind: 'error', status: 503, times: 2 }],
    );
  });

  it('reads a cut-off XML answer as Malformed, not as an empty bucket list', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['oss'] });
        expect(snap.oss!.buckets).toBeNull();
        expect(snap.gaps.find((g) => g.action === 'ListBuckets')!.code).toBe('Malformed');
      },
      [{ action: 'ListBuckets', kind: 'malformed' }],
    );
  });
});

describe('OSS with STS credentials and regional hosts', () => {
  it('sends the STS token as x-oss-security-token, and a wrong token is refused', async () => {
    const sts = { accessKeyId: 'STS.NUemulatorOss01', accessKeySecret: 'sts-secret', securityToken: 'CAISemulatorToken' };
    const emu = await startEmulator({ scenario: scenario(account()), credentials: [sts] });
    try {
      const ok = await collectSnapshot(optionsFor(emu, { credential: sts, services: ['oss'] }));
      expect(ok.oss!.buckets).toHaveLength(5);
      expect(ok.gaps.filter((g) => g.service === 'oss')).toEqual([]);
      const bad = await collectSnapshot(optionsFor(emu, { credential: { ...sts, securityToken: 'CAISwrong' }, services: ['oss'] }));
      expect(bad.oss!.buckets).toBeNull();
      expect(bad.gaps.find((g) => g.action === 'ListBuckets')!.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    } finally {
      await emu.stop();
    }
  });

  it('refuses a bucket asked at another region\'s host, as OSS does', () => {
    const data = new AccountData(scenario(account()));
    const wrong = ossTarget('open-bucket.oss-cn-hangzhou.aliyuncs.com', '/?acl');
    expect(() => answerOss('GetBucketAcl', wrong, data)).toThrow(/must be addressed using the specified endpoint/);
    const right = ossTarget('open-bucket.oss-cn-shanghai.aliyuncs.com', '/?acl');
    expect(answerOss('GetBucketAcl', right, data).body).toContain('<Grant>public-read-write</Grant>');
    expect(ossTarget('127.0.0.1:8080', '/open-bucket/?acl').bucket).toBe('open-bucket');
  });
});

describe('OSS readers', () => {
  it('reads one element and several alike', () => {
    expect(many({ Name: 'a' })).toEqual([{ Name: 'a' }]);
    expect(many([{ Name: 'a' }, { Name: 'b' }])).toHaveLength(2);
    expect(many(undefined)).toEqual([]);
    expect(toStatements({ Statement: { Effect: 'Allow' } })).toEqual([{ Effect: 'Allow' }]);
  });

  it('maps ali-oss failures onto the classes the retry layer knows', () => {
    const denied = classifyError(reshape(Object.assign(new Error('no'), { name: 'AccessDeniedError', status: 403, code: 'AccessDenied' }), 'oss:GetBucketAcl'));
    expect(denied).toMatchObject({ kind: 'denied', missingAction: 'oss:GetBucketAcl' });
    expect(classifyError(reshape(Object.assign(new Error('x'), { name: 'ResponseTimeoutError' }), 'oss:X')).kind).toBe('timeout');
    expect(classifyError(reshape(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'RequestError', status: -1 }), 'oss:X')).kind).toBe('network');
    expect(classifyError(reshape(Object.assign(new Error('slow'), { status: 503, code: 'ServiceUnavailable' }), 'oss:X')).kind).toBe('throttle');
  });
});
