import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTIONS_CALLED, RAM_PREFIX } from '../../src/cloud/actions.js';
import { CsClient, EcsClient, ImsClient, RamClient, StsClient, VpcClient } from '../../src/cloud/sdk.js';
import { Sls } from '../../src/cloud/sls.js';
import { packageRoot } from '../../src/core/paths.js';
import { SERVICES } from '../../src/emulator/services/index.js';
import { OSS_APIS } from '../../src/emulator/services/oss.js';
import { READ_ONLY_EXCEPTIONS, buildPolicy, isReadOnlyAction, needsGrant, renderPolicy, type RamPolicy } from '../../src/security/policy.js';
import { cli } from '../cli/helpers.js';

// The shipped RAM policy must be exactly what the code can call, and read-only. The set of calls
// is derived twice: from the ACTIONS table, and independently by reading the source for SDK
// method calls and action keys, so a call added without a table entry is caught.

const root = packageRoot();
const shipped = readFileSync(join(root, 'deploy', 'ram-policy.json'), 'utf8');
const shippedPolicy = JSON.parse(shipped) as RamPolicy;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// Everything that runs in the bot. The emulator is the server side of the same wire protocol.
const botSources = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'commands'))].filter((f) => !f.includes(`${join('src', 'emulator')}`));
const cloudSources = tsFiles(join(root, 'src', 'cloud'));
const read = (f: string) => readFileSync(f, 'utf8');
const rel = (f: string) => relative(root, f);

/** Every API method the five SDK clients have (describeInstances, describeInstancesWithOptions, ...). */
function sdkMethods(): Map<string, Set<string>> {
  const byMethod = new Map<string, Set<string>>();
  const clients = { ecs: EcsClient, vpc: VpcClient, ram: RamClient, ims: ImsClient, sts: StsClient, cs: CsClient, sls: Sls.default };
  for (const [service, C] of Object.entries(clients)) {
    for (const name of Object.getOwnPropertyNames(C.prototype)) {
      if (name === 'constructor' || name === 'getEndpoint') continue;
      const set = byMethod.get(name) ?? new Set<string>();
      set.add(service);
      byMethod.set(name, set);
    }
  }
  return byMethod;
}

const actionOf = (method: string) => {
  const base = method.replace(/WithOptions$/, '');
  return base[0]!.toUpperCase() + base.slice(1);
};

describe('least-privilege RAM policy', () => {
  it('deploy/ram-policy.json is exactly buildPolicy(ACTIONS_CALLED)', () => {
    expect(shipped).toBe(renderPolicy(buildPolicy(ACTIONS_CALLED)));
    expect(shippedPolicy.Version).toBe('1');
    expect(shippedPolicy.Statement).toHaveLength(1);
    expect(shippedPolicy.Statement[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
    // The collection rules (CIS 2.3, 2.6-2.9) are read under Log Service's log: code.
    expect(shippedPolicy.Statement[0].Action).toContain('log:ListCollectionPolicies');
  });

  it('grants nothing that is not read-only', () => {
    for (const action of shippedPolicy.Statement[0].Action) {
      const ok = /^[a-z][a-z0-9-]*:(Describe|List|Get)\w+$/.test(action) || action === 'sts:AssumeRole';
      expect(ok, `${action} is not a read-only action`).toBe(true);
    }
    expect(Object.keys(READ_ONLY_EXCEPTIONS).sort()).toEqual(['sts:AssumeRole', 'sts:GetCallerIdentity']);
    expect(shippedPolicy.Statement[0].Action).not.toContain('sts:GetCallerIdentity');
  });

  it('grants every action the table lists, under its RAM name (IMS APIs as ram:)', () => {
    const expected = new Set(ACTIONS_CALLED.map((a) => a.ramAction).filter(needsGrant));
    expect(new Set(shippedPolicy.Statement[0].Action)).toEqual(expected);
    for (const a of ACTIONS_CALLED) {
      expect(a.ramAction).toBe(`${RAM_PREFIX[a.service] ?? a.service}:${a.action}`);
      expect(isReadOnlyAction(a.ramAction), a.ramAction).toBe(true);
    }
  });

  it('refuses to build a policy with a mutating action', () => {
    expect(() => buildPolicy([...ACTIONS_CALLED, { ramAction: 'ecs:DeleteInstance' }])).toThrow(/ecs:DeleteInstance/);
    expect(() => buildPolicy([{ ramAction: 'ram:CreateAccessKey' }])).toThrow(/not read-only/);
    expect(() => buildPolicy([{ ramAction: 'ecs:*' }])).toThrow();
  });

  it('the SDK methods the source calls are exactly the table\'s actions', () => {
    const methods = sdkMethods();
    const found = new Map<string, Set<string>>(); // action -> files
    for (const f of botSources) {
      for (const m of read(f).matchAll(/\.([a-z][A-Za-z0-9]*)\s*\(/g)) {
        const name = m[1]!;
        if (!methods.has(name)) continue;
        // Credential and config getters on the client read nothing from the cloud.
        if (/^get(AccessKeyId|AccessKeySecret|SecurityToken|BearerToken|Type|RpcHeaders|AccessDeniedDetail)$/.test(name)) continue;
        const action = actionOf(name);
        found.set(action, (found.get(action) ?? new Set()).add(rel(f)));
      }
    }
    // KMS, Certificate Management, ActionTrail, Security Center and RDS go through rpc.ts (see the generic-door test below);
    // OSS through ali-oss in oss.ts, whose one door is checked below.
    const tableActions = new Set(ACTIONS_CALLED.filter((a) => !['kms', 'cas', 'actiontrail', 'sas', 'resourcemanager', 'rds', 'oss'].includes(a.service)).map((a) => a.action));
    const unlisted = [...found].filter(([a]) => !tableActions.has(a)).map(([a, files]) => `${a} (in ${[...files].join(', ')})`);
    expect(unlisted, 'SDK calls outside the ACTIONS table').toEqual([]);
    expect(new Set(found.keys())).toEqual(tableActions);
  });

  it('nothing calls the cloud through the SDK\'s generic request doors, except rpc.ts, which only the table uses', () => {
    const generic = /\.(callApi|callSSEApi|doRPCRequest|doROARequest|doROARequestWithForm|doRequest|execute)\s*\(/;
    const rpc = join('src', 'cloud', 'rpc.ts');
    const offenders = botSources.filter((f) => !f.endsWith(rpc) && generic.test(read(f))).map(rel);
    expect(offenders).toEqual([]);
    const callers = botSources.filter((f) => !f.endsWith(rpc) && /\.rpc\s*[<(]/.test(read(f))).map(rel);
    expect(callers).toEqual([join('src', 'cloud', 'actions.ts')]);
    const generics = ACTIONS_CALLED.filter((a) => ['actiontrail', 'sas', 'kms', 'cas', 'resourcemanager', 'rds'].includes(a.service)).map((a) => a.ramAction);
    expect(generics.sort()).toEqual([
      'actiontrail:DescribeTrails',
      'actiontrail:GetTrailStatus',
      'kms:DescribeKey',
      'kms:ListKeys',
      'rds:DescribeDBInstanceEncryptionKey',
      'rds:DescribeDBInstanceIPArrayList',
      'rds:DescribeDBInstanceSSL',
      'rds:DescribeDBInstanceTDE',
      'rds:DescribeDBInstances',
      'rds:DescribeParameters',
      'rds:DescribeSQLCollectorPolicy',
      'rds:DescribeSQLCollectorRetention',
      'resourcemanager:ListAccounts',
      'yundun-cert:ListUserCertificateOrder',
      'yundun-sas:DescribeCloudCenterInstances',
      'yundun-sas:DescribeNoticeConfig',
      'yundun-sas:DescribeServiceLinkedRoleStatus',
      'yundun-sas:DescribeSuspiciousOverallConfig',
      'yundun-sas:DescribeVersionConfig',
      'yundun-sas:DescribeVulConfig',
      'yundun-sas:DescribeVulList',
      'yundun-sas:GetPropertyScheduleConfig',
    ]);
  });

  it('every table entry is used by the collector, and every key it uses is in the table', () => {
    const used = new Set<string>();
    for (const f of cloudSources) {
      if (f.endsWith(join('cloud', 'actions.ts'))) continue;
      for (const m of read(f).matchAll(/'((?:ecs|vpc|ram|ims|sts|kms|cas|actiontrail|sas|resourcemanager|rds|cs|sls|oss):[A-Z][A-Za-z0-9]*)'/g)) used.add(m[1]!);
    }
    expect(used).toEqual(new Set(Object.keys(ACTIONS)));
  });

  it('the emulator denies each action under the same RAM name the policy grants', () => {
    for (const a of ACTIONS_CALLED) {
      // OSS is served outside the POP router (services/oss.ts) and denies as oss:<Action>.
      if (a.service === 'oss') {
        expect(OSS_APIS, a.action).toContain(a.action);
        expect(`oss:${a.action}`).toBe(a.ramAction);
        continue;
      }
      const svc = SERVICES.find((s) => s.name === a.service);
      expect(svc, a.service).toBeDefined();
      expect(Object.keys(svc!.handlers), `${a.service}:${a.action}`).toContain(a.action);
      expect(`${svc!.authPrefix}:${a.action}`).toBe(a.ramAction);
    }
  });
});

describe('whoowns policy', () => {
  it('--json prints the shipped document and nothing else', async () => {
    const r = await cli(['policy', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shipped);
    expect(r.stderr).toBe('');
  });

  it('explains the exceptions in the asker\'s language', async () => {
    const en = await cli(['policy']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(shipped);
    expect(en.stdout).toMatch(/sts:GetCallerIdentity \(needs no grant/);
    expect(en.stdout).toMatch(/ram:GenerateCredentialReport \(left out, never called\): it creates/);
    expect(shipped).not.toContain('CredentialReport');
    const zh = await cli(['policy', '--lang', 'zh']);
    expect(zh.stdout).toMatch(/实例 RAM 角色/);
  });
});
