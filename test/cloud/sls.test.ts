import { describe, expect, it } from 'vitest';
import { collectFrom, withEmulator } from './helpers.js';
import type { ScenarioInput } from '../../src/emulator/index.js';
import { collectionPolicyRegion, parseSlsProjectArn, trailLogstore } from '../../src/cloud/collect-sls.js';
import { slsHost } from '../../src/cloud/sls.js';

const ARN = 'acs:log:cn-hangzhou:1234567890123456:project/audit-logs';
// 3 alerts and 3 logstores: with pageSize 1 every list takes three pages.
const account = (): ScenarioInput => ({
  actiontrail: {
    trails: [
      { name: 'main', slsProjectArn: ARN },
      { name: 'oss-only', ossBucketName: 'bucket-a' },
      { name: 'lost', homeRegion: 'cn-hangzhou', slsProjectArn: 'acs:log:cn-shanghai:1234567890123456:project/gone-project' },
    ],
  },
  logService: {
    projects: [
      {
        name: 'audit-logs',
        logstores: [{ name: 'app' }, { name: 'actiontrail_main', ttl: 180 }, { name: 'other', ttl: 7 }],
        alerts: [
          { name: 'root-use', store: 'actiontrail_main', query: 'event.userIdentity.type: root-account' },
          { name: 'kms', store: 'actiontrail_main', enabled: false, query: 'event.eventName: DisableKey or event.eventName: ScheduleKeyDeletion' },
          { name: 'other', store: 'app', query: '* | select count(1)' },
        ],
      },
    ],
  },
});

describe('Log Service through @alicloud/sls20201230 against the emulator', () => {
  it('finds each trail’s project and logstore, reads its retention and every alert over pages, signed as SLS signs', async () => {
    await withEmulator(account(), async (emu) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 1 }, services: ['actiontrail', 'sls'] });
      expect(snap.gaps.filter((g) => g.code !== 'NotRequested')).toEqual([]);
      const [main, lost] = snap.logService!.trailProjects!;
      expect(snap.logService!.trailProjects).toHaveLength(2);
      expect(main).toMatchObject({ trailName: 'main', project: 'audit-logs', region: 'cn-hangzhou', logstore: 'actiontrail_main', logstoreFound: true, ttlDays: 180 });
      expect(main!.alerts!.map((a) => [a.name, a.enabled])).toEqual([
        ['root-use', true],
        ['kms', false],
        ['other', true],
      ]);
      expect(main!.alerts![0]!.queries).toEqual([{ store: 'actiontrail_main', query: 'event.userIdentity.type: root-account' }]);
      // A project that does not exist is an answer: the trail's logstore is not there.
      expect(lost).toMatchObject({ project: 'gone-project', region: 'cn-shanghai', logstoreFound: false, ttlDays: null, alerts: [] });
      expect(emu.calls.filter((c) => c.action === 'ListAlerts' && c.status === 200)).toHaveLength(3);
      expect(emu.calls.filter((c) => c.action === 'ListLogStores' && c.status === 200)).toHaveLength(3);
    });
  });

  it('turns a denied ListAlerts into a gap naming log:ListAlerts and leaves the alerts unknown', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['actiontrail', 'sls'] });
        const main = snap.logService!.trailProjects![0]!;
        expect(main.alerts).toBeNull();
        expect(main.ttlDays).toBe(180);
        const gap = snap.gaps.find((g) => g.action === 'ListAlerts')!;
        expect(gap).toMatchObject({ service: 'sls', code: 'Unauthorized', missingAction: 'log:ListAlerts', resource: 'audit-logs' });
      },
      [{ action: 'ListAlerts', kind: 'deny' }],
    );
  });

  it('leaves retention unknown when GetLogStore keeps failing, and retries throttling', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['actiontrail', 'sls'] });
        const main = snap.logService!.trailProjects![0]!;
        expect(main).toMatchObject({ logstoreFound: true, ttlDays: null });
        expect(main.alerts).toHaveLength(3);
        expect(snap.gaps.find((g) => g.action === 'GetLogStore')).toMatchObject({ service: 'sls', resource: 'audit-logs/actiontrail_main' });
        expect(snap.stats.retries).toBeGreaterThan(0);
      },
      [
        { action: 'GetLogStore', kind: 'error', status: 500, code: 'InternalServerError' },
        { action: 'ListAlerts', kind: 'throttle', ratePerSec: 0.001, times: 1 },
      ],
    );
  });

  it('knows nothing of the logs when the trails could not be read', async () => {
    await withEmulator(
      account(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['actiontrail', 'sls'] });
        expect(snap.logService).toEqual({ trailProjects: null, collectionPolicies: [] });
        // The collection rules do not hang on the trails.
        expect(emu.calls.filter((c) => c.service === 'sls').map((c) => c.action)).toEqual(['ListCollectionPolicies']);
      },
      [{ action: 'DescribeTrails', kind: 'deny' }],
    );
  });

  it('refuses an SLS request whose signature is off, in SLS’s own error shape', async () => {
    await withEmulator(account(), async (emu) => {
      const res = await fetch(`http://${emu.endpoint}/alerts`, {
        headers: { host: 'audit-logs.cn-hangzhou.log.aliyuncs.com', date: new Date().toUTCString(), 'x-log-apiversion': '0.6.0', 'x-log-signaturemethod': 'hmac-sha256', authorization: 'LOG LTAI5tEmulatorTestKey:bm90LXRoZS1zaWduYXR1cmU=' },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-log-requestid')).toBeTruthy();
      expect(await res.json()).toMatchObject({ errorCode: 'SignatureNotMatch' });
    });
  });
});

describe('Log Service collection rules (ListCollectionPolicies)', () => {
  const rules = (): ScenarioInput => ({
    ...account(),
    logService: {
      ...account().logService,
      collectionPolicies: [
        { policyName: 'audit-actiontrail', productCode: 'actiontrail', dataCode: 'actiontrail_log' },
        { policyName: 'waf-logs', productCode: 'waf', dataCode: 'waf_access_log', enabled: false },
        { policyName: 'oss-some', productCode: 'oss', dataCode: 'access_log', resourceMode: 'instanceMode', instanceIds: ['bucket-a'] },
      ],
    },
  });

  it('reads every rule over offset pages at the central region, whatever the trails', async () => {
    await withEmulator(rules(), async (emu) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 1 }, services: ['actiontrail', 'sls'] });
      expect(snap.gaps.filter((g) => g.code !== 'NotRequested')).toEqual([]);
      expect(snap.logService!.collectionPolicies).toEqual([
        { policyName: 'audit-actiontrail', productCode: 'actiontrail', dataCode: 'actiontrail_log', enabled: true, resourceMode: 'all', regions: [], instanceIds: [] },
        { policyName: 'waf-logs', productCode: 'waf', dataCode: 'waf_access_log', enabled: false, resourceMode: 'all', regions: [], instanceIds: [] },
        { policyName: 'oss-some', productCode: 'oss', dataCode: 'access_log', enabled: true, resourceMode: 'instanceMode', regions: [], instanceIds: ['bucket-a'] },
      ]);
      const calls = emu.calls.filter((c) => c.action === 'ListCollectionPolicies');
      expect(calls.map((c) => [c.status, c.region])).toEqual([
        [200, 'cn-shanghai'],
        [200, 'cn-shanghai'],
        [200, 'cn-shanghai'],
      ]);
    });
  });

  it('turns a denied ListCollectionPolicies into a gap naming log:ListCollectionPolicies, and leaves the rules unknown', async () => {
    await withEmulator(
      rules(),
      async (emu) => {
        const snap = await collectFrom(emu, { services: ['actiontrail', 'sls'] });
        expect(snap.logService!.collectionPolicies).toBeNull();
        expect(snap.logService!.trailProjects).toHaveLength(2);
        expect(snap.gaps.find((g) => g.action === 'ListCollectionPolicies')).toMatchObject({ service: 'sls', code: 'Unauthorized', missingAction: 'log:ListCollectionPolicies', region: 'cn-shanghai' });
      },
      [{ action: 'ListCollectionPolicies', kind: 'deny' }],
    );
  });

  it('asks Singapore for a scan homed outside mainland China', () => {
    expect(collectionPolicyRegion('cn-hangzhou')).toBe('cn-shanghai');
    expect(collectionPolicyRegion('eu-central-1')).toBe('ap-southeast-1');
    expect(collectionPolicyRegion('ap-southeast-1')).toBe('ap-southeast-1');
  });
});

describe('SLS readers', () => {
  it('reads a trail’s project ARN, and refuses what is not one', () => {
    expect(parseSlsProjectArn(ARN)).toEqual({ region: 'cn-hangzhou', project: 'audit-logs' });
    expect(parseSlsProjectArn('acs:oss:cn-hangzhou:1:bucket/x')).toBeNull();
    expect(trailLogstore('main')).toBe('actiontrail_main');
  });

  it('puts the project in front of a public endpoint and in the user part of a loopback one', () => {
    expect(slsHost('p1', 'cn-hangzhou.log.aliyuncs.com')).toBe('p1.cn-hangzhou.log.aliyuncs.com');
    expect(slsHost('p1', '127.0.0.1:8080')).toBe('p1@127.0.0.1:8080');
    expect(slsHost(undefined, 'cn-hangzhou.log.aliyuncs.com')).toBe('cn-hangzhou.log.aliyuncs.com');
  });
});
