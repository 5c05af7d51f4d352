import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/emulator/index.js';
import { collectFrom, withEmulator } from './helpers.js';

// ActionTrail and Security Center through the generic RPC door (openapi-core callApi), signed
// and answered by the emulator: the same path a live scan takes.

const account: ScenarioInput = {
  regions: {
    'cn-hangzhou': {
      instances: [
        { instanceId: 'i-web', instanceName: 'web' },
        { instanceId: 'i-db', instanceName: 'db' },
        { instanceId: 'i-old', instanceName: 'old' },
      ],
    },
  },
  actiontrail: {
    trails: [
      { name: 'writes-only', eventRw: 'Write', ossBucketName: 'audit-bucket', trailRegion: 'All' },
      { name: 'stopped', status: 'Disable', trailRegion: 'cn-hangzhou', slsProjectArn: 'acs:log:cn-hangzhou:1:project/p' },
    ],
  },
  securityCenter: {
    version: 1,
    agents: { 'i-db': 'offline', 'i-old': 'none' },
    vulnerabilities: [
      { instanceId: 'i-web', necessity: 'asap' },
      { instanceId: 'i-web', necessity: 'asap', type: 'emg', name: 'emg-1' },
      { instanceId: 'i-web', necessity: 'later', type: 'sys', name: 'kb-1' },
      { instanceId: 'i-db', necessity: 'nntf', name: 'low-1' },
      { instanceId: 'i-db', necessity: 'asap', name: 'fixed-1', unfixed: false },
    ],
    notices: { sas_vulnerability: 0 },
    vulScan: { emg: 'off' },
    protection: { auto_breaking: 'off' },
    fingerprintSchedule: { scheduler_cron_period: 168, scheduler_port_period: 1 },
  },
};

describe('ActionTrail and Security Center collection', () => {
  it('reads trails with their logging status, and agents, vulnerabilities and settings, across pages', async () => {
    await withEmulator(account, async (emu) => {
      const snap = await collectFrom(emu, { limits: { pageSize: 1 } });
      expect(snap.gaps).toEqual([]);
      expect(snap.actiontrail?.trails).toEqual([
        { name: 'writes-only', homeRegion: 'cn-hangzhou', trailRegion: 'All', status: 'Enable', eventRw: 'Write', slsProjectArn: null, ossBucketName: 'audit-bucket', isLogging: true },
        { name: 'stopped', homeRegion: 'cn-hangzhou', trailRegion: 'cn-hangzhou', status: 'Disable', eventRw: 'All', slsProjectArn: 'acs:log:cn-hangzhou:1:project/p', ossBucketName: null, isLogging: false },
      ]);
      const sc = snap.securityCenter!;
      expect(sc.agents).toEqual({ 'i-web': 'online', 'i-db': 'offline' });
      expect(sc.vulns).toEqual({ 'i-web': { high: 2, medium: 1, low: 0 }, 'i-db': { high: 0, medium: 0, low: 1 } });
      expect(sc.edition).toEqual({ version: 1, trial: false });
      expect(sc.notices?.['sas_vulnerability']).toBe(0);
      expect(sc.notices?.['sas_healthcheck']).toBe(7);
      expect(sc.vulScan).toMatchObject({ emg: 'off', cve: 'on' });
      // Config Assessment (CSPM) authorisation: asked for its own service-linked role.
      expect(sc.cspmAuthorised).toBe(true);
      expect(emu.calls.find((c) => c.action === 'DescribeServiceLinkedRoleStatus')).toBeDefined();
      // Virus Blocking (CIS 8.3) is the auto_breaking switch; fingerprints (8.8) are asked type by type.
      expect(sc.virusBlocking).toBe(false);
      expect(sc.fingerprintSchedule).toEqual({ scheduler_port_period: 1, scheduler_process_period: 24, scheduler_software_period: 24, scheduler_cron_period: 168, scheduler_sca_period: 24 });
      expect(emu.calls.filter((c) => c.action === 'GetPropertyScheduleConfig')).toHaveLength(5);
      // Paged one at a time: every page was asked for.
      expect(emu.calls.filter((c) => c.action === 'DescribeCloudCenterInstances')).toHaveLength(2);
      expect(emu.calls.filter((c) => c.service === 'sas').every((c) => c.status === 200)).toBe(true);
    });
  });

  it('a denied Security Center call is a gap naming the yundun-sas permission, and that part stays unknown', async () => {
    await withEmulator(
      account,
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.securityCenter!.vulns).toBeNull();
        expect(snap.securityCenter!.agents).not.toBeNull();
        expect(snap.gaps.length).toBeGreaterThan(0);
        for (const g of snap.gaps) {
          expect(g).toMatchObject({ service: 'sas', action: 'DescribeVulList', code: 'Forbidden.RAM', missingAction: 'yundun-sas:DescribeVulList' });
        }
      },
      [{ action: 'DescribeVulList', kind: 'deny' }],
    );
  });

  it('a denied DescribeServiceLinkedRoleStatus leaves Config Assessment unknown, never authorised', async () => {
    await withEmulator(
      account,
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.securityCenter!.cspmAuthorised).toBeNull();
        expect(snap.gaps.map((g) => g.missingAction)).toEqual(['yundun-sas:DescribeServiceLinkedRoleStatus']);
      },
      [{ action: 'DescribeServiceLinkedRoleStatus', kind: 'deny' }],
    );
  });

  it('a denied Virus Blocking or fingerprint call leaves that setting unknown, never on or daily', async () => {
    await withEmulator(
      account,
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.securityCenter!.virusBlocking).toBeNull();
        expect(snap.securityCenter!.fingerprintSchedule).toBeNull();
        expect(new Set(snap.gaps.map((g) => g.missingAction))).toEqual(new Set(['yundun-sas:DescribeSuspiciousOverallConfig', 'yundun-sas:GetPropertyScheduleConfig']));
        // One gap per fingerprint type, naming it.
        expect(snap.gaps.filter((g) => g.action === 'GetPropertyScheduleConfig').map((g) => g.resource).sort()).toEqual([
          'scheduler_cron_period',
          'scheduler_port_period',
          'scheduler_process_period',
          'scheduler_sca_period',
          'scheduler_software_period',
        ]);
      },
      [
        { action: 'DescribeSuspiciousOverallConfig', kind: 'deny' },
        { action: 'GetPropertyScheduleConfig', kind: 'deny' },
      ],
    );
  });

  it('a denied DescribeTrails leaves the trails unknown (never "no trail"); a throttled one is retried to completion', async () => {
    await withEmulator(
      account,
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.actiontrail).toEqual({ trails: null });
        expect(snap.gaps).toEqual([expect.objectContaining({ service: 'actiontrail', action: 'DescribeTrails', missingAction: 'actiontrail:DescribeTrails' })]);
      },
      [{ action: 'DescribeTrails', kind: 'deny' }],
    );
    await withEmulator(
      account,
      async (emu) => {
        const snap = await collectFrom(emu);
        expect(snap.gaps).toEqual([]);
        expect(snap.actiontrail!.trails).toHaveLength(2);
        expect(snap.stats.retries).toBeGreaterThan(0);
      },
      [{ action: 'GetTrailStatus', kind: 'throttle', ratePerSec: 0.001, times: 2 }],
    );
  });
});
