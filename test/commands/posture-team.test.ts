// /posture team <id>: one team's open findings in chat, each naming why the team owns it.

import { describe, expect, it } from 'vitest';
import { ownersSchema } from '../../src/config/file.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';
import { fakeContext, harness } from './helpers.js';

const owners = ownersSchema.parse({
  teams: { payments: { name: { zh: '支付组', en: 'Payments' } }, search: { name: { zh: '搜索组', en: 'Search' } } },
  rules: [{ team: 'payments', match: { tag: { key: 'team', value: 'payments' } } }],
});
const snapshot = buildSnapshot({
  region: {
    securityGroups: [
      buildSecurityGroup({ securityGroupId: 'sg-pay', rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] }),
      buildSecurityGroup({ securityGroupId: 'sg-orphan', rules: [buildWorldRule({ ruleId: 'sgr-23', portRange: '3389/3389' })] }),
    ],
    instances: [buildInstance({ instanceId: 'i-pay', securityGroupIds: ['sg-pay'], tags: { team: 'payments' } })],
  },
});

async function run(h: ReturnType<typeof harness>, text: string, locale: 'zh' | 'en' = 'en') {
  const f = fakeContext({ locale });
  await h.dispatch({ command: 'posture', text }, f.ctx);
  return f;
}

describe('/posture team', () => {
  it("lists the team's findings with why it owns each, and the count nobody owns", async () => {
    const { text } = await run(harness({ snapshot, owners }), 'team payments');
    expect(text()).toMatch(/Payments \(payments\)/);
    expect(text()).toMatch(/sg-pay/);
    expect(text()).not.toMatch(/sg-orphan\)/);
    expect(text()).toMatch(/team: payments \(via instances i-pay\)/);
    expect(text()).toMatch(/\d+ open findings? on resources no team owns/);
  });

  it('answers in Chinese', async () => {
    const { text } = await run(harness({ snapshot, owners }), 'team payments', 'zh');
    expect(text()).toContain("支付组(payments)的问题");
  });

  it('refuses an unknown team, naming the known ones', async () => {
    const { text } = await run(harness({ snapshot, owners }), 'team pay');
    expect(text()).toMatch(/Unknown team "pay"/);
    expect(text()).toMatch(/payments, search/);
  });

  it('says how to set teams up when there is no owners block', async () => {
    const { text } = await run(harness({ snapshot }), 'team payments');
    expect(text()).toMatch(/No teams are configured: add an owners: block to the config file/);
  });
});

describe('/posture mine', () => {
  const withMembers = ownersSchema.parse({ ...owners, members: { U_PAY: ['payments'], U_BOTH: ['payments', 'search'] } });

  it("lists the asker's teams' findings, from the members map", async () => {
    const h = harness({ snapshot, owners: withMembers, users: ['U_PAY'] });
    const f = fakeContext({ user: 'U_PAY' });
    await h.dispatch({ command: 'posture', text: 'mine' }, f.ctx);
    expect(f.text()).toMatch(/Findings for your teams: payments/);
    expect(f.text()).toMatch(/sg-pay/);
    expect(f.text()).toMatch(/team: payments/);
  });

  it('tells a user with no team how to get one', async () => {
    const h = harness({ snapshot, owners: withMembers, users: ['U_OTHER'] });
    const f = fakeContext({ user: 'U_OTHER' });
    await h.dispatch({ command: 'posture', text: 'mine' }, f.ctx);
    expect(f.text()).toMatch(/You \(U_OTHER\) are in no team: ask an admin to add "U_OTHER: \[<team>\]" under owners\.members/);
  });

  const withGroups = ownersSchema.parse({
    ...owners,
    teams: { payments: { name: { zh: '支付组', en: 'Payments' }, slack: { usergroup: 'S0PAY' } }, search: { name: { zh: '搜索组', en: 'Search' }, slack: { usergroup: 'S0SEARCH' } } },
    members: { U_LISTED: ['search'] },
  });
  // The adapter's port: which of these groups the asker is in (Slack usergroups.users.list behind it).
  const inGroups = (member: Record<string, string[]>, user: string) => async (ids: string[]) => ids.filter((id) => member[id]?.includes(user));

  it('adds the teams whose Slack user group the asker is in (the adapter resolves membership)', async () => {
    const h = harness({ snapshot, owners: withGroups, users: ['U_GROUP', 'U_LISTED'] });
    const f = fakeContext({ user: 'U_GROUP' });
    f.ctx.user.inGroups = inGroups({ S0PAY: ['U_GROUP'] }, 'U_GROUP');
    await h.dispatch({ command: 'posture', text: 'mine' }, f.ctx);
    expect(f.text()).toMatch(/Findings for your teams: payments/);
    expect(f.text()).toMatch(/sg-pay/);

    const g = fakeContext({ user: 'U_LISTED' });
    g.ctx.user.inGroups = inGroups({ S0PAY: ['U_LISTED'] }, 'U_LISTED');
    await h.dispatch({ command: 'posture', text: 'mine' }, g.ctx);
    expect(g.text()).toMatch(/Findings for your teams: search, payments/);
  });

  it('a refused membership look-up falls back to the members map, and explains itself when that is empty', async () => {
    const h = harness({ snapshot, owners: withGroups, users: ['U_LISTED', 'U_NOBODY'] });
    const refuse = async (): Promise<string[]> => {
      throw new (await import('../../src/core/errors.js')).WhoownsError('CONFIG_INVALID', { zh: '缺少 usergroups:read', en: 'add the usergroups:read scope to the Slack app' });
    };
    const listed = fakeContext({ user: 'U_LISTED' });
    listed.ctx.user.inGroups = refuse;
    await h.dispatch({ command: 'posture', text: 'mine' }, listed.ctx);
    expect(listed.text()).toMatch(/Findings for your teams: search/);
    const nobody = fakeContext({ user: 'U_NOBODY' });
    nobody.ctx.user.inGroups = refuse;
    await h.dispatch({ command: 'posture', text: 'mine' }, nobody.ctx);
    expect(nobody.text()).toMatch(/usergroups:read/);
  });
});
