// Every number a check compares against lives here, not in the checks. Each value names the
// check that reads it and the benchmark it follows; override any of them with parseThresholds.

import { z } from 'zod';
import { WhoownsError } from '../core/errors.js';

const days = z.number().int().min(1).max(3650);
const port = z.number().int().min(1).max(65535);

export const thresholdsSchema = z
  .object({
    accessKeyMaxAgeDays: days,
    accessKeyUnusedDays: days,
    consoleIdleDays: days,
    passwordMinLength: z.number().int().min(8).max(32),
    passwordReusePrevention: z.number().int().min(0).max(24),
    passwordMaxLoginAttempts: z.number().int().min(1).max(32),
    passwordMaxAgeDays: z.number().int().min(0).max(1095),
    snapshotMinRetentionDays: days,
    osEolWarningDays: z.number().int().min(0).max(3650),
    adminPorts: z.array(port).min(1),
    dbPorts: z.array(port).min(1),
    riskyPorts: z.array(port).min(1),
    certExpiringDays: days,
    slsRetentionDays: days,
    sgWidePortCount: z.number().int().min(1).max(65534),
    sgBroadSourcePrefixV4: z.number().int().min(1).max(32),
    sgBroadSourcePrefixV6: z.number().int().min(1).max(128),
  })
  .strict();

export type Thresholds = z.infer<typeof thresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = {
  // ram.access-key.old: rotate AccessKeys older than this. CIS Alibaba Cloud 1.6 (90 days).
  accessKeyMaxAgeDays: 90,
  // ram.access-key.unused: an Active key not used for this long should be disabled. Config rule ram-user-ak-used-expired-check (90 days).
  accessKeyUnusedDays: 90,
  // ram.user.console-idle: console users who have not logged in for this long. CIS Alibaba Cloud 1.5 (90 days).
  consoleIdleDays: 90,
  // ram.password-policy (min-length): CIS Alibaba Cloud 1.11 in v1 and v2 (14 characters).
  passwordMinLength: 14,
  // ram.password-policy (reuse-prevention): remember this many previous passwords. CIS 1.12 (5).
  passwordReusePrevention: 5,
  // ram.password-policy (max-login-attempts): lock after at most this many failures. CIS 1.14 (5).
  passwordMaxLoginAttempts: 5,
  // ram.password-policy (max-age): require expiry within this many days, as CIS v1 1.13 asked (90).
  // 0 = do not require expiry, the default: CIS v2 1.13 turned it round (expiry of 365 days or more,
  // or none, after NIST SP 800-63B) and is its own rule, expiry-365, judged against those fixed values
  // whatever this says. Set 90 if your policy wants the v1 rule; expiry-365 then fails where max-age
  // passes, since the two ask for opposites, and the CIS v2 report says so.
  passwordMaxAgeDays: 0,
  // ecs.snapshot.short-retention: automatic snapshots kept fewer days than this. Config rule ecs-snapshot-retention-days (7 days).
  snapshotMinRetentionDays: 7,
  // ecs.instance.os-end-of-life: say "reaches end of life on ..." this many days ahead (the result is still a pass).
  osEolWarningDays: 180,
  // ecs.sg.admin-port-open-world and ecs.instance.exposed: SSH and RDP. CIS Alibaba Cloud v2 3.2, 4.3 and 4.4.
  adminPorts: [22, 3389],
  // ecs.sg.db-port-open-world: MySQL 3306, PostgreSQL 5432, SQL Server 1433/1434, Oracle 1521/2483/2484,
  // MongoDB 27017/27018, Redis 6379, Memcached 11211, Elasticsearch/Kibana 9200/9300/5601, Kafka 9092,
  // Cassandra 7199/9042/9160, OpsCenter 8888. After the port lists of an open Prowler pull request
  // (prowler-cloud/prowler#12051, not a released check), and no CIS recommendation.
  dbPorts: [3306, 5432, 1433, 1434, 1521, 2483, 2484, 27017, 27018, 6379, 11211, 9200, 9300, 5601, 9092, 7199, 9042, 9160, 8888],
  // ecs.sg.risky-port-open-world: FTP 20/21, Telnet 23, SMTP 25, POP3 110, RPC 135, NetBIOS 137-139,
  // IMAP 143, SMB 445, Docker API 2375, dev servers 3000/5000/8080/8088, VNC 5900, kubelet 10250.
  // After the high-risk list of an open Prowler pull request (prowler-cloud/prowler#12051, not a released
  // check) and Alibaba Cloud's high-risk port guidance; no CIS recommendation.
  riskyPorts: [20, 21, 23, 25, 110, 135, 137, 138, 139, 143, 445, 2375, 3000, 5000, 5900, 8080, 8088, 10250],
  // cas.cert-expiring: SSL certificates whose validity ends within this many days. Certificate
  // Management's own "expiring soon" (WILLEXPIRED) window is 30 days.
  certExpiringDays: 30,
  // sls.retention-short: the ActionTrail logstore keeps data at least this many days. CIS Alibaba Cloud v2 2.23 (365 days).
  slsRetentionDays: 365,
  // ecs.sg.wide-port-range (CIS Alibaba Cloud v2 3.5, "fine-grained rules", which names no number): an
  // ingress Accept from a broad source that still opens more than this many ports after Drop rules.
  // 100 lets a service's few ports through and catches ranges such as 1000-2000 or 1-65534.
  sgWidePortCount: 100,
  // ecs.sg.wide-port-range: a source with a prefix shorter than this is broad (/0 always is). IPv4 /16
  // is 65,536 addresses, a whole VPC's worth: 10.0.0.0/8 and 172.16.0.0/12 are broad, 10.0.0.0/16 is not.
  sgBroadSourcePrefixV4: 16,
  // ecs.sg.wide-port-range, IPv6: shorter than /48 (one site's allocation), so 2408::/32 is broad and 2408:4000::/48 is not.
  sgBroadSourcePrefixV6: 48,
};

/** Defaults overridden by `partial` (e.g. from a config file), validated. */
export function parseThresholds(partial: unknown = {}): Thresholds {
  const base = partial === undefined || partial === null ? {} : partial;
  if (typeof base !== 'object' || Array.isArray(base)) {
    throw invalid('thresholds must be a mapping of names to values', '阈值必须是“名称: 值”的映射');
  }
  const parsed = thresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, ...base });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(root)';
    throw invalid(`threshold ${where} is invalid: ${issue.message}`, `阈值 ${where} 无效:${issue.message}`);
  }
  return parsed.data;
}

function invalid(en: string, zh: string): WhoownsError {
  return new WhoownsError('CONFIG_INVALID', {
    en: `${en}. Fix the thresholds section of the configuration (see src/checks/thresholds.ts for names and defaults).`,
    zh: `${zh}。请修正配置中的阈值部分(名称与默认值见 src/checks/thresholds.ts)。`,
  });
}
