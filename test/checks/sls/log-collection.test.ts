import { describe, expect, it } from 'vitest';
import { COLLECTION_RULES, slsLogCollectionOff } from '../../../src/checks/sls/log-collection.js';
import { loadFramework } from '../../../src/compliance/framework.js';
import { buildContext, run } from '../../builders/context.js';
import {
  buildBucket,
  buildCollectionPolicy,
  buildGap,
  buildLogService,
  buildOss,
  buildRdsInstance,
  buildRegion,
  buildSnapshot,
  COLLECTED_PRODUCTS,
  REGION,
} from '../../builders/snapshot.js';
import type { SlsCollectionPolicy, Snapshot } from '../../../src/cloud/snapshot.js';

const RULE_IDS = ['cloud-audit', 'anti-ddos', 'waf', 'cloud-firewall', 'security-center'];
const withRules = (policies: SlsCollectionPolicy[] | null, o: Partial<Snapshot> = {}) => buildSnapshot({ logService: buildLogService({ collectionPolicies: policies }), ...o });
const all = (except: string[] = []) => COLLECTED_PRODUCTS.filter((c) => !except.includes(c)).map((c) => buildCollectionPolicy(c));
const byRule = (snapshot: Snapshot) => Object.fromEntries(slsLogCollectionOff.run(buildContext({ snapshot })).map((r) => [r.detail, r]));

describe('sls.log-collection-off', () => {
  it('passes every rule when each product has an enabled collection rule', () => {
    const results = slsLogCollectionOff.run(buildContext({ snapshot: buildSnapshot() }));
    expect(results.map((r) => [r.detail, r.status])).toEqual(RULE_IDS.map((id) => [id, 'pass']));
    expect(results[2]!.reason.en).toBe('Account prod (1234567890123456) collects WAF access and security logs into Log Service (collect-waf (waf/access_log)).');
  });

  it('fails a product with no rule, says when the only rule is disabled, and tells what to do if the product is not used', () => {
    const by = byRule(withRules([...all(['waf', 'ddoscoo']), buildCollectionPolicy('wafng', { policyName: 'waf-logs', enabled: false })]));
    expect(by['waf']!.status).toBe('fail');
    expect(by['waf']!.reason.en).toContain('Rule waf-logs (wafng/access_log) would collect them but is disabled.');
    expect(by['waf']!.evidence).toMatchObject({ disabled: ['waf-logs'], enabled: [] });
    expect(by['anti-ddos']!.reason.en).toBe(
      'Account prod (1234567890123456) has no enabled Log Service collection rule for Anti-DDoS logs (Anti-DDoS access and security logs, CIS 2.6). Enable collection; if the product delivers its logs through its own Log Analysis page, or the account does not use Anti-DDoS, this API cannot see it: check there and mute this result.',
    );
    expect(by['anti-ddos']!.reason.zh).toContain('DDoS 防护');
    expect(by['cloud-firewall']!.status).toBe('pass');
  });

  it('accepts every service code a product is known by', () => {
    const codes: Record<string, [string, string]> = { wafng: ['waf', 'waf'], ddos: ['anti-ddos', 'ddoscoo'], ddosbgp: ['anti-ddos', 'ddoscoo'], cfw: ['cloud-firewall', 'cloudfirewall'], alb: ['cloud-audit', 'slb'], clb: ['cloud-audit', 'slb'] };
    for (const [code, [rule, usual]] of Object.entries(codes)) {
      expect(byRule(withRules(all([usual])))[rule]!.status, code).toBe('fail');
      expect(byRule(withRules([...all([usual]), buildCollectionPolicy(code)]))[rule]!.status, code).toBe('pass');
    }
  });

  it('asks 2.3 for ActionTrail, RDS, OSS and SLB, and names each that is missing', () => {
    const r = byRule(withRules(all(['rds', 'slb'])))['cloud-audit']!;
    expect(r.status).toBe('fail');
    expect(r.reason.en).toContain('for RDS, SLB logs (cloud resource audit logs, CIS 2.3)');
    expect(r.evidence).toMatchObject({ enabled: ['collect-actiontrail', 'collect-oss'] });
  });

  it('does not ask for OSS or RDS logs when the account is known to have no bucket or instance', () => {
    const none = withRules(all(['rds', 'oss']), { oss: buildOss({ buckets: [] }), regionData: { [REGION]: buildRegion({ rdsInstances: [] }) } });
    const r = byRule(none)['cloud-audit']!;
    expect(r.status).toBe('pass');
    expect(r.evidence).toMatchObject({ notUsed: ['RDS', 'OSS'] });
    // Unknown is not "none": the rules are still asked for.
    const unknown = withRules(all(['rds', 'oss']), { oss: buildOss({ buckets: null }), regionData: { [REGION]: buildRegion({ rdsInstances: null }) } });
    expect(byRule(unknown)['cloud-audit']!.status).toBe('fail');
    const used = withRules(all(['oss']), { oss: buildOss({ buckets: [buildBucket()] }), regionData: { [REGION]: buildRegion({ rdsInstances: [buildRdsInstance()] }) } });
    expect(byRule(used)['cloud-audit']!.reason.en).toContain('for OSS logs');
  });

  it('is an error per rule naming log:ListCollectionPolicies when the rules could not be read, never a pass', () => {
    const gap = buildGap({ service: 'sls', action: 'ListCollectionPolicies', region: 'cn-shanghai', code: 'Unauthorized', missingAction: 'log:ListCollectionPolicies' });
    const results = slsLogCollectionOff.run(buildContext({ snapshot: withRules(null, { gaps: [gap] }) }));
    expect(results.map((r) => [r.detail, r.status])).toEqual(RULE_IDS.map((id) => [id, 'error']));
    expect(results[0]!.reason.en).toContain('grant log:ListCollectionPolicies');
  });

  it('is an error, not a pass, for a snapshot stored before the rules were read', () => {
    const old = buildSnapshot({ logService: { trailProjects: [] } });
    expect(new Set(slsLogCollectionOff.run(buildContext({ snapshot: old })).map((r) => r.status))).toEqual(new Set(['error']));
  });

  it('gives the console steps and the CLI for the rule', () => {
    const f = run(slsLogCollectionOff, withRules(all(['sas']))).find((x) => x.detail === 'security-center')!;
    expect(f.remediation.console.en).toContain('rule security-center');
    expect(f.remediation.cli).toBe('aliyun sls ListCollectionPolicies --RegionId cn-shanghai');
  });

  it('maps each rule to the CIS recommendation it names, and the CIS map to each rule once', () => {
    const cis = loadFramework('cis-v2');
    for (const rule of COLLECTION_RULES) {
      const rec = cis.recommendations.find((r) => r.id === rule.cis)!;
      expect(rec.checks, rule.cis).toEqual([{ check: 'sls.log-collection-off', detail: rule.id }]);
    }
  });
});
