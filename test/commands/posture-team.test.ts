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
});
