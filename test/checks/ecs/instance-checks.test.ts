import { describe, expect, it } from 'vitest';
import { classicNetwork } from '../../../src/checks/ecs/classic-network.js';
import { imdsV1 } from '../../../src/checks/ecs/imds-v1.js';
import { instanceExposed } from '../../../src/checks/ecs/instance-exposed.js';
import { noCloudAssistant } from '../../../src/checks/ecs/no-cloud-assistant.js';
import { noDeletionProtection } from '../../../src/checks/ecs/no-deletion-protection.js';
import { noKeyPair } from '../../../src/checks/ecs/no-key-pair.js';
import { osEndOfLife } from '../../../src/checks/ecs/os-end-of-life.js';
import { platformEvent } from '../../../src/checks/ecs/platform-event.js';
import type { Instance, RegionSnapshot } from '../../../src/cloud/snapshot.js';
import { run, statuses } from '../../builders/context.js';
import { buildGap, buildInstance, buildRule, buildSecurityGroup, buildSnapshot, buildSystemEvent, buildWorldRule } from '../../builders/snapshot.js';

const withInstance = (o: Partial<Instance>, region: Partial<RegionSnapshot> = {}) => buildSnapshot({ region: { instances: [buildInstance(o)], ...region } });
const instancesGap = buildSnapshot({ region: { instances: null }, gaps: [buildGap({ action: 'DescribeInstances', missingAction: 'ecs:DescribeInstances' })] });

describe('every instance check turns a failed DescribeInstances into an error', () => {
  it.each([instanceExposed, imdsV1, classicNetwork, noKeyPair, noDeletionProtection, osEndOfLife, platformEvent, noCloudAssistant])('$meta.id', (check) => {
    const f = run(check, instancesGap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ecs:DescribeInstances');
  });
});

describe('ecs.instance.exposed', () => {
  const open = buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-web', portRange: '80/80' })] });

  it('passes without a public address, even with an open group', () => {
    expect(statuses(run(instanceExposed, withInstance({}, { securityGroups: [open] })))).toEqual(['pass']);
  });

  it('passes with a public address when no group lets the world in', () => {
    const f = run(instanceExposed, withInstance({ publicIps: ['47.1.2.3'] }));
    expect(statuses(f)).toEqual(['pass']);
    expect(f[0]!.reason.en).toContain('47.1.2.3');
  });

  it('fails with a public IP or an EIP and an open group, naming both', () => {
    for (const o of [{ publicIps: ['47.1.2.3'] }, { eipAddress: '39.9.9.9' }]) {
      const f = run(instanceExposed, withInstance(o, { securityGroups: [open] }));
      expect(statuses(f)).toEqual(['fail']);
      expect(f[0]!.reason.en).toMatch(/^Instance web-1 \(i-1\) has public address .* web \(sg-1\) lets 0\.0\.0\.0\/0 reach TCP 80 \(rule sgr-web\)\.$/);
      expect(f[0]!.reason.zh).toContain('web(sg-1)允许 0.0.0.0/0 访问 TCP 80(规则 sgr-web)');
      expect(f[0]!.remediation.cli).toBe('aliyun ecs RevokeSecurityGroup --RegionId cn-hangzhou --SecurityGroupId sg-1 --SecurityGroupRuleId.1 sgr-web');
    }
  });

  it('names each group once, with all the ports and rules it opens', () => {
    const web = buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'r80', portRange: '80/80' }), buildWorldRule({ ruleId: 'r443', portRange: '443/443' })] });
    const f = run(instanceExposed, withInstance({ publicIps: ['47.1.2.3'] }, { securityGroups: [web] }));
    expect(f[0]!.reason.en).toContain('web (sg-1) lets 0.0.0.0/0 reach TCP 80, 443 (rules r80, r443).');
  });

  it('judges a stopped instance and says it is stopped', () => {
    const f = run(instanceExposed, withInstance({ status: 'Stopped', eipAddress: '39.9.9.9' }, { securityGroups: [open] }));
    expect(f[0]!.reason.en).toContain('currently Stopped');
  });

  it('merges the rules of all attached groups: a Drop in one shadows an Accept in another', () => {
    const deny = buildSecurityGroup({ securityGroupId: 'sg-2', rules: [buildWorldRule({ ruleId: 'deny80', policy: 'Drop', portRange: '80/80', priority: 1 })] });
    const f = run(instanceExposed, withInstance({ publicIps: ['47.1.2.3'], securityGroupIds: ['sg-1', 'sg-2'] }, { securityGroups: [open, deny] }));
    expect(statuses(f)).toEqual(['pass']);
  });

  it('ignores ICMP-only openings', () => {
    const ping = buildSecurityGroup({ rules: [buildWorldRule({ ipProtocol: 'ICMP', portRange: '-1/-1' })] });
    expect(statuses(run(instanceExposed, withInstance({ publicIps: ['47.1.2.3'] }, { securityGroups: [ping] })))).toEqual(['pass']);
  });

  it('errors when an attached group could not be read, mentioning what the known groups open', () => {
    const unread = buildSecurityGroup({ securityGroupId: 'sg-2', rules: null });
    const f = run(
      instanceExposed,
      buildSnapshot({
        region: { instances: [buildInstance({ publicIps: ['47.1.2.3'], securityGroupIds: ['sg-1', 'sg-2'] })], securityGroups: [open, unread] },
        gaps: [buildGap({ resource: 'sg-2', missingAction: 'ecs:DescribeSecurityGroupAttribute' })],
      }),
    );
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('grant ecs:DescribeSecurityGroupAttribute');
    expect(f[0]!.reason.en).toContain('would let the internet reach it');
  });
});

describe('ecs.instance.imds-v1', () => {
  it.each([
    [{ metadataHttpTokens: 'required' }, 'pass'],
    [{ metadataHttpTokens: 'Required' }, 'pass'],
    [{ metadataHttpTokens: 'optional' }, 'fail'],
    [{ metadataHttpTokens: '' }, 'fail'],
    [{ metadataHttpTokens: 'optional', metadataHttpEndpoint: 'disabled' }, 'pass'],
    [{ metadataHttpTokens: null }, 'error'],
  ] as const)('%j → %s', (o, status) => {
    expect(statuses(run(imdsV1, withInstance(o)))).toEqual([status]);
  });
  it('fills the CLI command', () => {
    expect(run(imdsV1, withInstance({ metadataHttpTokens: 'optional' }))[0]!.remediation.cli).toBe(
      'aliyun ecs ModifyInstanceMetadataOptions --RegionId cn-hangzhou --InstanceId i-1 --HttpTokens required',
    );
  });
});

describe('ecs.instance.classic-network / no-deletion-protection', () => {
  it('classic fails, vpc passes', () => {
    expect(statuses(run(classicNetwork, withInstance({ networkType: 'classic', vpcId: null })))).toEqual(['fail']);
    expect(statuses(run(classicNetwork))).toEqual(['pass']);
  });
  it('deletion protection off fails', () => {
    expect(statuses(run(noDeletionProtection, withInstance({ deletionProtection: false })))).toEqual(['fail']);
    expect(statuses(run(noDeletionProtection))).toEqual(['pass']);
  });
});

describe('ecs.instance.no-key-pair', () => {
  it.each([
    [{ keyPairName: null }, 'fail'],
    [{ keyPairName: '' }, 'fail'],
    [{ keyPairName: 'ops' }, 'pass'],
    [{ osType: 'windows', keyPairName: null }, 'skip'],
    [{ osType: '', keyPairName: null }, 'error'],
  ] as const)('%j → %s', (o, status) => {
    expect(statuses(run(noKeyPair, withInstance(o)))).toEqual([status]);
  });
});

describe('ecs.instance.os-end-of-life', () => {
  it('fails an OS past its date, citing date and source', () => {
    const f = run(osEndOfLife, withInstance({ osName: 'CentOS  7.9 64位' }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]!.reason.en).toContain('CentOS 7 support ended on 2024-06-30 (CentOS Project');
    expect(f[0]!.owner).toBe('customer');
  });
  it('passes a supported OS and warns before the date', () => {
    expect(statuses(run(osEndOfLife))).toEqual(['pass']);
    // NOW is 2025-06-15: Debian 11 ends 2026-08-31, outside the 180-day window; Windows 2016 too.
    const soon = run(osEndOfLife, withInstance({ osName: 'Debian  11.11 64位' }), { osEolWarningDays: 500 });
    expect(soon[0]!.status).toBe('pass');
    expect(soon[0]!.reason.en).toContain('plan the upgrade');
  });
  it('counts the eol day itself as supported', () => {
    // Ubuntu 20.04 ends 2025-05-31; NOW is 2025-06-15, so it has ended.
    expect(statuses(run(osEndOfLife, withInstance({ osName: 'Ubuntu  20.04 64位' })))).toEqual(['fail']);
  });
  it('errors on an empty OS name', () => {
    expect(statuses(run(osEndOfLife, withInstance({ osName: '' })))).toEqual(['error']);
  });
});

describe('ecs.instance.platform-event', () => {
  it('is owned by Alibaba Cloud and tells the customer what they may and need not do', () => {
    const f = run(platformEvent, withInstance({}, { systemEvents: [buildSystemEvent()] }));
    expect(statuses(f)).toEqual(['fail']);
    expect(f[0]).toMatchObject({ owner: 'alibaba-cloud', severity: 'info', detail: 'e-1' });
    expect(f[0]!.reason.en).toContain('Alibaba Cloud is maintaining the physical host');
    expect(f[0]!.reason.en).toContain('You may restart the instance yourself');
    expect(f[0]!.reason.en).toContain('you do not need to repair or migrate the host');
    expect(f[0]!.reason.zh).toContain('无需修复或迁移宿主机');
  });
  it('ignores finished events and passes instances without events', () => {
    const f = run(platformEvent, withInstance({}, { systemEvents: [buildSystemEvent({ eventCycleStatus: 'Executed' })] }));
    expect(statuses(f)).toEqual(['pass']);
  });
  it('describes host failures', () => {
    const f = run(platformEvent, withInstance({}, { systemEvents: [buildSystemEvent({ eventType: 'SystemFailure.Reboot', eventCycleStatus: 'Executing' })] }));
    expect(f[0]!.reason.en).toContain('the physical host has failed');
  });
  it('errors when the events could not be read', () => {
    const f = run(platformEvent, withInstance({}, { systemEvents: null }));
    expect(statuses(f)).toEqual(['error']);
  });
  it('errors for the region when the events call was denied', () => {
    const snap = buildSnapshot({ gaps: [buildGap({ action: 'DescribeInstanceHistoryEvents', missingAction: 'ecs:DescribeInstanceHistoryEvents' })] });
    const f = run(platformEvent, snap);
    expect(statuses(f)).toEqual(['error']);
    expect(f[0]!.reason.en).toContain('ecs:DescribeInstanceHistoryEvents');
  });
});

describe('ecs.instance.no-cloud-assistant', () => {
  it('passes a running agent, fails a missing one, skips a stopped instance', () => {
    expect(statuses(run(noCloudAssistant))).toEqual(['pass']);
    expect(statuses(run(noCloudAssistant, withInstance({}, { cloudAssistant: { 'i-1': false } })))).toEqual(['fail']);
    expect(statuses(run(noCloudAssistant, withInstance({ status: 'Stopped' }, { cloudAssistant: {} })))).toEqual(['skip']);
  });
  it('errors when the status was not reported', () => {
    expect(statuses(run(noCloudAssistant, withInstance({}, { cloudAssistant: {} })))).toEqual(['error']);
    const denied = buildSnapshot({ region: { cloudAssistant: null }, gaps: [buildGap({ action: 'DescribeCloudAssistantStatus' })] });
    expect(statuses(run(noCloudAssistant, denied))).toEqual(['error']);
  });
});

it('source groups are never the world for exposure', () => {
  const g = buildSecurityGroup({ rules: [buildRule({ sourceCidrIp: '', sourceGroupId: 'sg-lb', portRange: '80/80' })] });
  expect(statuses(run(instanceExposed, withInstance({ publicIps: ['47.1.2.3'] }, { securityGroups: [g] })))).toEqual(['pass']);
});
