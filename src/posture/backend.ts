import { ALL_CHECKS, loadOsEol } from '../checks/index.js';
import type { OsEolTable } from '../checks/os-eol.js';
import { collectSnapshot, refreshResource, whoami, type AccountConfig, type CollectOptions, type RefreshTarget, type Snapshot, type WhoamiResult } from '../cloud/index.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, loadScenario, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { runChecks } from './run.js';
import { loadSuppressions } from './suppressions.js';
import type { ScanFilter, ScanResult } from './types.js';

// Where posture data comes from: the configured accounts through the real SDKs, or — with no
// cloud credentials — the built-in emulator's demo account, labelled DEMO DATA everywhere.

export interface PostureBackend {
  demo: boolean;
  accounts: AccountConfig[];
  collect(account: AccountConfig, log: Logger, extra?: Pick<CollectOptions, 'regions' | 'services' | 'onProgress'>): Promise<Snapshot>;
  evaluate(snapshot: Snapshot, now: Date, filter?: ScanFilter): ScanResult;
  /** Re-read one security group or RAM user and patch it into the snapshot. */
  refresh(account: AccountConfig, log: Logger, snapshot: Snapshot, target: RefreshTarget): Promise<Snapshot>;
  whoami(account: AccountConfig, log: Logger): Promise<WhoamiResult>;
  close(): Promise<void>;
}

export async function createBackend(config: Config, log: Logger): Promise<PostureBackend> {
  const eol: OsEolTable = loadOsEol();
  const knownCheckIds = ALL_CHECKS.map((c) => c.meta.id);
  const suppressionsFile = config.posture.suppressionsFile;
  // Read once, at start-up and before the demo emulator listens, so a bad file stops the bot
  // before anything runs; entries that lapse later stop muting and each scan lists them as expired.
  const suppressions = suppressionsFile ? loadSuppressions(suppressionsFile, { now: new Date(), knownCheckIds }) : [];
  let emulator: RunningEmulator | undefined;
  let base: Omit<CollectOptions, 'account' | 'log'> = {
    regions: config.cloud.regions,
    endpoints: config.cloud.endpoints,
    timeouts: config.cloud.timeouts,
    limits: config.cloud.limits,
  };
  if (config.cloud.demo) {
    emulator = await startEmulator({ scenario: loadScenario('demo', { now: new Date() }) });
    const url = `http://${emulator.endpoint}`;
    base = { ...base, regions: undefined, endpoints: { ecs: url, ram: url, ims: url, sts: url, vpc: url }, credential: { ...DEFAULT_EMULATOR_CREDENTIAL } };
    log.info({ endpoint: emulator.endpoint }, 'no cloud credentials: using the demo account on the local emulator');
  }
  const accounts = config.cloud.demo ? [{ name: 'demo' }] : config.cloud.accounts;

  return {
    demo: config.cloud.demo,
    accounts,
    async collect(account, l, extra = {}) {
      const snapshot = await collectSnapshot({ ...base, ...extra, regions: extra.regions ?? base.regions, account, log: l });
      return config.cloud.demo ? { ...snapshot, source: { kind: 'demo' } } : snapshot;
    },
    async refresh(account, l, snapshot, target) {
      const out = await refreshResource({ ...base, account, log: l }, snapshot, target);
      return out.snapshot;
    },
    evaluate(snapshot, now, filter) {
      return runChecks(snapshot, { thresholds: config.posture.thresholds, now, eol, suppressions, filter });
    },
    whoami(account, l) {
      return whoami({ ...base, account, log: l });
    },
    async close() {
      await emulator?.stop();
    },
  };
}
