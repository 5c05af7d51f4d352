import { describe, expect, it } from 'vitest';
import { buildGap, buildInstance, buildSecurityGroup, buildSnapshot, buildWorldRule } from '../builders/snapshot.js';
import { fakeContext, harness } from './helpers.js';

const exposed = () =>
  buildSnapshot({
    region: {
      securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-ssh', portRange: '22/22' })] })],
      instances: [buildInstance({ publicIps: ['47.1.2.3'] })],
    },
  });

async function run(h: ReturnType<typeof harness>, text: string, o: Parameters<typeof fakeContext>[0] = {}) {
  const f = fakeContext(o);
  await h.dispatch({ command: 'posture', text }, f.ctx);
  return f;
}

describe('/posture', () => {
  it('summarises by owner and severity with the top risks, scan time and drill-down buttons', async () => {
    const h = harness({ snapshot: exposed() });
    const { text } = await run(h, '');
    expect(text()).toMatch(/Security group web \(sg-1\) allows 0\.0\.0\.0\/0 on TCP 22/);
    expect(text()).toMatch(/You \(customer\): .*high/);
    expect(text()).toMatch(/scanned just now/);
    expect(text()).toMatch(/\[Security groups→posture sg\]/);
  });

  it('answers from the cached scan until refreshed', async () => {
    const h = harness();
    await run(h, '');
    await run(h, 'sg');
    expect(h.collects.count).toBe(1);
  });

  it('says loudly that an answer is incomplete when calls failed', async () => {
    const h = harness({ snapshot: buildSnapshot({ gaps: [buildGap({ missingAction: 'ecs:DescribeSecurityGroupAttribute' })] }) });
    const { text } = await run(h, 'sg');
    expect(text()).toMatch(/Incomplete/);
    expect(text()).toMatch(/DescribeSecurityGroupAttribute/);
    expect(text()).not.toMatch(/^Nothing found\.$/m);
  });

  it('lists findings for one security group with owner, reason and fix', async () => {
    const h = harness({ snapshot: exposed() });
    const { text } = await run(h, 'sg sg-1');
    expect(text()).toMatch(/owner: You \(customer\)/);
    expect(text()).toMatch(/aliyun ecs RevokeSecurityGroup/);
  });

  it.each([
    ['sg not-a-group', /not a valid security group id/],
    ['instances i-1;rm -rf', /not a valid instance id/],
    ['bogus', /Unknown subcommand `bogus`\./],
    ['check nope', /Unknown check id/],
    ['mute 123 7 because', /fingerprint/],
    ['refresh sg-1 sg-2', /one security group or one RAM user/],
    ['refresh user', /one security group or one RAM user/],
  ])('rejects bad arguments before any cloud call: %s', async (args, msg) => {
    const h = harness();
    const { text } = await run(h, args);
    expect(text()).toMatch(msg);
    expect(text()).toMatch(/Usage/);
  });

  it('explains a finding: why, owner under the model, console, CLI and products', async () => {
    const h = harness({ snapshot: exposed() });
    const view = await h.services.posture.current();
    const f = view.scan.findings.find((x) => x.checkId === 'ecs.sg.admin-port-open-world' && x.status === 'fail')!;
    const { text } = await run(h, `explain ${f.fingerprint}`, { locale: 'zh' });
    expect(text()).toMatch(/负责方/);
    expect(text()).toMatch(/为什么重要/);
    expect(text()).toMatch(/aliyun ecs/);
    expect(text()).toMatch(/会话管理|堡垒机/);
  });

  it('explains a check by id with generic words where a finding would name things, never {placeholders}', async () => {
    const h = harness();
    for (const locale of ['en', 'zh'] as const) {
      const { text } = await run(h, 'explain ram.password-policy', { locale });
      expect(text()).not.toMatch(/\{[A-Za-z]+\}/);
      expect(text()).toContain(locale === 'en' ? '(<rule>)' : '(<规则>)');
    }
    const disk = await run(h, 'explain ecs.disk.unencrypted');
    expect(disk.text()).toContain('aliyun ecs CreateSnapshot --RegionId <region-id> --DiskId <disk-id>');
  });

  it('mutes and unmutes a finding, recording who', async () => {
    const h = harness({ snapshot: exposed() });
    const view = await h.services.posture.current();
    const f = view.scan.findings.find((x) => x.status === 'fail')!;
    const muted = await run(h, `mute ${f.fingerprint} 7 vendor access until the migration`);
    expect(muted.text()).toMatch(/Muted .* until \d{4}-\d{2}-\d{2}/);
    const after = await h.services.posture.current();
    expect(after.scan.findings.find((x) => x.fingerprint === f.fingerprint)?.muted).toMatchObject({ by: 'slack:U_ADMIN' });
    expect((await run(h, `unmute ${f.fingerprint}`)).text()).toMatch(/Unmuted/);
    expect((await h.services.posture.current()).scan.findings.find((x) => x.fingerprint === f.fingerprint)?.muted).toBeUndefined();
  });

  it('rate-limits refresh and says how old the cached answer is', async () => {
    const h = harness();
    expect((await run(h, 'refresh')).text()).toMatch(/Scanning…/);
    expect((await run(h, 'refresh')).text()).toMatch(/refresh again in \d+ s/);
    expect(h.collects.count).toBe(1);
  });
});
