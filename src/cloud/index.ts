// Public surface of the collector. Everything else in src/cloud is an implementation detail.

export type * from './snapshot.js';
export { collectSnapshot, whoami, ALL_COLLECT_SERVICES, type CollectOptions, type CollectService, type WhoamiResult } from './collect.js';
export { refreshResource, patchSnapshot, type RefreshTarget, type RefreshOutcome } from './refresh.js';
export { inventorySummary, type InventorySummary, type RegionCounts, type RamCounts } from './inventory.js';
export { renderInventoryJson, renderInventoryTable, type Lang } from './inventory-render.js';
export { ACTIONS_CALLED } from './actions.js';
export {
  endpointsFromEnv,
  regionsFromEnv,
  parseEndpoint,
  parseEndpoints,
  everyServiceAt,
  endpointEnv,
  isLoopbackHost,
  SERVICES as CLOUD_SERVICES,
  type CloudService,
  type EndpointOverrides,
} from './endpoints.js';
export type { AccountConfig, StaticCredential, CredentialInput } from './credentials.js';
export { RoleSessions } from './credentials.js';
export type { CollectLimits, SessionOptions } from './session.js';
export { DEFAULT_TIMEOUTS, type Timeouts } from './clients.js';
export { DEFAULT_POOL_LIMITS } from './pool.js';
export { DEFAULT_RETRY_LIMITS, type Pacing } from './retry.js';
export { listDirectoryMembers, membersToAccounts, mergeAccounts, accountIdOf, type DirectoryConfig, type DirectoryMember } from './directory.js';
