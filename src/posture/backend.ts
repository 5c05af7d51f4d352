import { ALL_CHECKS, loadOsEol } from '../checks/index.js';
import type { OsEolTable } from '../checks/os-eol.js';
import {
  CLOUD_SERVICES,
  collectSnapshot,
  everyServiceAt,
  listDirectoryMembers,
  membersToAccounts,
  refreshResource,
  RoleSessions,
  whoami,
  type AccountConfig,
  type CollectOptions,
  type CredentialInput,
  type RefreshTarget,
  type Snapshot,
  type WhoamiResult,
} from '../cloud/index.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import { runChecks } from './run.js';
import { loadSuppressions } from './suppressions.js';
import type { ScanFilter, ScanResult } from './types.js';

// Where posture data comes from: the configured accounts through the real SDKs, or — with no
// cloud credentials — a demo cloud (the built-in emulator, started by src/wiring/demo.ts) whose
// data is labelled DEMO DATA everywhere. This module never reaches the emulator itself.

export interface PostureBackend {
  demo: boolean;
  accounts: AccountConfig[];
  collect(account: AccountConfig, log: Logger, extra?: Pick<CollectOptions, 'regions' | 'services' | 'onProgress'>): Promise<Snapshot>;
  evaluate(snapshot: Snapshot, now: Date, filter?: ScanFilter): ScanResult;
  /** Re-read one security group or RAM user and patch it into the snapshot. */
  refresh(account: AccountConfig, log: Logger, snapshot: Snapshot, target: RefreshTarget): Promise<Snapshot>;
  whoami(account: AccountConfig, log: Logger): Promise<WhoamiResult>;
  /** Resource Directory members as accounts; absent without resourceDirectory (or in demo mode). */
  discover?(log: Logger): Promise<AccountConfig[]>;
  /** How often the directory is listed again (resourceDirectory.refreshMinutes). */
  discoverEveryMs?: number;
  close(): Promise<void>;
}

/** A running stand-in for Alibaba Cloud: one base URL for every product, and its credential. */
export interface DemoCloud {
  url: string;
  credential: CredentialInput;
  stop(): Promise<void>;
}

export interface BackendOptions {
  now: () => Date;
  /** Starts the demo cloud; called on the first read, so commands that read nothing start nothing. */
  startDemo?: (log: Logger) => Promise<DemoCloud>;
}

type Base = Omit<CollectOptions, 'account' | 'log'>;

export function createBackend(config: Config, log: Logger, o: BackendOptions): PostureBackend {
  const eol: OsEolTable = loadOsEol();
  const knownCheckIds = ALL_CHECKS.map((c) => c.meta.id);
  const suppressionsFile = config.posture.suppressionsFile;
  // Read once, at start-up and before the demo cloud listens, so a bad file stops the bot
  // before anything runs; entries that lapse later stop muting and each scan lists them as expired.
  const suppressions = suppressionsFile ? loadSuppressions(suppressionsFile, { now: o.now(), knownCheckIds }) : [];
  // One set of assumed-role sessions for the backend's life: every scan of a member reuses its session.
  const live: Base = { regions: config.cloud.regions, endpoints: config.cloud.endpoints, timeouts: config.cloud.timeouts, limits: config.cloud.limits, roleSessions: new RoleSessions() };
  const demo = config.cloud.demo ? lazyDemo(live, log, o.startDemo) : undefined;
  const base = (): Promise<Base> => (demo ? demo.base() : Promise.resolve(live));

  const rd = config.cloud.demo ? undefined : config.cloud.resourceDirectory;
  return {
    ...(rd
      ? {
          discover: async (l: Logger) => membersToAccounts(await listDirectoryMembers({ ...live, log: l }), rd),
          discoverEveryMs: (rd.refreshMinutes ?? 60) * 60_000,
        }
      : {}),
    demo: config.cloud.demo,
    accounts: config.cloud.demo ? [{ name: 'demo' }] : config.cloud.accounts,
    async collect(account, l, extra = {}) {
      const b = await base();
      const snapshot = await collectSnapshot({ ...b, ...extra, regions: extra.regions ?? b.regions, account, log: l });
      return demo ? { ...snapshot, source: { kind: 'demo' } } : snapshot;
    },
    async refresh(account, l, snapshot, target) {
      const out = await refreshResource({ ...(await base()), account, log: l }, snapshot, target);
      return out.snapshot;
    },
    evaluate(snapshot, now, filter) {
      return runChecks(snapshot, { thresholds: config.posture.thresholds, now, eol, suppressions, filter, ...(config.owners ? { owners: config.owners } : {}) });
    },
    async whoami(account, l) {
      return whoami({ ...(await base()), account, log: l });
    },
    close: () => demo?.stop() ?? Promise.resolve(),
  };
}

/** The demo cloud, started once on first use (a failed start is tried again on the next read). */
function lazyDemo(live: Base, log: Logger, start: BackendOptions['startDemo']) {
  let running: Promise<DemoCloud> | undefined;
  const cloud = (): Promise<DemoCloud> => {
    if (!start) throw new Error('demo mode needs a demo cloud: build the backend through src/wiring');
    running ??= start(log).catch((e: unknown) => {
      running = undefined;
      throw e;
    });
    return running;
  };
  return {
    async base(): Promise<Base> {
      const { url, credential } = await cloud();
      return { ...live, regions: undefined, endpoints: everyServiceAt(url), credential };
    },
    async stop(): Promise<void> {
      const r = running;
      running = undefined;
      if (r) await (await r.catch(() => undefined))?.stop();
    },
  };
}
