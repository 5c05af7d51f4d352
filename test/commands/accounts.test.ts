// Every account in chat: /posture accounts, --account, /posture use (stored per place), and the
// cross-account summary, worst first, through the real commands and posture source.

import { describe, expect, it } from 'vitest';
import { COMMANDS, createDispatch, type Services } from '../../commands/index.js';
import { createRateLimiter } from '../../src/chat/rate-limit.js';
import type { AccountConfig } from '../../src/cloud/index.js';
import { WhoownsError } from '../../src/core/errors.js';
import { openDb } from '../../src/store/db.js';
import { ChannelAccountStore } from '../../src/store/channel-accounts.js';
import { defaultEngine } from '../builders/engine.js';
import { buildPostureSource } from '../builders/posture.js';
import { buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';
import { fakeContext } from './helpers.js';

const exposed = (name: string, id: string) =>
  buildSnapshot({
    accountName: name,
    identity: { accountId: id, arn: `acs:ram::${id}:root`, identityType: 'Account', principalId: id },
    region: {
      securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-ssh', portRange: '22/22' })] })],
      instances: [buildInstance({ publicIps: ['47.1.2.3'] })],
    },
  });
const clean = (name: string, id: string) =>
  buildSnapshot({ accountName: name, identity: { accountId: id, arn: `acs:ram::${id}:root`, identityType: 'Account', principalId: id }, region: { securityGroups: [], instances: [] } });

function setup(o: { discover?: () => Promise<AccountConfig[]> } = {}) {
  const asked: string[] = [];
  const accounts: AccountConfig[] = [{ name: 'staging', roleArn: 'acs:ram::3000000000000003:role/r' }, { name: 'prod', roleArn: 'acs:ram::2000000000000002:role/r' }, { name: 'sandbox' }];
  const posture = buildPostureSource({
    accounts,
    collect: async (a) => {
      asked.push(a.name);
      if (a.name === 'sandbox' || a.name === 'finance') {
        throw new WhoownsError('CLOUD_CALL', { zh: `账号 ${a.name}:无法扮演角色(EntityNotExist.Role)。`, en: `Account ${a.name}: cannot assume role (EntityNotExist.Role).` });
      }
      return a.name === 'prod' ? exposed('prod', '2000000000000002') : clean(a.name, a.accountId ?? '3000000000000003');
    },
  });
  if (o.discover) (posture as unknown as { opts: { backend: { discover: () => Promise<AccountConfig[]> } } }).opts.backend.discover = o.discover;
  const services: Services = {
    qa: defaultEngine(),
    posture,
    access: { postureUsers: ['U_ADMIN'], postureChannels: ['C_SEC', 'C_OPS'] },
    limiter: createRateLimiter({ perMinute: 100, burst: 100 }),
    channelAccounts: new ChannelAccountStore(openDb(':memory:')),
  };
  const dispatch = createDispatch(() => COMMANDS, services);
  const run = async (text: string, o2: Parameters<typeof fakeContext>[0] = {}) => {
    const f = fakeContext({ place: 'C_SEC', kind: 'group', ...o2 });
    await dispatch({ command: 'posture', text }, f.ctx);
    return f.text();
  };
  return { run, asked, services };
}

describe('many accounts in chat', () => {
  it('/posture with several accounts summarises across them, worst first, an unreadable one named', async () => {
    const { run } = setup();
    const out = await run('');
    expect(out).toMatch(/Posture across 3 accounts: .*1 account could not be read/);
    const lines = out.split('\n').filter((l) => l.startsWith('• **'));
    expect(lines.map((l) => /\*\*(\w+)\*\*/.exec(l)?.[1])).toEqual(['sandbox', 'prod', 'staging']);
    expect(lines[0]).toMatch(/could not be read: Account sandbox: cannot assume role \(EntityNotExist\.Role\)/);
    expect(lines[1]).toMatch(/high \d/);
    expect(out).toMatch(/\[prod→posture --account prod\]/);
  });

  it('--account <name|id> answers about that account only; an unknown one is refused with the known names', async () => {
    const { run, asked } = setup();
    expect(await run('sg --account prod')).toMatch(/Account 2000000000000002/);
    expect(asked).toEqual(['prod']);
    expect(await run('--account 3000000000000003')).toMatch(/Account 3000000000000003/);
    expect(await run("--account nope")).toMatch(/No account nope that you can see here; accounts you can see: staging, prod, sandbox/);
  });

  it('/posture accounts lists every account with its last scan and open counts by severity and owner', async () => {
    const { run } = setup();
    await run('--account prod');
    const out = await run('accounts');
    expect(out).toMatch(/Accounts: 3 accounts/);
    expect(out).toMatch(/\*\*prod\*\* \(2000000000000002\): .*high \d.*You \(customer\) \d.*scanned just now/);
    expect(out).toMatch(/\*\*staging\*\* \(3000000000000003\): not scanned yet/);
  });

  it('/posture use stores a default per place; other places keep the overview', async () => {
    const { run } = setup();
    expect(await run('use prod')).toMatch(/answer about account prod by default/);
    expect(await run('')).toMatch(/Account 2000000000000002/);
    expect(await run('', { place: 'C_OPS' })).toMatch(/Posture across 3 accounts/);
    expect(await run("use nope")).toMatch(/No account nope that you can see here/);
  });

  it('discovered members join the list, and /posture accounts refresh lists the directory again', async () => {
    let calls = 0;
    const { run } = setup({
      discover: async () => {
        calls++;
        return [{ name: 'finance', accountId: '5000000000000005', roleArn: 'acs:ram::5000000000000005:role/r', discovered: true }, { name: 'prod-dup', accountId: '2000000000000002', roleArn: 'acs:ram::2000000000000002:role/x', discovered: true }];
      },
    });
    const out = await run('accounts');
    expect(out).toMatch(/Accounts: 4 accounts/);
    expect(out).toMatch(/\*\*finance\*\* \(5000000000000005\) · resource directory: not scanned yet/);
    expect(out).not.toMatch(/prod-dup/);
    await run('accounts');
    expect(calls).toBe(1);
    await run('accounts refresh');
    expect(calls).toBe(2);
  });
});
