// accountAccess: which users and places may see which accounts, through the real /posture
// command path. A refused account gets the same coded answer as an unknown one.

import { describe, expect, it } from 'vitest';
import { COMMANDS, createDispatch, type Services } from '../../commands/index.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import type { AccountConfig } from '../../src/cloud/index.js';
import type { AccountAccessRules } from '../../src/posture/account-access.js';
import { openDb } from '../../src/store/db.js';
import { ChannelAccountStore } from '../../src/store/channel-accounts.js';
import { defaultEngine } from '../builders/engine.js';
import { buildPostureSource } from '../builders/posture.js';
import { buildSnapshot } from '../builders/snapshot.js';
import { fakeContext } from './helpers.js';

const snap = (name: string, id: string) =>
  buildSnapshot({ accountName: name, identity: { accountId: id, arn: `acs:ram::${id}:root`, identityType: 'Account', principalId: id } });

function setup(rules: AccountAccessRules, discovered: AccountConfig[] = []) {
  const asked: string[] = [];
  const posture = buildPostureSource({
    accounts: [
      { name: 'finance', roleArn: 'acs:ram::1000000000000001:role/r' },
      { name: 'prod', roleArn: 'acs:ram::2000000000000002:role/r' },
      { name: 'staging', roleArn: 'acs:ram::3000000000000003:role/r' },
    ],
    collect: async (a) => {
      asked.push(a.name);
      return snap(a.name, a.accountId ?? /::(\d+):/.exec(a.roleArn!)![1]!);
    },
  });
  if (discovered.length) (posture as unknown as { opts: { backend: { discover: () => Promise<AccountConfig[]> } } }).opts.backend.discover = async () => discovered;
  const services: Services = {
    qa: defaultEngine(),
    posture,
    access: { postureUsers: ['U_ALICE', 'U_BOB'], postureChannels: ['C_SEC', 'C_OPS'], accounts: rules },
    limiter: createRateLimiter({ perMinute: 100, burst: 100 }),
    channelAccounts: new ChannelAccountStore(openDb(':memory:')),
  };
  const dispatch = createDispatch(() => COMMANDS, services);
  const run = async (text: string, o: { user?: string; place?: string; platform?: 'slack' | 'dingtalk' | 'console'; locale?: 'zh' | 'en' } = {}) => {
    const f = fakeContext({ place: o.place ?? 'C_SEC', kind: 'group', user: o.user ?? 'U_ALICE', ...(o.platform ? { platform: o.platform } : {}), ...(o.locale ? { locale: o.locale } : {}) });
    await dispatch({ command: 'posture', text }, f.ctx);
    return f.text();
  };
  return { run, asked };
}

// finance: Alice only, and only in C_SEC; staging: anyone in C_OPS; prod: no rule.
const RULES: AccountAccessRules = { finance: { users: ['U_ALICE'], channels: ['C_SEC'] }, '3000000000000003': { channels: ['C_OPS'] } };

describe('accountAccess in chat', () => {
  it('a refused account and an unknown one get the same coded answer, listing only what the asker may see', async () => {
    const { run, asked } = setup(RULES);
    const refused = await run('--account finance', { user: 'U_BOB' });
    const unknown = await run('--account nosuch', { user: 'U_BOB' });
    expect(refused).toBe(unknown.replace('nosuch', 'finance'));
    expect(refused).toMatch(/No account finance that you can see here; accounts you can see: prod\./);
    expect(refused).not.toMatch(/staging/);
    // By id too, and the refused account is never read.
    expect(await run('--account 1000000000000001', { user: 'U_BOB' })).toMatch(/No account 1000000000000001 that you can see here/);
    expect(asked).toEqual([]);
    expect(await run('--account finance')).toMatch(/Account 1000000000000001/);
    expect(asked).toEqual(['finance']);
  });

  it('a channel rule holds for everyone, a user rule for the asker: both must hold', async () => {
    const { run } = setup(RULES);
    expect(await run('--account staging', { place: 'C_OPS', user: 'U_BOB' })).toMatch(/Account 3000000000000003/);
    expect(await run('--account staging', { place: 'C_SEC' })).toMatch(/No account staging that you can see here/);
    expect(await run('--account finance', { place: 'C_OPS' })).toMatch(/No account finance that you can see here/);
  });

  it('/posture accounts and the cross-account summary list only the visible accounts', async () => {
    const { run, asked } = setup(RULES);
    const list = await run('accounts', { user: 'U_BOB' });
    expect(list).toMatch(/Accounts: 1 account/);
    expect(list).not.toMatch(/finance|staging/);
    const overview = await run('', { place: 'C_OPS', user: 'U_BOB' });
    expect(overview).toMatch(/Posture across 2 accounts/);
    expect(overview).not.toMatch(/finance/);
    expect(asked.sort()).toEqual(['prod', 'staging']);
  });

  it('with one visible account /posture answers about it; with none, says whom to ask', async () => {
    const { run } = setup({ ...RULES, prod: { users: ['U_ALICE'] } });
    expect(await run('', { user: 'U_BOB', place: 'C_OPS' })).toMatch(/Account 3000000000000003/);
    expect(await run('', { user: 'U_BOB' })).toMatch(/There is no account you can see here\. .*accountAccess/);
  });

  it('/posture use refuses an account the asker may not see, and a stored default that is hidden now is not used', async () => {
    const { run } = setup(RULES);
    expect(await run('use finance', { user: 'U_BOB' })).toMatch(/No account finance that you can see here/);
    expect(await run('use finance')).toMatch(/answer about account finance by default/);
    expect(await run('')).toMatch(/Account 1000000000000001/);
    // Bob in the same channel does not get Alice's default: he sees prod only.
    expect(await run('', { user: 'U_BOB' })).toMatch(/Account 2000000000000002/);
  });

  it('a discovered member is matched by its id; the console sees everything', async () => {
    const member: AccountConfig = { name: 'payments', accountId: '5000000000000005', roleArn: 'acs:ram::5000000000000005:role/r', discovered: true };
    const { run } = setup({ '5000000000000005': { users: ['U_ALICE'] } }, [member]);
    expect(await run('accounts', { user: 'U_BOB' })).not.toMatch(/payments/);
    expect(await run('accounts')).toMatch(/\*\*payments\*\* \(5000000000000005\)/);
    expect(await run('--account payments', { user: 'U_BOB', platform: 'console' })).toMatch(/Account 5000000000000005/);
  });

  it('in Chinese too, with the same code', async () => {
    const { run } = setup(RULES);
    const zh = await run('--account finance', { user: 'U_BOB', locale: 'zh' });
    expect(zh).toMatch(/这里没有可查看的账号 finance;可查看的账号:prod。/);
  });

  it('a subcommand with several visible accounts and none chosen reads the first visible one, not a hidden first account', async () => {
    const { run, asked } = setup(RULES);
    await run('sg', { user: 'U_BOB', place: 'C_OPS' });
    expect(asked).toEqual(['prod']);
  });
});
