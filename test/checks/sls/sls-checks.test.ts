import { describe, expect, it } from 'vitest';
import { slsAlertMissing } from '../../../src/checks/sls/alert-missing.js';
import { slsRetentionShort } from '../../../src/checks/sls/retention-short.js';
import { loadAlertRules, queryMatches } from '../../../src/checks/sls/alert-rules.js';
import { buildContext, run as runAll, scanWith, statuses } from '../../builders/context.js';

/** The findings that are not passes (the scan builder keeps passes too). */
const run = (...a: Parameters<typeof runAll>) => runAll(...a).filter((f) => f.status !== 'pass');
import { buildGap, buildLogService, buildSlsAlert, buildSlsTrailProject, buildSnapshot } from '../../builders/snapshot.js';

const withProjects = (...p: ReturnType<typeof buildSlsTrailProject>[]) => buildSnapshot({ logService: buildLogService({ trailProjects: p }) });
const RULES = loadAlertRules().map((r) => r.id);
const byRule = (check = slsAlertMissing, snapshot = buildSnapshot()) => Object.fromEntries(check.run(buildContext({ snapshot })).map((r) => [r.detail, r.status]));

describe('sls.alert-missing', () => {
  it('passes every rule when each has an enabled alert on the trail logstore', () => {
    const results = slsAlertMissing.run(buildContext({ snapshot: buildSnapshot() }));
    expect(results.map((r) => r.detail)).toEqual(RULES);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['pass']));
    expect(RULES).toHaveLength(13);
  });

  it('fails a rule with no alert, and says so when the only one is disabled', () => {
    const alerts = RULES.filter((id) => id !== 'root-account-use' && id !== 'kms-key-disable-delete').map((id) => buildSlsAlert(id));
    alerts.push(buildSlsAlert('kms-key-disable-delete', { enabled: false, displayName: 'kms watch' }));
    const f = run(slsAlertMissing, withProjects(buildSlsTrailProject({ alerts })));
    const by = Object.fromEntries(f.map((x) => [x.detail, x]));
    expect(Object.keys(by).sort()).toEqual(['kms-key-disable-delete', 'root-account-use']);
    expect(by['root-account-use']!.reason.en).toBe('Account prod (1234567890123456) has no enabled Log Service alert on root account use (CIS 2.18) over the ActionTrail logs in actiontrail-audit/actiontrail_account-trail.');
    expect(by['kms-key-disable-delete']!.reason.en).toContain('Alert kms watch would watch it but is disabled.');
    expect(by['kms-key-disable-delete']!.reason.zh).toContain('已停用');
    expect(by['root-account-use']!.remediation.cli).toBe('aliyun sls ListAlerts --project actiontrail-audit --RegionId cn-hangzhou');
  });

  it('does not count an alert on another logstore, or one that leaves an event out', () => {
    const other = buildSlsAlert('vpc-changes', {}, 'app-logs');
    const partial = { ...buildSlsAlert('vpc-route-changes'), queries: [{ store: 'actiontrail_account-trail', query: 'event.eventName: CreateRouteEntry' }] };
    const alerts = [...RULES.filter((id) => !id.startsWith('vpc')).map((id) => buildSlsAlert(id)), other, partial];
    expect(statuses(run(slsAlertMissing, withProjects(buildSlsTrailProject({ alerts })))).sort()).toEqual(['fail', 'fail']);
  });

  it('fails every rule when no trail delivers to Log Service, or its logstore is gone', () => {
    expect(Object.values(byRule(slsAlertMissing, withProjects()))).toEqual(RULES.map(() => 'fail'));
    const gone = run(slsAlertMissing, withProjects(buildSlsTrailProject({ logstoreFound: false, alerts: [] })));
    expect(gone).toHaveLength(13);
    expect(gone[0]!.reason.en).toContain('no ActionTrail trail delivers to Log Service');
  });

  it('errors per rule when the alerts could not be read, naming log:ListAlerts, unless another project has the alert', () => {
    const denied = buildGap({ service: 'sls', action: 'ListAlerts', resource: 'actiontrail-audit', code: 'Unauthorized', missingAction: 'log:ListAlerts' });
    const f = run(slsAlertMissing, buildSnapshot({ logService: buildLogService({ trailProjects: [buildSlsTrailProject({ alerts: null })] }), gaps: [denied] }));
    expect(statuses(f)).toEqual(RULES.map(() => 'error'));
    expect(f[0]!.reason.en).toContain('grant log:ListAlerts');
    const second = buildSlsTrailProject({ trailName: 'eu', project: 'eu-audit', logstore: 'actiontrail_eu', alerts: RULES.map((id) => buildSlsAlert(id, {}, 'actiontrail_eu')) });
    expect(run(slsAlertMissing, buildSnapshot({ logService: buildLogService({ trailProjects: [buildSlsTrailProject({ alerts: null }), second] }), gaps: [denied] }))).toEqual([]);
  });

  it('is one error when Log Service or the trails were not read at all, also for snapshots stored before SLS was collected', () => {
    const trails = buildGap({ service: 'actiontrail', action: 'DescribeTrails', missingAction: 'actiontrail:DescribeTrails' });
    const f = run(slsAlertMissing, buildSnapshot({ logService: { trailProjects: null }, gaps: [trails] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('actiontrail:DescribeTrails');
    const old = buildSnapshot();
    delete old.logService;
    expect(statuses(run(slsAlertMissing, old))).toEqual(['error']);
  });
});

describe('the alert rules data', () => {
  it('map CIS 2.10-2.22 one to one', () => {
    expect(loadAlertRules().map((r) => r.cis)).toEqual(Array.from({ length: 13 }, (_, i) => `2.${i + 10}`));
  });
  it('match by names, case and syntax aside', () => {
    const root = loadAlertRules().find((r) => r.id === 'root-account-use')!;
    expect(queryMatches(root, 'event.userIdentity.type: ROOT-ACCOUNT | select count(1)')).toBe(true);
    expect(queryMatches(root, 'event.userIdentity.type: ram-user')).toBe(false);
    const sg = loadAlertRules().find((r) => r.id === 'security-group-changes')!;
    expect(queryMatches(sg, 'event.eventName in (AuthorizeSecurityGroup, RevokeSecurityGroup)')).toBe(false);
  });
});

describe('sls.retention-short', () => {
  it('passes a trail logstore kept 365 days or more (3650 = for ever)', () => {
    expect(run(slsRetentionShort)).toEqual([]);
    expect(run(slsRetentionShort, withProjects(buildSlsTrailProject({ ttlDays: 3650 })))).toEqual([]);
  });
  it('fails a shorter retention, naming the logstore, and follows the threshold', () => {
    const f = run(slsRetentionShort, withProjects(buildSlsTrailProject({ ttlDays: 180 })));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.resource).toMatchObject({ type: 'sls-logstore', id: 'actiontrail-audit/actiontrail_account-trail', region: 'cn-hangzhou' });
    expect(f[0]!.reason.en).toBe('Logstore actiontrail_account-trail (actiontrail-audit/actiontrail_account-trail) keeps the logs of trail account-trail for only 180 days; the benchmark asks for at least 365.');
    expect(f[0]!.remediation.console.en).toContain('(365 days)');
    expect(run(slsRetentionShort, withProjects(buildSlsTrailProject({ ttlDays: 180 })), { slsRetentionDays: 180 })).toEqual([]);
  });
  it('fails a missing logstore and an account whose trails do not reach SLS', () => {
    expect(run(slsRetentionShort, withProjects(buildSlsTrailProject({ logstoreFound: false, ttlDays: null })))[0]!.reason.en).toContain('does not exist in project actiontrail-audit');
    expect(statuses(run(slsRetentionShort, withProjects()))).toEqual(['fail']);
  });
  it('errors when the retention could not be read, naming the permission', () => {
    const gap = buildGap({ service: 'sls', action: 'GetLogStore', resource: 'actiontrail-audit/actiontrail_account-trail', code: 'Unauthorized', missingAction: 'log:GetLogStore' });
    const f = run(slsRetentionShort, buildSnapshot({ logService: buildLogService({ trailProjects: [buildSlsTrailProject({ ttlDays: null })] }), gaps: [gap] }));
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant log:GetLogStore');
  });
  it('is counted as passing through a whole scan on a clean snapshot', () => {
    expect(scanWith(buildSnapshot(), { checks: [slsRetentionShort, slsAlertMissing] }).findings.filter((f) => f.status !== 'pass')).toEqual([]);
  });
});
