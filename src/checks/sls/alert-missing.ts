import type { SlsAlert, SlsTrailProject } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { CheckContext, CheckMeta, CheckResult, ResourceRef } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';
import { alertsFor, loadAlertRules, type AlertRule } from './alert-rules.js';
import { ALERTS_NEED, NO_SLS_TRAIL, PROJECTS_WHAT, TRAILS_CLI, TRAILS_NEED, trailProjectsOf } from './sls-common.js';

// One check, one result per benchmark rule (detail = the rule id of knowledge/sls-alert-rules.yaml),
// like ram.password-policy: the rules share one data source and one fix, and each can be muted or
// mapped to its own CIS recommendation alone.
const meta: CheckMeta = {
  id: 'sls.alert-missing',
  title: { en: 'No enabled Log Service alert for a benchmark event', zh: '基线要求的事件没有已启用的日志服务告警' },
  severity: 'medium',
  owner: 'customer',
  service: 'sls',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.log-service', 'product.actiontrail'],
  references: ['https://www.alibabacloud.com/help/en/sls/user-guide/configure-an-alert-rule-in-log-service'],
  remediation: {
    why: {
      en: 'ActionTrail records who did what, but nobody is told unless an alert watches the logs. Alibaba Cloud runs Log Service; which alert rules exist, what they watch and who receives them is yours to set.',
      zh: '操作审计会记录谁做了什么,但除非有告警规则监控这些日志,否则没有人会被通知。阿里云运行日志服务;配置哪些告警规则、监控什么、通知谁由您负责。',
    },
    console: {
      en: '1. Log Service console > the project your ActionTrail trail delivers to > Alerts > Alert Rules (account {account}).\n2. Create (or enable) an alert on the trail logstore whose query watches the events of rule {detail} (the event names are in knowledge/sls-alert-rules.yaml).\n3. Send it to an action policy whose people will act on it, and keep it enabled.',
      zh: '1. 日志服务控制台 > 操作审计跟踪投递的 Project > 告警 > 告警规则(账号 {account})。\n2. 在跟踪日志库上创建(或启用)一条告警,其查询监控规则 {detail} 的事件(事件名见 knowledge/sls-alert-rules.yaml)。\n3. 通知到会处理的人所在的行动策略,并保持启用。',
    },
    cli: 'aliyun sls ListAlerts --project <trail-project> --RegionId {region}',
  },
  terms: { detail: { en: 'rule', zh: '规则' } },
  needs: [TRAILS_NEED, ALERTS_NEED],
};

interface Seen {
  /** Enabled alerts that watch the rule. */
  on: SlsAlert[];
  /** Alerts that would watch it but are disabled. */
  off: SlsAlert[];
  /** Projects whose alerts could not be read. */
  unknown: SlsTrailProject[];
}

function look(rule: AlertRule, projects: SlsTrailProject[]): Seen {
  const seen: Seen = { on: [], off: [], unknown: [] };
  for (const p of projects) {
    if (p.alerts === null) {
      seen.unknown.push(p);
      continue;
    }
    for (const a of alertsFor(rule, p.alerts, [p.logstore])) (a.enabled ? seen.on : seen.off).push(a);
  }
  return seen;
}

const names = (alerts: SlsAlert[]) => alerts.map((a) => a.displayName || a.name).join(', ');

function judge(ctx: CheckContext, rule: AlertRule, projects: SlsTrailProject[], r: ResourceRef): CheckResult {
  const first = projects[0]!;
  const extra = { detail: rule.id, cli: `aliyun sls ListAlerts --project ${first.project} --RegionId ${first.region}` };
  const where = projects.map((p) => `${p.project}/${p.logstore}`).join(', ');
  const seen = look(rule, projects);
  if (seen.on.length > 0) {
    return result('pass', r, say(r, (l) => `${l} has an enabled Log Service alert on ${rule.title.en} (${names(seen.on)}).`, (l) => `${l}有已启用的日志服务告警监控${rule.title.zh}(${names(seen.on)})。`), { ...extra, evidence: { alerts: seen.on.map((a) => a.name) } });
  }
  if (seen.unknown.length > 0) {
    const ids = seen.unknown.flatMap((p) => [p.project]);
    return unknownResult(ctx.snapshot, [ALERTS_NEED], r, { en: `the alert rules of ${ids.join(', ')}`, zh: `${ids.join('、')} 的告警规则` }, { detail: rule.id, relatedIds: ids });
  }
  const disabled: { en: string; zh: string } =
    seen.off.length > 0 ? { en: ` Alert ${names(seen.off)} would watch it but is disabled.`, zh: `告警 ${names(seen.off)} 可以监控它,但已停用。` } : { en: '', zh: '' };
  return result(
    'fail',
    r,
    say(
      r,
      (l) => `${l} has no enabled Log Service alert on ${rule.title.en} (CIS ${rule.cis}) over the ActionTrail logs in ${where}.${disabled.en}`,
      (l) => `${l}在 ${where} 的操作审计日志上没有监控${rule.title.zh}(CIS ${rule.cis})的已启用日志服务告警。${disabled.zh}`,
    ),
    { ...extra, evidence: { projects: projects.map((p) => p.project), disabled: seen.off.map((a) => a.name) } },
  );
}

export const slsAlertMissing = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  const rules = loadAlertRules();
  const all = trailProjectsOf(ctx);
  if (all === null) return rules.map((rule) => unknownResult(ctx.snapshot, [TRAILS_NEED], r, PROJECTS_WHAT, { detail: rule.id }));
  // A project that does not hold the trail's logstore receives nothing to alert on; one whose
  // logstores could not be listed is still judged by its alerts (an alert is there or not).
  const projects = all.filter((p) => p.logstoreFound !== false);
  if (projects.length === 0) {
    return rules.map((rule) =>
      result('fail', r, say(r, (l) => `${l} cannot alert on ${rule.title.en} (CIS ${rule.cis}): ${NO_SLS_TRAIL.en}.`, (l) => `${l}无法对${rule.title.zh}(CIS ${rule.cis})告警:${NO_SLS_TRAIL.zh}。`), { detail: rule.id, cli: TRAILS_CLI }),
    );
  }
  return rules.map((rule) => judge(ctx, rule, projects, r));
});

/** The rules' ids (a result's detail), which the compliance map may scope to one by one. */
export function alertRuleIds(): string[] {
  return loadAlertRules().map((r) => r.id);
}
