import { describe, expect, it } from 'vitest';
import { buildGap, buildInstance, buildSnapshot } from '../builders/snapshot.js';
import { fakeContext, harness } from './helpers.js';

async function run(h: ReturnType<typeof harness>, text: string, o: Parameters<typeof fakeContext>[0] = {}) {
  const f = fakeContext(o);
  await h.dispatch({ command: 'posture', text }, f.ctx);
  return f;
}

const estate = () =>
  buildSnapshot({
    region: { instances: [buildInstance({ instanceId: 'i-1' }), buildInstance({ instanceId: 'i-2', instanceName: 'db' })] },
    sasData: { agents: { 'i-1': 'online' } },
  });

describe('/posture duties', () => {
  it('lists every customer duty with checks, products in use and Alibaba Cloud layers', async () => {
    const h = harness({ snapshot: estate() });
    const { text } = await run(h, 'duties');
    expect(text()).toMatch(/Shared responsibility: your duties and the evidence/);
    expect(text()).toMatch(/\*\*OS upgrades and patching\*\* — fail/);
    expect(text()).toContain('Security Center: Security Center agent on 1 of 2 instances (1 online); 0 with unfixed high vulnerabilities.');
    expect(text()).toMatch(/Alibaba Cloud's side[\s\S]*Physical infrastructure security: 0 platform events/);
    expect(text()).toMatch(/Data center security: no live signal/);
  });

  it('answers in Chinese and from the cached scan', async () => {
    const h = harness({ snapshot: estate() });
    await run(h, '');
    const { text } = await run(h, '责任', { locale: 'zh' });
    expect(text()).toContain('**操作系统升级与补丁更新** — 未通过');
    expect(h.collects.count).toBe(1);
  });

  it('says an unreadable product is unknown and the answer incomplete', async () => {
    const h = harness({ snapshot: buildSnapshot({ securityCenter: null, gaps: [buildGap({ service: 'sas', action: 'DescribeCloudCenterInstances', missingAction: 'yundun-sas:DescribeCloudCenterInstances' })] }) });
    const { text } = await run(h, 'duties');
    expect(text()).toMatch(/\(incomplete\)/);
    expect(text()).toMatch(/Gap: Security Center: Security Center agents could not be read \(DescribeCloudCenterInstances: Forbidden\.RAM \(yundun-sas:DescribeCloudCenterInstances\)\)/);
  });

  it('keeps posture access rules and refuses arguments', async () => {
    const h = harness();
    const denied = await run(h, 'duties', { user: 'U_OTHER', place: 'C_RANDOM', kind: 'group' });
    expect(denied.text()).not.toMatch(/OS upgrades/);
    expect(h.collects.count).toBe(0);
    const bad = await run(h, 'duties extra');
    expect(bad.text()).toMatch(/duties takes no arguments[\s\S]*Usage: \/posture duties/);
  });
});
