// A digest across accounts: one line per account (open by owner and severity, new and fixed),
// worst first; an account that could not be read is named with its reason, the headline says the
// digest is incomplete, and what that account had open stays open (never "fixed").

import { describe, expect, it } from 'vitest';
import type { AccountConfig, Snapshot } from '../../src/cloud/index.js';
import { WhoownsError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildDigest } from '../../src/digest/build.js';
import { renderDingTalkDigest, renderSlackDigest } from '../../src/digest/render.js';
import { parseSchedules } from '../../src/digest/schedule-config.js';
import { createScanSource, postableTo } from '../../src/digest/scan-source.js';
import { buildPostureSource } from '../builders/posture.js';
import { NOW, buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';
import { replyText } from '../commands/helpers.js';

const identity = (id: string) => ({ accountId: id, arn: `acs:ram::${id}:root`, identityType: 'Account', principalId: id });
const exposed = (name: string, id: string) =>
  buildSnapshot({
    accountName: name,
    identity: identity(id),
    region: { securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-ssh', portRange: '22/22' })] })], instances: [buildInstance({ publicIps: ['47.1.2.3'] })], rdsInstances: [] },
  });
// No RDS instance: the builder's instance is encrypted with a key of the builder's own account, not these.
const quiet = (name: string, id: string) => buildSnapshot({ accountName: name, identity: identity(id), region: { rdsInstances: [] } });

const ACCOUNTS: AccountConfig[] = [
  { name: 'prod', roleArn: 'acs:ram::2000000000000002:role/r' },
  { name: 'staging', roleArn: 'acs:ram::3000000000000003:role/r' },
  { name: 'sandbox', roleArn: 'acs:ram::4000000000000004:role/r' },
];
const [schedule] = parseSchedules([{ name: 'all', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai', accounts: 'all' }], { accounts: ACCOUNTS.map((a) => a.name), env: {} });

function source(snapshots: Record<string, Snapshot | 'denied'>) {
  return buildPostureSource({
    accounts: ACCOUNTS,
    collect: async (a) => {
      const s = snapshots[a.name]!;
      if (s === 'denied') throw new WhoownsError('CLOUD_CALL', { zh: `账号 ${a.name}:无法扮演角色(EntityNotExist.Role)。`, en: `Account ${a.name}: cannot assume role (EntityNotExist.Role).` });
      return s;
    },
  });
}

async function digestOf(snapshots: Record<string, Snapshot | 'denied'>, previous: ReturnType<typeof buildDigest>['state'] | null, at: Date) {
  const scan = await createScanSource(source(snapshots))(schedule!, at, silentLogger());
  return buildDigest(previous, scan, at, { schedule: 'all', timezone: 'Asia/Shanghai' });
}

describe('a digest across accounts', () => {
  it('has one line per account, worst first, and names the account it could not read', async () => {
    const m = await digestOf({ prod: exposed('prod', '2000000000000002'), staging: quiet('staging', '3000000000000003'), sandbox: 'denied' }, null, NOW);
    expect(m.accounts!.map((a) => a.name)).toEqual(['prod', 'staging', 'sandbox']);
    const prod = m.accounts![0]!;
    expect(prod.open).toBeGreaterThan(0);
    expect(prod.bySeverity.high).toBeGreaterThan(0);
    expect(prod.byOwner.customer).toBeGreaterThan(0);
    expect(m.accounts![2]!.error!.en).toMatch(/cannot assume role/);
    // Every open item belongs to the account line that counts it.
    expect(m.accounts!.reduce((n, a) => n + a.open, 0)).toBe(m.openTotal.now);

    const text = replyText(renderSlackDigest(m, 'en'));
    expect(text).toMatch(/First digest for all accounts: .* \(incomplete: 1 account could not be read\)/);
    expect(text).toMatch(/\*\*By account \(3\)\*\*\n• \*\*prod\*\* \(2000000000000002\): \d+ open — .*high/);
    expect(text).toMatch(/⚠️ Could not read: sandbox \(Account sandbox: cannot assume role \(EntityNotExist\.Role\)\.\)/);
    const zh = replyText(renderDingTalkDigest(m, 'zh'));
    expect(zh).toMatch(/不完整:1 个账号无法读取/);
    expect(zh).toContain("⚠️ 无法读取:sandbox(账号 sandbox");
  });

  it('counts new and fixed per account; an account unreadable the next day keeps its findings open, not fixed', async () => {
    const first = await digestOf({ prod: exposed('prod', '2000000000000002'), staging: exposed('staging', '3000000000000003'), sandbox: quiet('sandbox', '4000000000000004') }, null, NOW);
    const later = new Date(NOW.getTime() + 86_400_000);
    const next = await digestOf({ prod: quiet('prod', '2000000000000002'), staging: 'denied', sandbox: exposed('sandbox', '4000000000000004') }, first.state, later);
    const line = (n: string) => next.accounts!.find((a) => a.name === n)!;
    expect(line('prod').resolvedCount).toBeGreaterThan(0);
    expect(line('prod').open).toBe(0);
    expect(line('sandbox').newCount).toBeGreaterThan(0);
    expect(line('staging').error).toBeDefined();
    // staging's findings were not read: none of them is resolved; they stay open as "not read".
    expect(next.resolved.every((i) => i.resource.account === '2000000000000002')).toBe(true);
    expect(next.unknown.length).toBeGreaterThan(0);
    expect(next.unknown.every((i) => i.resource.account === '3000000000000003')).toBe(true);
    const text = replyText(renderSlackDigest(next, 'en'));
    expect(text).toMatch(/• \*\*sandbox\*\* \(4000000000000004\): \d+ open — .* · \d+ new, 0 fixed/);
    expect(text).toMatch(/• \*\*prod\*\* \(2000000000000002\): nothing open · 0 new, \d+ fixed/);
    expect(text).toMatch(/incomplete: 1 account could not be read/);
  });

  it('accountAccess: a digest across accounts reads only what every place may see; a one-account digest skips a place that may not see it', async () => {
    const rules = { sandbox: { channels: ['C0SEC'] }, prod: { users: ['U0ALICE'] } };
    const posture = source({ prod: exposed('prod', '2000000000000002'), staging: quiet('staging', '3000000000000003'), sandbox: quiet('sandbox', '4000000000000004') });
    const slack = [{ kind: 'slack' as const, channel: 'C0SEC' }];
    const places = async () => slack;
    const scan = await createScanSource(posture, { rules, places })(schedule!, NOW, silentLogger());
    expect(scan.accounts!.map((a) => a.name).sort()).toEqual(['sandbox', 'staging']);
    const both = await createScanSource(posture, { rules, places: async () => [...slack, { kind: 'dingtalk' as const, openConversationId: 'cidOps1', robotCode: 'r' }] })(schedule!, NOW, silentLogger());
    expect(both.accounts!.map((a) => a.name)).toEqual(['staging']);
    const [one] = parseSchedules([{ name: 'p', cron: '0 9 * * 1-5', timezone: 'Asia/Shanghai', account: 'sandbox' }], { accounts: ACCOUNTS.map((a) => a.name), env: {} });
    expect(postableTo(rules, ACCOUNTS, one!, { kind: 'slack', channel: 'C0SEC' })).toBe(true);
    expect(postableTo(rules, ACCOUNTS, one!, { kind: 'slack', channel: 'C0OTHER' })).toBe(false);
  });
});
