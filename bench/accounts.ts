import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { endpointEnv } from '../src/cloud/endpoints.js';
import { accountIdOf } from '../src/cloud/directory.js';
import type { AccountConfig, Snapshot } from '../src/cloud/index.js';
import { loadConfig } from '../src/config/config.js';
import type { Logger } from '../src/core/logger.js';
import { DEFAULT_EMULATOR_CREDENTIAL, type LargeScenarioOptions } from '../src/emulator/index.js';
import { createBackend } from '../src/posture/backend.js';
import { PostureSource } from '../src/posture/service.js';
import type { ScanResult } from '../src/posture/types.js';
import { openDb } from '../src/store/db.js';
import { MuteStore } from '../src/store/mutes.js';
import { parseOrExit, positiveNumber } from './lib/args.js';
import { startChildEmulator } from './lib/emulator-child.js';
import { f1, f2, human, markdownTable, out } from './lib/report.js';

// Many accounts (issue 14): a Resource Directory of N generated member accounts, each a small
// realistic account (50 instances, 20 security groups, 30 RAM users), behind 20 ms of latency and
// a throttle of 50 requests/s per action per account. Measures discovery, the slowest single
// account scanned alone, then all N scanned by this one process (the real collector, sessions and
// checks through PostureSource), peak RSS, lost resources and cross-account mix-ups.
// Usage: node --max-old-space-size=512 dist/bench/accounts.js [--accounts 100] [--at-once N] [--singles 3]

export const MEMBER_SIZE: LargeScenarioOptions = { regions: 2, instances: 50, securityGroups: 20, rulesPerGroup: 5, disks: 60, users: 30 };
export const TARGET = { ratio: 1.5, rssMb: 700 };

export interface AccountRead {
  account: AccountConfig;
  snapshot?: Snapshot;
  scan?: ScanResult;
  error?: string;
}

/** A posture source over the emulator's directory: the real backend, config and credential chain. */
export function directorySource(endpointUrl: string, log: Logger): PostureSource {
  const env = {
    HOME: '/nonexistent',
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_EMULATOR_CREDENTIAL.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_EMULATOR_CREDENTIAL.accessKeySecret,
    WHOOWNS_CONFIG: '/bench.yaml',
    ...endpointEnv(endpointUrl),
  };
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
  const config = loadConfig(env, { readFile: () => ({ resourceDirectory: { roleName: 'whoowns-reader', exclude: ['1000000000000001'] } }), exists: () => false });
  const now = () => new Date();
  return new PostureSource({ backend: createBackend(config, log, { now }), mutes: new MuteStore(openDb(':memory:')), now, log, ttlMs: 15 * 60_000, refreshIntervalMs: 60_000 });
}

/** Read and assess accounts, `atOnce` at a time; each keeps its snapshot for the loss check. */
export async function readAccounts(posture: PostureSource, accounts: AccountConfig[], atOnce: number, log: Logger): Promise<AccountRead[]> {
  const outs: AccountRead[] = new Array(accounts.length);
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const i = next++;
      const account = accounts[i]!;
      try {
        const snapshot = await posture.read(account, log.child({ account: account.name }));
        outs[i] = { account, snapshot, scan: await posture.assess(snapshot, {}, { mutes: false }) };
      } catch (e) {
        outs[i] = { account, error: e instanceof Error ? e.message : String(e) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, accounts.length) }, worker));
  return outs;
}

export interface Integrity {
  /** Resources the member has that its snapshot lacks (instances, groups, users). */
  lost: number;
  /** Findings (or snapshots) naming an account other than the one read. */
  mixUps: number;
  failed: number;
}

export function integrity(reads: AccountRead[], size: LargeScenarioOptions = MEMBER_SIZE): Integrity {
  let lost = 0;
  let mixUps = 0;
  let failed = 0;
  for (const r of reads) {
    if (!r.snapshot || !r.scan) {
      failed++;
      continue;
    }
    const id = accountIdOf(r.account);
    const regions = Object.values(r.snapshot.regionData);
    const instances = regions.reduce((n, x) => n + (x.instances?.length ?? 0), 0);
    const groups = regions.reduce((n, x) => n + (x.securityGroups?.length ?? 0), 0);
    const users = r.snapshot.ram?.users?.length ?? 0;
    lost += Math.max(0, (size.instances ?? 0) - instances) + Math.max(0, (size.securityGroups ?? 0) - groups) + Math.max(0, (size.users ?? 0) - users);
    if (r.snapshot.identity?.accountId !== id) mixUps++;
    mixUps += r.scan.findings.filter((f) => f.resource.account !== id).length;
  }
  return { lost, mixUps, failed };
}

const quiet = (): Logger => pino({ level: 'silent' }) as unknown as Logger;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { accounts: { type: 'string', default: '100' }, 'at-once': { type: 'string' }, singles: { type: 'string', default: '3' } } });
  const n = parseOrExit(() => positiveNumber('accounts', values.accounts!, { integer: true }));
  const atOnce = parseOrExit(() => (values['at-once'] ? positiveNumber('at-once', values['at-once'], { integer: true }) : n));
  const singles = parseOrExit(() => positiveNumber('singles', values.singles!, { integer: true }));
  const emu = await startChildEmulator(MEMBER_SIZE, { latencyMs: 20, ratePerSec: 50 }, { members: n });
  const log = quiet();
  try {
    const url = `http://${emu.endpoint}`;
    const posture = directorySource(url, log);
    let t = performance.now();
    await posture.discover({ force: true });
    const discoveryMs = performance.now() - t;
    const accounts = posture.accounts;
    if (accounts.length !== n) throw new Error(`discovered ${accounts.length} accounts, expected ${n}`);
    // The slowest single account: a few members scanned alone (all alike in size), the maximum kept.
    let slowestMs = 0;
    for (const a of accounts.slice(0, Math.min(singles, n))) {
      await emu.reset();
      t = performance.now();
      await readAccounts(posture, [a], 1, log);
      slowestMs = Math.max(slowestMs, performance.now() - t);
    }
    await emu.reset();
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const reads = await readAccounts(posture, accounts, atOnce, log);
    const allMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    // How busy this one process was while reading all N: near 100% means the bound is its CPU
    // (signing, HTTP, parsing, checks), not the accounts' throttles or the latency.
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const summary = await emu.summary();
    const check = integrity(reads);
    const rss = process.resourceUsage().maxRSS * 1024;
    const bound = TARGET.ratio * slowestMs + discoveryMs;
    const assumes = summary.actions.find((a) => a.action === 'AssumeRole')?.needed ?? 0;
    out(`bench:accounts — ${n} member accounts (each ${MEMBER_SIZE.instances} instances, ${MEMBER_SIZE.securityGroups} groups, ${MEMBER_SIZE.users} users, ${MEMBER_SIZE.regions} regions), 20 ms latency, 50 req/s per action per account, ${atOnce} at once`);
    out();
    out(
      markdownTable(
        ['measure', 'value', 'target'],
        [
          ['discovery (ListAccounts)', `${f1(discoveryMs)} ms`, ''],
          [`slowest single account (of ${Math.min(singles, n)})`, `${f1(slowestMs / 1000)} s`, ''],
          [`all ${n} accounts, one process`, `${f1(allMs / 1000)} s`, `≤ ${f1(bound / 1000)} s (1.5 × slowest + discovery)`],
          ['ratio all / slowest', f2(allMs / slowestMs), ''],
          ['calls (all accounts)', String(summary.calls), ''],
          ['calls per second (all accounts)', f1(summary.calls / (allMs / 1000)), ''],
          ['this process busy (CPU ÷ wall)', `${f1((100 * cpuMs) / allMs)} %`, ''],
          ['CPU per call (this process)', `${f2(cpuMs / summary.calls)} ms`, ''],
          ['throttled answers (retried)', String(summary.actions.reduce((k, a) => k + a.throttled, 0)), ''],
          ['AssumeRole calls', String(assumes), `≤ ${n}: one per member, none where a session is kept from the singles`],
          ['peak RSS', human(rss), `< ${TARGET.rssMb} MB`],
          ['accounts failed', String(check.failed), '0'],
          ['lost resources', String(check.lost), '0'],
          ['cross-account mix-ups', String(check.mixUps), '0'],
        ],
      ),
    );
    const ok = allMs <= bound && rss < TARGET.rssMb * 2 ** 20 && check.lost === 0 && check.mixUps === 0 && check.failed === 0;
    out();
    out(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await emu.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
