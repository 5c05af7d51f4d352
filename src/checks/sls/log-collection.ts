import type { SlsCollectionPolicy, Snapshot } from '../../cloud/snapshot.js';
import { unknownResult } from '../gaps.js';
import { say } from '../labels.js';
import type { Bilingual, CheckContext, CheckMeta, CheckResult, Need, ResourceRef } from '../model.js';
import { accountRef, defineCheck, result } from '../helpers.js';

// One check, one result per benchmark rule (detail = rule id), like sls.alert-missing: the rules
// share one data source (the account's Log Service collection rules) and one place to fix them,
// and CIS 2.3 and 2.6-2.9 each map to their own rule.
//
// A product counts as collected when an enabled collection rule names one of its service codes.
// Several products have had more than one code (WAF 2.0 and 3.0, the Anti-DDoS editions), so each
// product accepts every code it is known by. Logs switched on in the product's own console
// (its Log Analysis page) are not collection rules and do not show here: the fail says so.

export const COLLECTION_NEED: Need = { service: 'sls', action: 'ListCollectionPolicies' };

interface Product {
  name: Bilingual;
  codes: string[];
  /** false = the snapshot shows the account has none of it, so its logs are not asked for. */
  inUse?: (s: Snapshot) => boolean | null;
}

export interface CollectionRule {
  id: string;
  cis: string;
  title: Bilingual;
  products: Product[];
}

const ossInUse = (s: Snapshot): boolean | null => (s.oss?.buckets ? s.oss.buckets.length > 0 : null);
function rdsInUse(s: Snapshot): boolean | null {
  const lists = Object.values(s.regionData).map((r) => r.rdsInstances ?? null);
  if (lists.some((l) => l !== null && l.length > 0)) return true;
  return lists.length > 0 && lists.every((l) => l !== null) ? false : null;
}

// CIS 2.3 names ActionTrail, RDS SQL audit, OSS access, SLB access, NAS and API Gateway logs. The
// first four are the audit trail of the resources every account has; NAS and API Gateway are
// left to the reader (the benchmark's audit is manual), as the CIS note says.
export const COLLECTION_RULES: CollectionRule[] = [
  {
    id: 'cloud-audit',
    cis: '2.3',
    title: { en: 'cloud resource audit logs', zh: '云资源审计日志' },
    products: [
      { name: { en: 'ActionTrail', zh: '操作审计' }, codes: ['actiontrail'] },
      { name: { en: 'RDS', zh: 'RDS' }, codes: ['rds'], inUse: rdsInUse },
      { name: { en: 'OSS', zh: 'OSS' }, codes: ['oss'], inUse: ossInUse },
      { name: { en: 'SLB', zh: 'SLB' }, codes: ['slb', 'clb', 'alb'] },
    ],
  },
  { id: 'anti-ddos', cis: '2.6', title: { en: 'Anti-DDoS access and security logs', zh: 'DDoS 防护访问与安全日志' }, products: [{ name: { en: 'Anti-DDoS', zh: 'DDoS 防护' }, codes: ['ddoscoo', 'ddos', 'ddosbgp', 'ddosdip'] }] },
  { id: 'waf', cis: '2.7', title: { en: 'WAF access and security logs', zh: 'WAF 访问与安全日志' }, products: [{ name: { en: 'WAF', zh: 'WAF' }, codes: ['waf', 'wafng'] }] },
  { id: 'cloud-firewall', cis: '2.8', title: { en: 'Cloud Firewall traffic logs', zh: '云防火墙流量日志' }, products: [{ name: { en: 'Cloud Firewall', zh: '云防火墙' }, codes: ['cloudfirewall', 'cfw'] }] },
  { id: 'security-center', cis: '2.9', title: { en: 'Security Center network, host and security logs', zh: '云安全中心网络、主机与安全日志' }, products: [{ name: { en: 'Security Center', zh: '云安全中心' }, codes: ['sas'] }] },
];

const meta: CheckMeta = {
  id: 'sls.log-collection-off',
  title: { en: 'Cloud product logs not collected into Log Service', zh: '云产品日志未采集到日志服务' },
  severity: 'medium',
  owner: 'customer',
  service: 'sls',
  resourceType: 'account',
  responsibility: 'customer.audit-monitoring',
  products: ['product.log-service', 'product.actiontrail', 'product.anti-ddos', 'product.waf', 'product.cloud-firewall', 'product.security-center'],
  references: ['https://www.alibabacloud.com/help/en/sls/manage-new-log-audit-rules', 'https://www.alibabacloud.com/help/en/sls/developer-reference/api-sls-2020-12-30-listcollectionpolicies'],
  remediation: {
    why: {
      en: 'Cloud products keep their access and attack logs only briefly, in their own consoles; without collection into Log Service there is nothing to search, alert on or keep when an incident is found. Alibaba Cloud runs the collection; which products are collected, for which instances and how long the logs are kept is yours to set.',
      zh: '云产品只在自己的控制台里短期保留访问与攻击日志;不采集到日志服务,发现事件时就无从检索、告警或留存。阿里云运行采集功能;采集哪些产品、哪些实例、保存多久由您决定。',
    },
    console: {
      en: '1. Log Service console > Log Application > Audit & Security > Log Audit Service (account {account}).\n2. Open the project you collect into > Rules > Create Collection Rule, for the cloud service of rule {detail}, its log types, and all resources (or the instances you use).\n3. Keep the rule enabled. If the product delivers its logs through its own Log Analysis page instead, or the account does not use it, check there and mute this result.',
      zh: '1. 日志服务控制台 > 日志应用 > 审计与安全 > 日志审计服务(账号 {account})。\n2. 打开采集目标 Project > 规则 > 创建采集规则,选择规则 {detail} 对应的云产品及其日志类型,资源选全部(或您在用的实例)。\n3. 保持规则启用。若该产品改用其控制台的日志分析投递日志,或账号未使用该产品,请在那里确认后屏蔽本结果。',
    },
    cli: 'aliyun sls ListCollectionPolicies --RegionId cn-shanghai',
  },
  terms: { detail: { en: 'rule', zh: '规则' } },
  needs: [COLLECTION_NEED],
};

const WHAT: Bilingual = { en: 'the Log Service collection rules', zh: '日志服务采集规则' };

function rulesFor(p: Product, policies: SlsCollectionPolicy[]): SlsCollectionPolicy[] {
  return policies.filter((x) => p.codes.includes(x.productCode));
}

const list = (ps: SlsCollectionPolicy[]) => ps.map((p) => `${p.policyName} (${p.productCode}/${p.dataCode})`).join(', ');
const names = (ps: Product[], l: 'en' | 'zh') => ps.map((p) => p.name[l]).join(l === 'en' ? ', ' : '、');

function judge(ctx: CheckContext, rule: CollectionRule, policies: SlsCollectionPolicy[], r: ResourceRef): CheckResult {
  const asked = rule.products.filter((p) => p.inUse?.(ctx.snapshot) !== false);
  const on = asked.flatMap((p) => rulesFor(p, policies).filter((x) => x.enabled));
  const missing = asked.filter((p) => !rulesFor(p, policies).some((x) => x.enabled));
  const off = missing.flatMap((p) => rulesFor(p, policies));
  const evidence = { enabled: on.map((x) => x.policyName), disabled: off.map((x) => x.policyName), notUsed: rule.products.filter((p) => !asked.includes(p)).map((p) => p.name.en) };
  const extra = { detail: rule.id, evidence };
  if (asked.length === 0) {
    return result('skip', r, say(r, (l) => `${l} has none of the products of ${rule.title.en} (CIS ${rule.cis}).`, (l) => `${l}没有${rule.title.zh}(CIS ${rule.cis})涉及的产品。`), extra);
  }
  if (missing.length === 0) {
    return result('pass', r, say(r, (l) => `${l} collects ${rule.title.en} into Log Service (${list(on)}).`, (l) => `${l}已把${rule.title.zh}采集到日志服务(${list(on)})。`), extra);
  }
  const disabled: Bilingual = off.length > 0 ? { en: ` Rule ${list(off)} would collect them but is disabled.`, zh: `规则 ${list(off)} 可以采集,但已停用。` } : { en: '', zh: '' };
  return result(
    'fail',
    r,
    say(
      r,
      (l) => `${l} has no enabled Log Service collection rule for ${names(missing, 'en')} logs (${rule.title.en}, CIS ${rule.cis}).${disabled.en} Enable collection; if the product delivers its logs through its own Log Analysis page, or the account does not use ${names(missing, 'en')}, this API cannot see it: check there and mute this result.`,
      (l) => `${l}没有为${names(missing, 'zh')}日志(${rule.title.zh},CIS ${rule.cis})启用的日志服务采集规则。${disabled.zh}请开启采集;若该产品通过其控制台的日志分析投递日志,或账号未使用${names(missing, 'zh')},此接口无法看到:请在那里确认后屏蔽本结果。`,
    ),
    extra,
  );
}

export const slsLogCollectionOff = defineCheck(meta, (ctx) => {
  const r = accountRef(ctx);
  // Absent = a snapshot stored before the rules were read: unknown, never a pass.
  const policies = ctx.snapshot.logService?.collectionPolicies ?? null;
  if (policies === null) return COLLECTION_RULES.map((rule) => unknownResult(ctx.snapshot, [COLLECTION_NEED], r, WHAT, { detail: rule.id }));
  return COLLECTION_RULES.map((rule) => judge(ctx, rule, policies, r));
});
