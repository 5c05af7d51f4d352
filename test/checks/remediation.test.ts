// Every check's remediation, rendered the way users see it: for a failing finding of each check
// (zh and en), and in the generic form `posture explain <check>` shows when no resource is known.
// Nothing may leave a {placeholder} behind, name a resource twice, or send a regional aliyun
// command without its region.

import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { fillTemplate, genericRemediation, remediationFor } from '../../src/checks/template.js';
import type { Check, Remediation } from '../../src/posture/types.js';
import { buildContext, scanWith } from '../builders/context.js';
import { remediationOf } from '../../src/posture/meta.js';
import {
  buildAccessKey,
  buildAclEntry,
  buildCertificate,
  buildKmsKey,
  buildNetworkAcl,
  buildRdsInstance,
  buildAckCluster,
  buildBucket,
  buildOss,
  buildDisk,
  buildGroup,
  buildInstance,
  buildPolicy,
  buildRule,
  buildSecurityGroup,
  buildSnapshot,
  buildSystemEvent,
  buildTrail,
  buildLogService,
  buildSlsTrailProject,
  buildUser,
  buildWorldRule,
  daysAgo,
  REGION,
  type SnapshotOverrides,
} from '../builders/snapshot.js';

const ADMIN = [{ policyName: 'AdministratorAccess', policyType: 'System' }];
const worldGroup = (rule: Parameters<typeof buildWorldRule>[0]) => ({ region: { securityGroups: [buildSecurityGroup({ rules: [buildWorldRule(rule)] })] } });

/** One snapshot per check on which that check fails (everything else stays clean). */
const FAILING: Record<string, SnapshotOverrides> = {
  'ecs.sg.admin-port-open-world': worldGroup({ ruleId: 'sgr-22', portRange: '22/22' }),
  'ecs.sg.all-ports-open-world': worldGroup({ ruleId: 'sgr-all', ipProtocol: 'ALL', portRange: '-1/-1' }),
  'ecs.sg.wide-port-range': worldGroup({ ruleId: 'sgr-wide', portRange: '1000/2000' }),
  'ecs.sg.db-port-open-world': worldGroup({ ruleId: 'sgr-db', portRange: '3306/3306' }),
  'ecs.sg.risky-port-open-world': worldGroup({ ruleId: 'sgr-smb', portRange: '445/445' }),
  'ecs.sg.egress-all': {
    region: { securityGroups: [buildSecurityGroup({ rules: [buildRule({ ruleId: 'sgr-out', direction: 'egress', ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '', destCidrIp: '0.0.0.0/0' })] })] },
  },
  'ecs.sg.unused': { region: { securityGroups: [buildSecurityGroup({ ecsCount: 0 })] } },
  'ecs.sg.service-managed': { region: { securityGroups: [buildSecurityGroup({ serviceManaged: true })] } },
  'ecs.instance.exposed': { region: { instances: [buildInstance({ publicIps: ['47.1.1.1'] })], securityGroups: [buildSecurityGroup({ rules: [buildWorldRule({ ruleId: 'sgr-22', portRange: '22/22' })] })] } },
  'ecs.instance.imds-v1': { region: { instances: [buildInstance({ metadataHttpTokens: 'optional' })] } },
  'ecs.instance.classic-network': { region: { instances: [buildInstance({ networkType: 'classic' })] } },
  'ecs.instance.no-key-pair': { region: { instances: [buildInstance({ keyPairName: '' })] } },
  'ecs.instance.no-deletion-protection': { region: { instances: [buildInstance({ deletionProtection: false })] } },
  'ecs.instance.os-end-of-life': { region: { instances: [buildInstance({ osName: 'CentOS  7.9 64位' })] } },
  'ecs.instance.platform-event': { region: { systemEvents: [buildSystemEvent()] } },
  'ecs.instance.no-cloud-assistant': { region: { cloudAssistant: { 'i-1': false } } },
  // A disk without a name: the collector names it by its id.
  'ecs.disk.unencrypted': { region: { disks: [buildDisk({ diskName: 'd-1', encrypted: false })] } },
  'ecs.disk.encryption-by-default-off': { region: { diskEncryptionByDefault: false } },
  'ecs.disk.no-auto-snapshot': { region: { disks: [buildDisk({ diskName: 'd-1', enableAutoSnapshot: false, autoSnapshotPolicyId: '' })] } },
  'ecs.snapshot.short-retention': { region: { autoSnapshotPolicies: [{ autoSnapshotPolicyId: 'sp-1', autoSnapshotPolicyName: 'sp-1', regionId: REGION, retentionDays: 3, timePoints: ['2'], repeatWeekdays: ['1'], diskNums: 1 }] } },
  'vpc.flow-log-off': { region: { flowLogs: [] } },
  'vpc.acl-allow-all': { region: { networkAcls: [buildNetworkAcl({ ingress: [buildAclEntry({ protocol: 'all', port: '-1/-1' })] })] } },
  'rds.whitelist-open-world': { region: { rdsInstances: [buildRdsInstance({ whitelist: ['0.0.0.0/0'] })] } },
  'rds.ssl-off': { region: { rdsInstances: [buildRdsInstance({ sslEnabled: false })] } },
  'rds.tde-off': { region: { rdsInstances: [buildRdsInstance({ tdeEnabled: false })] } },
  'rds.sql-audit-off': { region: { rdsInstances: [buildRdsInstance({ sqlAuditEnabled: false })] } },
  'ack.cluster.public-api-server': { region: { ackClusters: [buildAckCluster({ detail: { ...buildAckCluster().detail!, publicApiServer: 'https://47.1.2.3:6443' } })] } },
  'ack.cluster.log-service-off': { region: { ackClusters: [buildAckCluster({ addons: ['terway-eniip'] })] } },
  'ack.cluster.cloudmonitor-off': { region: { ackClusters: [buildAckCluster({ nodePools: [{ nodePoolId: 'np-1', name: 'web', cmsEnabled: false }] })] } },
  'ack.cluster.inspection-off': { region: { ackClusters: [buildAckCluster({ inspection: { enabled: false, recurrence: '' } })] } },
  'ack.cluster.dashboard-on': { region: { ackClusters: [buildAckCluster({ addons: ['terway-eniip', 'logtail-ds', 'kubernetes-dashboard'] })] } },
  'ack.cluster.network-policy-off': { region: { ackClusters: [buildAckCluster({ addons: ['flannel', 'logtail-ds'] })] } },
  'ack.cluster.eni-multi-ip-off': { region: { ackClusters: [buildAckCluster({ addons: ['flannel', 'logtail-ds'] })] } },
  'ack.cluster.secrets-encryption-off': { region: { ackClusters: [buildAckCluster({ detail: { ...buildAckCluster().detail!, secretsEncryptionKey: '' } })] } },
  'rds.sql-audit-short-retention': { region: { rdsInstances: [buildRdsInstance({ sqlAuditRetentionDays: 30 })] } },
  'rds.tde-no-own-key': { region: { rdsInstances: [buildRdsInstance({ encryptionKey: { keyId: '', creator: '', origin: '' } })] } },
  'rds.pg-logging-off': { region: { rdsInstances: [buildRdsInstance({ engine: 'PostgreSQL', pgLogParameters: { log_connections: 'off', log_disconnections: 'on', log_duration: 'on' } })] } },
  'sas.config-assessment-unauthorised': { sasData: { cspmAuthorised: false } },
  'sas.virus-blocking-off': { sasData: { virusBlocking: false } },
  'sas.fingerprints-not-daily': { sasData: { fingerprintSchedule: { scheduler_port_period: 168 } } },
  'oss.bucket.public-write': { oss: buildOss({ blockPublicAccess: false, buckets: [buildBucket({ acl: 'public-read-write', blockPublicAccess: false })] }) },
  'oss.bucket.public-read': { oss: buildOss({ blockPublicAccess: false, buckets: [buildBucket({ acl: 'public-read', blockPublicAccess: false })] }) },
  'oss.bucket.block-public-access-off': { oss: buildOss({ blockPublicAccess: false, buckets: [buildBucket({ blockPublicAccess: false })] }) },
  'oss.bucket.https-not-enforced': { oss: buildOss({ buckets: [buildBucket({ policy: [] })] }) },
  'oss.bucket.logging-off': { oss: buildOss({ buckets: [buildBucket({ logging: { enabled: false, targetBucket: null } })] }) },
  'oss.bucket.sse-off': { oss: buildOss({ buckets: [buildBucket({ encryption: { algorithm: 'none', kmsKeyId: null } })] }) },
  'oss.bucket.sse-not-kms': { oss: buildOss({ buckets: [buildBucket({ encryption: { algorithm: 'AES256', kmsKeyId: null } })] }) },
  'oss.bucket.audit-retention-off': { actiontrail: { trails: [buildTrail({ ossBucketName: 'records-bucket' })] }, oss: buildOss({ buckets: [buildBucket({ worm: { state: 'none', retentionDays: 0 } })] }) },
  'actiontrail.bucket-public': { actiontrail: { trails: [buildTrail({ ossBucketName: 'records-bucket' })] }, oss: buildOss({ blockPublicAccess: false, buckets: [buildBucket({ acl: 'public-read', blockPublicAccess: false })] }) },
  'kms.key-rotation-off': { region: { kmsKeys: [buildKmsKey({ meta: { automaticRotation: 'Disabled', rotationInterval: '' } })] } },
  'kms.key-pending-deletion': { region: { kmsKeys: [buildKmsKey({ meta: { keyState: 'PendingDeletion', deleteDate: '2025-06-22T00:00:00Z' } })] } },
  'cas.cert-expired': { certificates: [buildCertificate({ endDate: '2025-06-01T00:00:00Z', status: 'EXPIRED' })] },
  'cas.cert-expiring': { certificates: [buildCertificate({ endDate: '2025-06-25T00:00:00Z', status: 'WILLEXPIRED' })] },
  'ram.user.console-no-mfa': { ramData: { users: [buildUser({ displayName: 'Dave Chen', mfaEnabled: false })] } },
  'ram.user.console-idle': { ramData: { users: [buildUser({ displayName: 'Dave Chen', lastLoginDate: daysAgo(200) })] } },
  'ram.access-key.old': { ramData: { users: [buildUser({ displayName: 'Dave Chen', accessKeys: [buildAccessKey({ createDate: daysAgo(200) })] })] } },
  'ram.access-key.unused': { ramData: { users: [buildUser({ displayName: 'Dave Chen', accessKeys: [buildAccessKey({ createDate: daysAgo(300), lastUsedDate: daysAgo(200) })] })] } },
  'ram.user.multiple-active-keys': { ramData: { users: [buildUser({ displayName: 'Dave Chen', accessKeys: [buildAccessKey(), buildAccessKey({ accessKeyId: 'LTAI-key-2' })] })] } },
  'ram.user.direct-policy': { ramData: { users: [buildUser({ displayName: 'Dave Chen', policies: [{ policyName: 'ecs-read', policyType: 'Custom' }] })] } },
  'ram.policy.full-admin': {
    ramData: {
      users: [buildUser({ userName: 'dave', displayName: 'Dave Chen', policies: ADMIN })],
      groups: [buildGroup({ groupName: 'admins', policies: ADMIN })],
      customPolicies: [buildPolicy({ policyName: 'god-mode', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } })],
    },
  },
  'ram.password-policy': { ramData: { passwordPolicy: { ...buildSnapshot().ram!.passwordPolicy!, minimumPasswordLength: 8 } } },
  'ram.security-preference': { ramData: { securityPreference: { ...buildSnapshot().ram!.securityPreference!, mfaOperationForLogin: 'independent', allowUserToManageAccessKeys: true } } },
  'ecs.instance.no-security-agent': { sasData: { agents: {} } },
  'ecs.instance.unpatched': { sasData: { vulns: { 'i-1': { high: 2, medium: 0, low: 1 } } } },
  'actiontrail.not-enabled': { actiontrail: { trails: [] } },
  'actiontrail.not-logging': { actiontrail: { trails: [{ ...buildTrail(), isLogging: false, status: 'Disable' }] } },
  'actiontrail.partial-events': { actiontrail: { trails: [buildTrail({ eventRw: 'Write' })] } },
  'sas.basic-edition': { sasData: { edition: { version: 1, trial: false } } },
  'sas.notifications-off': { sasData: { notices: { sas_vulnerability: 0 } } },
  'sas.vuln-scan-off': { sasData: { vulScan: { yum: 'off', cve: 'on', sys: 'on', cms: 'on', emg: 'on' } } },
  'sls.alert-missing': { logService: buildLogService({ trailProjects: [buildSlsTrailProject({ alerts: [] })] }) },
  'sls.retention-short': { logService: buildLogService({ trailProjects: [buildSlsTrailProject({ ttlDays: 30 })] }) },
  'sls.log-collection-off': { logService: buildLogService({ collectionPolicies: [] }) },
};

// Account-wide services take no --RegionId (Certificate Management and Security Center are one service per site).
const GLOBAL_CLI = /^aliyun (ram|ims|sts|cas|sas) /;

/** Complaints about one rendered remediation; `region` is what --RegionId must say (any value when undefined). */
function problems(rem: Remediation, region?: string): string[] {
  const out: string[] = [];
  for (const [where, text] of [['console.en', rem.console.en], ['console.zh', rem.console.zh], ['cli', rem.cli]] as const) {
    const left = text.match(/\{[A-Za-z]+\}/g);
    if (left) out.push(`${where} leaves ${left.join(' ')}: ${text}`);
    const twice = /(\S+?) ?[(（]\1[)）]/.exec(text);
    if (twice) out.push(`${where} names ${twice[1]} twice: ${text}`);
  }
  if (!rem.cli.startsWith('aliyun ')) out.push(`cli is not an aliyun command: ${rem.cli}`);
  if (!GLOBAL_CLI.test(rem.cli)) {
    // ROA commands (aliyun cs GET /clusters/...) take the CLI's own --region flag.
    const m = /--Region(?:Id)? (\S+)/i.exec(rem.cli);
    if (!m) out.push(`regional command without --RegionId: ${rem.cli}`);
    else if (region !== undefined && m[1] !== region) out.push(`--RegionId ${m[1]}, expected ${region}: ${rem.cli}`);
  }
  return out;
}

const byId = (id: string): Check => ALL_CHECKS.find((c) => c.meta.id === id)!;

describe('remediation templates', () => {
  it('has a failing snapshot for every check', () => {
    expect(Object.keys(FAILING).sort()).toEqual(ALL_CHECKS.map((c) => c.meta.id).sort());
  });

  it.each(ALL_CHECKS.map((c) => [c.meta.id]))('%s: every failing finding renders fully, zh and en', (id) => {
    const check = byId(id);
    const snapshot = buildSnapshot(FAILING[id]);
    const fails = check.run(buildContext({ snapshot })).filter((r) => r.status === 'fail');
    expect(fails.length, 'the snapshot makes the check fail').toBeGreaterThan(0);
    for (const r of fails) {
      const { remediation, missing } = remediationFor(check.meta, r);
      expect(missing, `${r.resource.id}: placeholders with no value`).toEqual([]);
      expect(problems(remediation, r.resource.region)).toEqual([]);
    }
    // And through a whole scan, as every renderer receives it.
    const scan = scanWith(snapshot, { checks: [check] });
    for (const f of scan.findings.filter((x) => x.status === 'fail')) expect(problems(remediationOf(scan, f), f.resource.region)).toEqual([]);
  });

  it.each(ALL_CHECKS.map((c) => [c.meta.id]))('%s: the generic (explain) form has no placeholders left', (id) => {
    const { remediation, missing } = genericRemediation(byId(id).meta);
    expect(missing).toEqual([]);
    expect(problems(remediation)).toEqual([]);
    expect(remediation.why).toEqual(byId(id).meta.remediation.why);
  });

  it('explains the password policy with the rule, not a literal {detail}', () => {
    const generic = genericRemediation(byId('ram.password-policy').meta).remediation;
    expect(generic.console.en).toContain('(<rule>)');
    expect(generic.console.zh).toContain('(<规则>)');
    const fail = check('ram.password-policy')[0]!;
    expect(fail.console.en).toContain('(min-length)');
  });

  it('names the policy, not the user, in the full-admin steps', () => {
    const [policy, user, group] = check('ram.policy.full-admin');
    expect(policy!.console.en).toContain('see who holds god-mode');
    expect(user!.console.en).toContain('see who holds AdministratorAccess');
    expect(user!.console.zh).toContain('谁持有 AdministratorAccess');
    expect(user!.console.en).not.toContain('Dave Chen');
    expect(group!.cli).toContain('--GroupName admins');
  });

  it('shows a disk named by its id once, and a named one as "name (id)"', () => {
    const unnamed = check('ecs.disk.no-auto-snapshot')[0]!;
    expect(unnamed.console.en).toContain('Apply it to d-1.');
    expect(unnamed.cli).toContain('--regionId cn-hangzhou');
    const named = remediationFor(byId('ecs.disk.unencrypted').meta, {
      status: 'fail',
      resource: { type: 'disk', id: 'd-2', name: 'data', region: REGION, account: 'a' },
      reason: { en: '', zh: '' },
    }).remediation;
    expect(named.console.en).toContain('create a snapshot of data (d-2).');
    expect(named.console.zh).toContain('为 data(d-2)创建快照');
    expect(named.cli).toBe('aliyun ecs CreateSnapshot --RegionId cn-hangzhou --DiskId d-2 --SnapshotName d-2-before-encryption');
  });
});

describe('fillTemplate', () => {
  it('reports placeholders it has no value for, and leaves them visible when there is no fallback', () => {
    expect(fillTemplate('a {x} b {y} {x}', { x: '1' }, 'en')).toEqual({ text: 'a 1 b {y} 1', missing: ['y'] });
    expect(fillTemplate('{x}', { x: '' }, 'en')).toEqual({ text: '{x}', missing: ['x'] });
    expect(fillTemplate('{x}', {}, 'en', (k) => `<${k}>`)).toEqual({ text: '<x>', missing: ['x'] });
  });
  it('picks the language of a bilingual value and ignores JSON braces', () => {
    expect(fillTemplate(`'["{id}"]' {n}`, { id: 'd-1', n: { en: 'disk', zh: '云盘' } }, 'zh')).toEqual({ text: `'["d-1"]' 云盘`, missing: [] });
  });
});

/** Rendered remediations of a check's failing results on its FAILING snapshot, in result order. */
function check(id: string): Remediation[] {
  const c = byId(id);
  return c
    .run(buildContext({ snapshot: buildSnapshot(FAILING[id]) }))
    .filter((r) => r.status === 'fail')
    .map((r) => remediationFor(c.meta, r).remediation);
}
