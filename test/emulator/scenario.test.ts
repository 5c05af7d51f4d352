import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateLargeScenario, loadScenario, scenario } from '../../src/emulator/index.js';

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as { code?: string }).code).toBe('SCENARIO_INVALID');
    return (e as Error).message;
  }
  throw new Error('expected a SCENARIO_INVALID error');
}

describe('scenario() builder', () => {
  test('an empty scenario is one clean region with defaults filled in', () => {
    const s = scenario();
    expect(Object.keys(s.regions)).toEqual(['cn-hangzhou']);
    expect(s.account).toMatchObject({ accountId: '1234567890123456', arn: 'acs:ram::1234567890123456:root', identityType: 'Account' });
    expect(s.ram.passwordPolicy.minimumPasswordLength).toBe(14);
    expect(s.ram.securityPreference.mfaOperationForLogin).toBe('mandatory');
  });

  test('defaults describe a well-configured resource; derived fields are computed', () => {
    const s = scenario({
      regions: {
        'ap-southeast-1': {
          securityGroups: [{ securityGroupId: 'sg-1', rules: [{ portRange: '22/22', sourceCidrIp: '10.0.0.0/8' }] }],
          instances: [{ instanceId: 'i-1', securityGroupIds: ['sg-1'] }],
          disks: [{ diskId: 'd-1', instanceId: 'i-1', autoSnapshotPolicyId: 'sp-1' }],
          autoSnapshotPolicies: [{ autoSnapshotPolicyId: 'sp-1' }],
        },
      },
      ram: { users: [{ userName: 'ann', policies: ['AdministratorAccess', 'mine'] }], customPolicies: [{ policyName: 'mine', document: '{"Statement":[{"Effect":"Allow","Action":"ecs:*"}]}' }] },
    });
    const r = s.regions['ap-southeast-1']!;
    expect(r.localName).toBe('新加坡');
    expect(r.instances[0]).toMatchObject({ regionId: 'ap-southeast-1', zoneId: 'ap-southeast-1-a', metadataHttpTokens: 'required', deletionProtection: true });
    expect(r.securityGroups[0]).toMatchObject({ ecsCount: 1, rules: [{ ruleId: 'sgr-1-1', policy: 'Accept', priority: 1, direction: 'ingress' }] });
    expect(r.disks[0]).toMatchObject({ status: 'In_use', enableAutoSnapshot: true, encrypted: true });
    expect(r.autoSnapshotPolicies[0]?.diskNums).toBe(1);
    expect(r.cloudAssistant).toEqual({ 'i-1': true });
    expect(s.ram.users[0]?.policies).toEqual([
      { policyName: 'AdministratorAccess', policyType: 'System' },
      { policyName: 'mine', policyType: 'Custom' },
    ]);
    expect(s.ram.customPolicies[0]).toMatchObject({ attachmentCount: 1, document: { Statement: [{ Action: 'ecs:*' }] } });
  });

  test('validation errors name every bad field by path', () => {
    const message = problemsOf(() =>
      scenario({
        regions: {
          'cn-hangzhou': {
            instances: [{ instanceId: 'i-1', securityGroupIds: ['sg-missing'] }, { instanceId: 'i-1' }],
            securityGroups: [{ securityGroupId: 'sg-1', rules: [{ portRange: '22' }] }],
            disks: [{ diskId: 'd-1', instanceId: 'i-404' }],
          },
        },
        ram: { users: [{ userName: 'u', groups: ['nope'], policies: ['NoSuchPolicy'], createDate: 'yesterday' }] },
      } as never, 'bad.yaml'),
    );
    expect(message).toContain('bad.yaml');
    expect(message).toContain('regions.cn-hangzhou.instances[0].securityGroupIds[0]: unknown security group sg-missing');
    expect(message).toContain('regions.cn-hangzhou.instances[1]: duplicate instance i-1');
    expect(message).toContain('regions.cn-hangzhou.securityGroups[0].rules[0].portRange');
    expect(message).toContain('regions.cn-hangzhou.disks[0].instanceId: unknown instance i-404');
    expect(message).toContain('ram.users[0].groups[0]: unknown group nope');
    expect(message).toContain('ram.users[0].policies[0]: unknown policy NoSuchPolicy');
    expect(message).toContain('ram.users[0].createDate');
  });

  test('typos in field names are errors, not silently ignored', () => {
    expect(problemsOf(() => scenario({ regions: { 'cn-hangzhou': { instanses: [] } } } as never))).toMatch(/instanses/);
    expect(problemsOf(() => scenario({ regions: { Hangzhou: {} } } as never))).toMatch(/region id/);
    // Security Center fingerprints: only the API's own types and collection frequencies.
    expect(problemsOf(() => scenario({ securityCenter: { fingerprintSchedule: { scheduler_port_period: 48 } } } as never))).toMatch(/fingerprintSchedule/);
    expect(problemsOf(() => scenario({ securityCenter: { fingerprintSchedule: { scheduler_ports: 24 } } } as never))).toMatch(/fingerprintSchedule/);
  });
});

describe('loadScenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whoowns-scenario-'));

  test('the bundled demo loads: 2 regions, ~6 instances, ~5 security groups per region, RAM users', () => {
    const demo = loadScenario('demo');
    expect(Object.keys(demo.regions)).toEqual(['cn-hangzhou', 'ap-southeast-1']);
    const all = Object.values(demo.regions);
    expect(all.flatMap((r) => r.instances).length).toBeGreaterThanOrEqual(6);
    expect(all.flatMap((r) => r.disks).length).toBeGreaterThanOrEqual(8);
    expect(demo.ram.users.length).toBeGreaterThanOrEqual(5);
  });

  test('the demo plants the problems the checks must find, beside clean resources', () => {
    const demo = loadScenario('demo');
    const hz = demo.regions['cn-hangzhou']!;
    const sg = demo.regions['ap-southeast-1']!;
    const rules = [...hz.securityGroups, ...sg.securityGroups].flatMap((g) => g.rules);
    expect(rules.some((r) => r.portRange === '22/22' && r.sourceCidrIp === '0.0.0.0/0')).toBe(true);
    expect(rules.some((r) => r.portRange === '3389/3389' && r.ipv6SourceCidrIp === '::/0')).toBe(true);
    expect(rules.some((r) => r.ipProtocol === 'ALL' && r.portRange === '-1/-1' && r.sourceCidrIp === '0.0.0.0/0')).toBe(true);
    expect(rules.some((r) => r.policy === 'accept' && r.ipProtocol === 'tcp')).toBe(true);
    expect(rules.some((r) => r.policy === 'Drop')).toBe(true);
    expect(hz.securityGroups.some((g) => g.ecsCount === 0)).toBe(true);
    expect(hz.securityGroups.some((g) => g.serviceManaged)).toBe(true);
    expect(hz.instances.some((i) => i.osName.startsWith('CentOS  7'))).toBe(true);
    expect(hz.systemEvents[0]?.eventType).toBe('SystemMaintenance.Reboot');
    expect(Object.values(hz.cloudAssistant)).toContain(false);
    expect(sg.diskEncryptionByDefault).toBe(false);
    expect(hz.autoSnapshotPolicies.some((p) => p.retentionDays === 3)).toBe(true);
    expect(hz.vpcs.length).toBeGreaterThan(hz.flowLogs.length);
    const { ram } = demo;
    expect(ram.passwordPolicy.minimumPasswordLength).toBe(8);
    expect(ram.users.some((u) => u.hasConsoleLogin && !u.mfaEnabled)).toBe(true);
    expect(ram.users.some((u) => u.accessKeys.filter((k) => k.status === 'Active').length > 1)).toBe(true);
    expect(ram.users.some((u) => u.policies.some((p) => p.policyName === 'AdministratorAccess'))).toBe(true);
    expect(ram.customPolicies.some((p) => p.document.Statement.some((s) => s.Action === '*' && s.Resource === '*'))).toBe(true);
    // The emulator's own test key belongs to the audit user, so "who am I" and ListAccessKeys agree.
    expect(ram.users.find((u) => u.userName === 'whoowns-audit')?.accessKeys[0]?.accessKeyId).toBe('LTAI5tEmulatorTestKey');
  });

  test('the clean scenario loads', () => {
    const clean = loadScenario('clean');
    expect(clean.ram.users.every((u) => !u.hasConsoleLogin || u.mfaEnabled)).toBe(true);
    expect(Object.values(clean.regions).flatMap((r) => r.disks).every((d) => d.encrypted && d.autoSnapshotPolicyId)).toBe(true);
  });

  test('YAML and JSON files load; errors name the file and the field', () => {
    const json = join(dir, 'tiny.json');
    writeFileSync(json, JSON.stringify({ name: 'tiny', regions: { 'cn-beijing': { instances: [{ instanceId: 'i-9' }] } } }));
    expect(loadScenario(json).regions['cn-beijing']?.instances[0]?.instanceId).toBe('i-9');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'regions:\n  cn-beijing:\n    disks:\n      - diskId: d-1\n        sizeGb: -5\n');
    expect(problemsOf(() => loadScenario(bad))).toMatch(/bad\.yaml[\s\S]*regions\.cn-beijing\.disks\[0\]\.sizeGb/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'regions:\n  cn-beijing: [\n');
    expect(problemsOf(() => loadScenario(broken))).toMatch(/broken\.yaml[\s\S]*cannot be parsed/);
    expect(problemsOf(() => loadScenario(join(dir, 'missing.yaml')))).toMatch(/cannot be read \(ENOENT\)/);
  });
});

describe('generateLargeScenario', () => {
  test('default size: 20 regions, 5000 instances, 1000 groups x 20 rules, 2000 disks, 500 users, in under 2 s', () => {
    const t = performance.now();
    const s = generateLargeScenario();
    const ms = performance.now() - t;
    const regions = Object.values(s.regions);
    expect(regions).toHaveLength(20);
    expect(regions.flatMap((r) => r.instances)).toHaveLength(5000);
    const groups = regions.flatMap((r) => r.securityGroups);
    expect(groups).toHaveLength(1000);
    expect(groups.every((g) => g.rules.length === 20)).toBe(true);
    expect(regions.flatMap((r) => r.disks)).toHaveLength(2000);
    expect(s.ram.users).toHaveLength(500);
    expect(ms).toBeLessThan(2000);
  });

  test('seeded: the same options give the same scenario, another seed a different one', () => {
    const small = { regions: 3, instances: 50, securityGroups: 10, rulesPerGroup: 5, disks: 30, users: 20 };
    expect(generateLargeScenario({ ...small, seed: 1 })).toEqual(generateLargeScenario({ ...small, seed: 1 }));
    expect(generateLargeScenario({ ...small, seed: 1 })).not.toEqual(generateLargeScenario({ ...small, seed: 2 }));
  });

  test('OSS, RDS, ACK and SLS (issue #16): 200 buckets, 100 databases, 20 clusters, 10 projects, each project a trail target', () => {
    const s = generateLargeScenario();
    const regions = Object.values(s.regions);
    expect(s.oss.buckets).toHaveLength(200);
    const dbs = regions.flatMap((r) => r.rdsInstances);
    expect(dbs).toHaveLength(100);
    expect(new Set(dbs.map((d) => d.engine))).toEqual(new Set(['MySQL', 'PostgreSQL']));
    expect(dbs.some((d) => d.whitelist.includes('0.0.0.0/0'))).toBe(true);
    expect(regions.filter((r) => r.rdsInstances.length > 0).length).toBeGreaterThan(10);
    expect(regions.flatMap((r) => r.ackClusters)).toHaveLength(20);
    expect(new Set(s.oss.buckets.map((b) => b.acl))).toEqual(new Set(['private', 'public-read', 'public-read-write']));
    expect(s.logService.projects).toHaveLength(10);
    // The collector reads SLS through the trails listed in cn-hangzhou: every project must be one's target.
    for (const p of s.logService.projects) {
      const trail = s.actiontrail.trails.find((t) => t.slsProjectArn === `acs:log:${p.region}:${s.account.accountId}:project/${p.name}`);
      expect(trail?.homeRegion, p.name).toBe('cn-hangzhou');
      expect(p.logstores.map((l) => l.name)).toContain(`actiontrail_${trail!.name}`);
    }
  });

  test('the new services follow the instance count and leave every ECS and RAM value as it was', () => {
    const size = { regions: 4, instances: 1000, securityGroups: 200, rulesPerGroup: 5, disks: 400, users: 100, seed: 5 };
    const s = generateLargeScenario(size);
    expect(s.oss.buckets).toHaveLength(40);
    expect(Object.values(s.regions).flatMap((r) => r.rdsInstances)).toHaveLength(20);
    expect(Object.values(s.regions).flatMap((r) => r.ackClusters)).toHaveLength(4);
    expect(s.logService.projects).toHaveLength(2);
    const none = generateLargeScenario({ ...size, buckets: 0, rdsInstances: 0, ackClusters: 0, slsProjects: 0 });
    expect(none.oss.buckets).toEqual([]);
    expect(none.logService.projects).toEqual([]);
    for (const [id, r] of Object.entries(s.regions)) {
      const { rdsInstances: _r, ackClusters: _a, ...ecs } = r;
      const { rdsInstances: _r0, ackClusters: _a0, ...ecs0 } = none.regions[id]!;
      expect(ecs).toEqual(ecs0);
    }
    expect(s.ram).toEqual(none.ram);
    // One service's count does not move another's values.
    expect(generateLargeScenario({ ...size, buckets: 3 }).logService).toEqual(s.logService);
  });
});
