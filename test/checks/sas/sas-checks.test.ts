import { describe, expect, it } from 'vitest';
import { actiontrailNotEnabled } from '../../../src/checks/actiontrail/not-enabled.js';
import { actiontrailNotLogging } from '../../../src/checks/actiontrail/not-logging.js';
import { actiontrailPartialEvents } from '../../../src/checks/actiontrail/partial-events.js';
import { noSecurityAgent } from '../../../src/checks/ecs/no-security-agent.js';
import { unpatched } from '../../../src/checks/ecs/unpatched.js';
import { sasBasicEdition } from '../../../src/checks/sas/basic-edition.js';
import { sasConfigAssessmentUnauthorised } from '../../../src/checks/sas/config-assessment-unauthorised.js';
import { sasNotificationsOff } from '../../../src/checks/sas/notifications-off.js';
import { sasVulnScanOff } from '../../../src/checks/sas/vuln-scan-off.js';
import { sasVirusBlockingOff } from '../../../src/checks/sas/virus-blocking-off.js';
import { sasFingerprintsNotDaily } from '../../../src/checks/sas/fingerprints-not-daily.js';
import { run, statuses } from '../../builders/context.js';
import { buildActionTrail, buildGap, buildInstance, buildSnapshot, buildTrail } from '../../builders/snapshot.js';

const trails = (...t: Parameters<typeof buildTrail>[0][]) => buildSnapshot({ actiontrail: buildActionTrail({ trails: t.map(buildTrail) }) });
const sasGap = (action: string) => buildGap({ service: 'sas', region: undefined, action, missingAction: `yundun-sas:${action}` });

describe('actiontrail.not-enabled', () => {
  it('passes with an enabled all-region trail delivering to SLS or OSS', () => {
    const f = run(actiontrailNotEnabled);
    expect(statuses(f)).toEqual(['pass']);
    expect(f[0]!.reason.en).toBe('Account prod (1234567890123456) has trail account-trail recording all regions into SLS actiontrail-audit.');
    expect(statuses(run(actiontrailNotEnabled, trails({ slsProjectArn: null, ossBucketName: 'audit' })))).toEqual(['pass']);
  });
  it('fails with no trail, or only trails that fall short, and says why for each', () => {
    expect(run(actiontrailNotEnabled, trails())[0]!.reason.en).toContain('there is no trail at all');
    const f = run(actiontrailNotEnabled, trails({ name: 'hz', trailRegion: 'cn-hangzhou' }, { name: 'off', status: 'Disable', isLogging: false }, { name: 'nowhere', slsProjectArn: null }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('hz records only cn-hangzhou; off is Disable; nowhere delivers to neither SLS nor OSS');
    expect(f[0]!.reason.zh).toContain('hz 只记录 cn-hangzhou');
  });
  it('errors when the trails could not be listed or ActionTrail was not collected', () => {
    const gap = buildGap({ service: 'actiontrail', region: 'cn-hangzhou', action: 'DescribeTrails', missingAction: 'actiontrail:DescribeTrails' });
    const f = run(actiontrailNotEnabled, buildSnapshot({ actiontrail: { trails: null }, gaps: [gap] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant actiontrail:DescribeTrails');
    expect(statuses(run(actiontrailNotEnabled, buildSnapshot({ actiontrail: null })))).toEqual(['error']);
    // An older stored snapshot has no ActionTrail part at all: unknown, not a pass.
    const { actiontrail: _, ...old } = buildSnapshot();
    expect(statuses(run(actiontrailNotEnabled, old))).toEqual(['error']);
  });
});

describe('actiontrail.not-logging and actiontrail.partial-events', () => {
  it('judge each trail', () => {
    const snap = trails({ name: 'a' }, { name: 'b', isLogging: false, status: 'Disable', eventRw: 'Write' }, { name: 'c', eventRw: 'Read' });
    const logging = run(actiontrailNotLogging, snap);
    expect(statuses(logging)).toEqual(['fail', 'pass', 'pass']);
    expect(logging[0]!.reason.en).toBe('Trail b is not logging (status Disable): no events are being recorded by it.');
    const events = run(actiontrailPartialEvents, snap);
    expect(statuses(events)).toEqual(['fail', 'fail', 'pass']);
    expect(events.map((e) => e.reason.en)).toContain('Trail b records only write events (EventRW Write).');
  });
  it('an unknown logging state is an error naming GetTrailStatus', () => {
    const gap = buildGap({ service: 'actiontrail', region: 'cn-hangzhou', resource: 'x', action: 'GetTrailStatus', missingAction: 'actiontrail:GetTrailStatus' });
    const f = run(actiontrailNotLogging, buildSnapshot({ actiontrail: buildActionTrail({ trails: [buildTrail({ name: 'x', isLogging: null })] }), gaps: [gap] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant actiontrail:GetTrailStatus');
  });
});

describe('ecs.instance.no-security-agent', () => {
  it('lists instances without an agent or with it offline, by name', () => {
    const snap = buildSnapshot({
      region: { instances: [buildInstance(), buildInstance({ instanceId: 'i-2', instanceName: 'db' }), buildInstance({ instanceId: 'i-3', instanceName: 'batch' }), buildInstance({ instanceId: 'i-4', instanceName: 'parked', status: 'Stopped' })] },
      sasData: { agents: { 'i-1': 'online', 'i-3': 'offline', 'i-4': 'offline' } },
    });
    const f = run(noSecurityAgent, snap);
    expect(f.map((x) => [x.status, x.reason.en])).toEqual([
      ['fail', 'Instance db (i-2) has no Security Center agent installed.'],
      ['fail', 'Instance batch (i-3) is running but its Security Center agent is offline.'],
      ['skip', 'Instance parked (i-4) is Stopped; its Security Center agent reports offline until it runs.'],
      ['pass', 'Instance web-1 (i-1) has the Security Center agent online.'],
    ]);
    expect(f[0]!.reason.zh).toBe('实例 db(i-2)未安装云安全中心客户端。');
  });
  it('errors when the agent list is unknown, naming the permission', () => {
    const f = run(noSecurityAgent, buildSnapshot({ sasData: { agents: null }, gaps: [sasGap('DescribeCloudCenterInstances')] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant yundun-sas:DescribeCloudCenterInstances');
    expect(statuses(run(noSecurityAgent, buildSnapshot({ securityCenter: null })))).toEqual(['error']);
  });
});

describe('ecs.instance.unpatched', () => {
  it('fails instances with unfixed high-priority vulnerabilities, with counts by priority', () => {
    const snap = buildSnapshot({
      region: { instances: [buildInstance(), buildInstance({ instanceId: 'i-2', instanceName: 'db' }), buildInstance({ instanceId: 'i-3', instanceName: 'bare' })] },
      sasData: { agents: { 'i-1': 'online', 'i-2': 'online' }, vulns: { 'i-1': { high: 3, medium: 1, low: 0 }, 'i-2': { high: 0, medium: 2, low: 4 } } },
    });
    const f = run(unpatched, snap);
    expect(f.map((x) => [x.status, x.resource.id])).toEqual([['fail', 'i-1'], ['skip', 'i-3'], ['pass', 'i-2']]);
    expect(f[0]!.reason.en).toBe('Instance web-1 (i-1) has unfixed vulnerabilities: 3 high, 1 medium, 0 low.');
    expect(f[0]!.reason.zh).toBe('实例 web-1(i-1)存在未修复漏洞:高 3 个、中 1 个、低 0 个。');
    expect(f[2]!.reason.en).toContain('still unfixed: 0 high, 2 medium, 4 low');
  });
  it('errors when the vulnerability list is unknown', () => {
    const f = run(unpatched, buildSnapshot({ sasData: { vulns: null }, gaps: [sasGap('DescribeVulList')] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant yundun-sas:DescribeVulList');
  });
});

describe('sas.basic-edition, sas.notifications-off, sas.vuln-scan-off', () => {
  it('pass on the clean account', () => {
    for (const c of [sasBasicEdition, sasNotificationsOff, sasVulnScanOff]) expect(statuses(run(c)), c.meta.id).toEqual(['pass']);
  });
  it('fail on the basic edition, notifications off and scans off, naming what', () => {
    expect(run(sasBasicEdition, buildSnapshot({ sasData: { edition: { version: 1, trial: false } } }))[0]!.reason.en).toBe(
      'Account prod (1234567890123456) runs Security Center Basic, which does not scan for vulnerabilities or check baselines.',
    );
    const n = run(sasNotificationsOff, buildSnapshot({ sasData: { notices: { sas_vulnerability: 0, yundun_sas_vul_Emergency: 7, sas_healthcheck: 0, sas_suspicious: 7, yundun_sas_ak_leakage: 7 } } }));
    expect(statuses(n)).toEqual(['fail']);
    expect(n[0]!.reason.en).toContain('off for sas_vulnerability, sas_healthcheck');
    expect(n[0]!.remediation.console.en).toContain('For sas_vulnerability, sas_healthcheck, turn on');
    const v = run(sasVulnScanOff, buildSnapshot({ sasData: { vulScan: { yum: 'on', cve: 'on', sys: 'on', cms: 'off', emg: 'off' } } }));
    expect(v[0]!.reason.en).toContain('does not scan for cms, emg vulnerabilities');
  });
  it('a setting that is not reported is unknown, not on', () => {
    expect(statuses(run(sasNotificationsOff, buildSnapshot({ sasData: { notices: { sas_vulnerability: 7 } } })))).toEqual(['error']);
    expect(statuses(run(sasVulnScanOff, buildSnapshot({ sasData: { vulScan: {} } })))).toEqual(['error']);
  });
  it('error when the call was denied, naming the permission', () => {
    for (const [check, action, field] of [
      [sasBasicEdition, 'DescribeVersionConfig', 'edition'],
      [sasNotificationsOff, 'DescribeNoticeConfig', 'notices'],
      [sasVulnScanOff, 'DescribeVulConfig', 'vulScan'],
    ] as const) {
      const f = run(check, buildSnapshot({ sasData: { [field]: null }, gaps: [sasGap(action)] }));
      expect(statuses(f), check.meta.id).toEqual(['error']);
      expect(f[0]!.reason.en).toContain(`grant yundun-sas:${action}`);
    }
  });
});

describe('sas.config-assessment-unauthorised (CIS 8.6)', () => {
  it('passes when the CSPM service-linked role exists and fails when it does not', () => {
    expect(statuses(run(sasConfigAssessmentUnauthorised))).toEqual(['pass']);
    const f = run(sasConfigAssessmentUnauthorised, buildSnapshot({ sasData: { cspmAuthorised: false } }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('AliyunServiceRoleForSasCspm does not exist');
  });
  it('errors when the role status is unknown: denied, or stored before it was read', () => {
    const denied = run(sasConfigAssessmentUnauthorised, buildSnapshot({ sasData: { cspmAuthorised: null }, gaps: [sasGap('DescribeServiceLinkedRoleStatus')] }));
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('yundun-sas:DescribeServiceLinkedRoleStatus');
    const old = buildSnapshot();
    delete old.securityCenter!.cspmAuthorised;
    expect(statuses(run(sasConfigAssessmentUnauthorised, old))).toEqual(['error']);
  });
});

describe('sas.virus-blocking-off (CIS 8.3)', () => {
  it('passes with Virus Blocking on and fails with it off', () => {
    expect(statuses(run(sasVirusBlockingOff))).toEqual(['pass']);
    const f = run(sasVirusBlockingOff, buildSnapshot({ sasData: { virusBlocking: false } }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toBe('Account prod (1234567890123456) has Security Center Virus Blocking off: a virus found is only alerted on, not quarantined.');
    expect(f[0]!.reason.zh).toContain('未开启云安全中心病毒防御');
  });
  it('errors when the switch is unknown: denied, or stored before it was read', () => {
    const denied = run(sasVirusBlockingOff, buildSnapshot({ sasData: { virusBlocking: null }, gaps: [sasGap('DescribeSuspiciousOverallConfig')] }));
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('grant yundun-sas:DescribeSuspiciousOverallConfig');
    const old = buildSnapshot();
    delete old.securityCenter!.virusBlocking;
    expect(statuses(run(sasVirusBlockingOff, old))).toEqual(['error']);
  });
});

describe('sas.fingerprints-not-daily (CIS 8.8)', () => {
  const daily = { scheduler_port_period: 24, scheduler_process_period: 24, scheduler_software_period: 24, scheduler_cron_period: 24, scheduler_sca_period: 24 };
  const schedule = (o: Record<string, number>) => buildSnapshot({ sasData: { fingerprintSchedule: { ...daily, ...o } } });
  const byType = (f: ReturnType<typeof run>) => Object.fromEntries(f.map((x) => [x.detail, x.status]));
  it('one result per named type: passes when collected at least daily (hourly counts)', () => {
    const f = run(sasFingerprintsNotDaily);
    expect(f.map((x) => x.detail).sort()).toEqual(Object.keys(daily).sort());
    expect(statuses(f)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(statuses(run(sasFingerprintsNotDaily, schedule({ scheduler_port_period: 1, scheduler_sca_period: 12 })))).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });
  it('fails each type collected weekly or never, naming its frequency and its own fix', () => {
    const f = run(sasFingerprintsNotDaily, schedule({ scheduler_process_period: 168, scheduler_cron_period: 0 }));
    expect(byType(f)).toEqual({ scheduler_port_period: 'pass', scheduler_process_period: 'fail', scheduler_software_period: 'pass', scheduler_cron_period: 'fail', scheduler_sca_period: 'pass' });
    const proc = f.find((x) => x.detail === 'scheduler_process_period')!;
    expect(proc.reason.en).toBe('Account prod (1234567890123456) collects running processes fingerprints every 7 days, not daily.');
    expect(proc.reason.zh).toContain('运行进程指纹每 7 天');
    expect(proc.remediation.cli).toBe('aliyun sas ModifyPropertyScheduleConfig --Type scheduler_process_period --ScheduleTime 24');
    expect(f.find((x) => x.detail === 'scheduler_cron_period')!.reason.en).toContain('never');
  });
  it('a type not read is unknown, not daily; a slow type still fails beside it', () => {
    const { scheduler_sca_period: _, ...partial } = daily;
    const gaps = [buildGap({ service: 'sas', region: undefined, action: 'GetPropertyScheduleConfig', resource: 'scheduler_sca_period', missingAction: 'yundun-sas:GetPropertyScheduleConfig' })];
    const u = run(sasFingerprintsNotDaily, buildSnapshot({ sasData: { fingerprintSchedule: { ...partial, scheduler_port_period: 0 } }, gaps }));
    expect(byType(u)).toMatchObject({ scheduler_sca_period: 'error', scheduler_port_period: 'fail', scheduler_cron_period: 'pass' });
    expect(u.find((x) => x.detail === 'scheduler_sca_period')!.reason.en).toContain('grant yundun-sas:GetPropertyScheduleConfig');
  });
  it('errors for every type when nothing could be read, or it was stored before it was read', () => {
    const denied = run(sasFingerprintsNotDaily, buildSnapshot({ sasData: { fingerprintSchedule: null }, gaps: [sasGap('GetPropertyScheduleConfig')] }));
    // Denied account-wide: the framework says so once for the check, not once per type.
    expect(statuses(denied)).toEqual(['error']);
    expect(denied[0]!.reason.en).toContain('grant yundun-sas:GetPropertyScheduleConfig');
    const old = buildSnapshot();
    delete old.securityCenter!.fingerprintSchedule;
    const stale = run(sasFingerprintsNotDaily, old);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((x) => x.status === 'error')).toBe(true);
  });
});
