// The one registry of posture checks. Adding a check = one module + one line here; the registry
// test validates every entry's metadata.

import type { Check } from './model.js';
import { adminPortOpenWorld } from './ecs/admin-port-open-world.js';
import { allPortsOpenWorld } from './ecs/all-ports-open-world.js';
import { classicNetwork } from './ecs/classic-network.js';
import { dbPortOpenWorld } from './ecs/db-port-open-world.js';
import { diskNoAutoSnapshot } from './ecs/disk-no-auto-snapshot.js';
import { diskUnencrypted } from './ecs/disk-unencrypted.js';
import { egressAll } from './ecs/egress-all.js';
import { encryptionByDefaultOff } from './ecs/encryption-by-default-off.js';
import { imdsV1 } from './ecs/imds-v1.js';
import { instanceExposed } from './ecs/instance-exposed.js';
import { noCloudAssistant } from './ecs/no-cloud-assistant.js';
import { noDeletionProtection } from './ecs/no-deletion-protection.js';
import { noKeyPair } from './ecs/no-key-pair.js';
import { osEndOfLife } from './ecs/os-end-of-life.js';
import { platformEvent } from './ecs/platform-event.js';
import { riskyPortOpenWorld } from './ecs/risky-port-open-world.js';
import { serviceManaged } from './ecs/service-managed.js';
import { sgUnused } from './ecs/sg-unused.js';
import { widePortRange } from './ecs/wide-port-range.js';
import { snapshotShortRetention } from './ecs/snapshot-short-retention.js';
import { accessKeyOld } from './ram/access-key-old.js';
import { accessKeyUnused } from './ram/access-key-unused.js';
import { consoleIdle } from './ram/console-idle.js';
import { consoleNoMfa } from './ram/console-no-mfa.js';
import { directPolicy } from './ram/direct-policy.js';
import { fullAdmin } from './ram/full-admin.js';
import { multipleActiveKeys } from './ram/multiple-active-keys.js';
import { passwordPolicy } from './ram/password-policy.js';
import { securityPreference } from './ram/security-preference.js';
import { flowLogOff } from './vpc/flow-log-off.js';
import { aclAllowAll } from './vpc/acl-allow-all.js';
import { keyRotationOff } from './kms/key-rotation-off.js';
import { keyPendingDeletion } from './kms/key-pending-deletion.js';
import { certExpired } from './cas/cert-expired.js';
import { certExpiring } from './cas/cert-expiring.js';
import { noSecurityAgent } from './ecs/no-security-agent.js';
import { unpatched } from './ecs/unpatched.js';
import { actiontrailNotEnabled } from './actiontrail/not-enabled.js';
import { actiontrailNotLogging } from './actiontrail/not-logging.js';
import { actiontrailPartialEvents } from './actiontrail/partial-events.js';
import { sasBasicEdition } from './sas/basic-edition.js';
import { sasNotificationsOff } from './sas/notifications-off.js';
import { sasVulnScanOff } from './sas/vuln-scan-off.js';
import { rdsWhitelistOpenWorld } from './rds/whitelist-open-world.js';
import { rdsSslOff } from './rds/ssl-off.js';
import { rdsTdeOff } from './rds/tde-off.js';
import { rdsSqlAuditOff } from './rds/sql-audit-off.js';
import { ackPublicApiServer } from './ack/public-api-server.js';
import { ackLogServiceOff } from './ack/log-service-off.js';
import { ackCloudMonitorOff } from './ack/cloudmonitor-off.js';
import { ackInspectionOff } from './ack/inspection-off.js';
import { ackDashboardOn } from './ack/dashboard-on.js';
import { ackNetworkPolicyOff } from './ack/network-policy-off.js';
import { ackEniMultiIpOff } from './ack/eni-multi-ip-off.js';
import { ackSecretsEncryptionOff } from './ack/secrets-encryption-off.js';
import { rdsSqlAuditShortRetention } from './rds/sql-audit-short-retention.js';
import { rdsTdeNoOwnKey } from './rds/tde-no-own-key.js';
import { rdsPgLoggingOff } from './rds/pg-logging-off.js';
import { sasConfigAssessmentUnauthorised } from './sas/config-assessment-unauthorised.js';
import { sasVirusBlockingOff } from './sas/virus-blocking-off.js';
import { sasFingerprintsNotDaily } from './sas/fingerprints-not-daily.js';
import { slsAlertMissing } from './sls/alert-missing.js';
import { slsRetentionShort } from './sls/retention-short.js';
import { slsLogCollectionOff } from './sls/log-collection.js';
import { ossPublicRead, ossPublicWrite } from './oss/public.js';
import { ossBlockPublicAccessOff, ossHttpsNotEnforced, ossLoggingOff, ossSseNotKms, ossSseOff } from './oss/settings.js';
import { actiontrailBucketPublic, ossAuditRetentionOff } from './oss/audit-bucket.js';

export const ALL_CHECKS: readonly Check[] = [
  // ECS: security groups
  adminPortOpenWorld,
  allPortsOpenWorld,
  dbPortOpenWorld,
  riskyPortOpenWorld,
  egressAll,
  sgUnused,
  widePortRange,
  serviceManaged,
  // ECS: instances
  instanceExposed,
  imdsV1,
  classicNetwork,
  noKeyPair,
  noDeletionProtection,
  osEndOfLife,
  platformEvent,
  noCloudAssistant,
  // ECS: disks and snapshots
  diskUnencrypted,
  encryptionByDefaultOff,
  diskNoAutoSnapshot,
  snapshotShortRetention,
  // VPC
  flowLogOff,
  aclAllowAll,
  // KMS
  keyRotationOff,
  keyPendingDeletion,
  // Certificates
  certExpired,
  certExpiring,
  // RAM
  consoleNoMfa,
  consoleIdle,
  accessKeyOld,
  accessKeyUnused,
  multipleActiveKeys,
  directPolicy,
  fullAdmin,
  passwordPolicy,
  securityPreference,
  // ECS guest OS, from Security Center
  noSecurityAgent,
  unpatched,
  // ActionTrail
  actiontrailNotEnabled,
  actiontrailNotLogging,
  actiontrailPartialEvents,
  // Security Center
  sasBasicEdition,
  sasNotificationsOff,
  sasVulnScanOff,
  // ApsaraDB RDS
  rdsWhitelistOpenWorld,
  rdsSslOff,
  rdsTdeOff,
  rdsSqlAuditOff,
  // Container Service for Kubernetes (ACK)
  ackPublicApiServer,
  ackLogServiceOff,
  ackCloudMonitorOff,
  ackInspectionOff,
  ackDashboardOn,
  ackNetworkPolicyOff,
  ackEniMultiIpOff,
  ackSecretsEncryptionOff,
  rdsSqlAuditShortRetention,
  rdsTdeNoOwnKey,
  rdsPgLoggingOff,
  sasConfigAssessmentUnauthorised,
  sasVirusBlockingOff,
  sasFingerprintsNotDaily,
  // Log Service (alerting and retention of the ActionTrail logs)
  slsAlertMissing,
  slsRetentionShort,
  slsLogCollectionOff,
  // OSS
  ossPublicWrite,
  ossPublicRead,
  ossBlockPublicAccessOff,
  ossHttpsNotEnforced,
  ossLoggingOff,
  ossSseOff,
  ossSseNotKms,
  ossAuditRetentionOff,
  actiontrailBucketPublic,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}

export { NOT_COVERED } from './not-covered.js';
export { DEFAULT_THRESHOLDS, parseThresholds } from './thresholds.js';
export { loadOsEol } from './os-eol.js';
