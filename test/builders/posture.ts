import type { AccountConfig, RefreshTarget, Snapshot } from '../../src/cloud/index.js';
import { silentLogger, type Logger } from '../../src/core/logger.js';
import type { PostureBackend } from '../../src/posture/backend.js';
import { PostureSource } from '../../src/posture/service.js';
import { openDb } from '../../src/store/db.js';
import { MuteStore } from '../../src/store/mutes.js';
import type { OwnersConfig } from '../../src/config/file.js';
import { scanWith } from './context.js';
import { buildSnapshot, NOW } from './snapshot.js';

// A posture source over builder snapshots: the real PostureSource and checks, a fake collector.

export interface FakeBackendOptions {
  collect?: (account: AccountConfig, log: Logger, extra?: { regions?: string[] }) => Promise<Snapshot>;
  refresh?: (snapshot: Snapshot, target: RefreshTarget) => Promise<Snapshot>;
  accounts?: AccountConfig[];
  demo?: boolean;
  /** Ownership rules the evaluation routes findings with. */
  owners?: OwnersConfig;
}

export function fakeBackend(o: FakeBackendOptions = {}): Omit<PostureBackend, 'close'> {
  return {
    demo: o.demo ?? false,
    accounts: o.accounts ?? [{ name: 'prod' }],
    collect: o.collect ?? (async () => buildSnapshot()),
    evaluate: (s, now, filter) => scanWith(s, { now, ...(filter ? { filter } : {}), ...(o.owners ? { owners: o.owners } : {}) }),
    refresh: async (_a, _l, s, t) => (o.refresh ? o.refresh(s, t) : s),
    whoami: async (a) => ({ accountName: a.name, credentialSource: 'fake', gaps: [] }) as never,
  };
}

export function buildPostureSource(o: FakeBackendOptions & { now?: () => Date; mutes?: MuteStore; ttlMs?: number; refreshIntervalMs?: number } = {}): PostureSource {
  return new PostureSource({
    backend: fakeBackend(o),
    mutes: o.mutes ?? new MuteStore(openDb(':memory:')),
    now: o.now ?? (() => NOW),
    log: silentLogger(),
    ttlMs: o.ttlMs ?? 15 * 60_000,
    refreshIntervalMs: o.refreshIntervalMs ?? 60_000,
  });
}
