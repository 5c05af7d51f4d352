// Everything one scan shares: validated endpoints, a fresh credential (assumed role on top
// when configured), SDK clients, the pool and the caller that counts and records gaps.

import type { Logger } from '../core/logger.js';
import { Caller } from './caller.js';
import { ClientFactory, DEFAULT_TIMEOUTS, type Timeouts } from './clients.js';
import {
  AssumeRoleProvider,
  assumedRoleCredential,
  baseCredential,
  describeCredential,
  type AccountConfig,
  type AssumeRoleDeps,
  type CredentialInput,
  type RoleSessions,
} from './credentials.js';
import { isLoopbackHost, parseEndpoints, withLoopbackDefaults, type EndpointOverrides, type ResolvedEndpoint, type CloudService } from './endpoints.js';
import { DEFAULT_POOL_LIMITS, Pool, type PoolLimits } from './pool.js';
import { DEFAULT_RETRY_LIMITS, realPacing, type Pacing, type RetryLimits } from './retry.js';

export type CollectLimits = PoolLimits &
  RetryLimits & {
    /** Page-size override for every list call (clamped per API); for tests. */
    pageSize?: number;
  };

export interface SessionOptions {
  account: AccountConfig;
  endpoints?: EndpointOverrides;
  /** Explicit credential (tests, or a caller that manages its own); default: the SDK default chain. */
  credential?: CredentialInput;
  limits?: Partial<CollectLimits>;
  timeouts?: Partial<Timeouts>;
  log: Logger;
  now?: () => Date;
  /** Injected sleep/random for the retry layer (tests). */
  pacing?: Pacing;
  /** Assumed-role sessions kept across scans (the posture backend's); without it each scan assumes afresh. */
  roleSessions?: RoleSessions;
}

export interface ScanSession {
  caller: Caller;
  pool: Pool;
  limits: CollectLimits;
  endpoints: Partial<Record<CloudService, ResolvedEndpoint>>;
  credentialSource: string;
  now: () => Date;
  log: Logger;
}

export function resolveLimits(partial: Partial<CollectLimits> | undefined): CollectLimits {
  return { ...DEFAULT_POOL_LIMITS, ...DEFAULT_RETRY_LIMITS, ...stripUndefined(partial ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function openSession(opts: SessionOptions): Promise<ScanSession> {
  const endpoints = withLoopbackDefaults(parseEndpoints(opts.endpoints));
  const limits = resolveLimits(opts.limits);
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...stripUndefined(opts.timeouts ?? {}) };
  const now = opts.now ?? (() => new Date());
  const pacing = opts.pacing ?? realPacing;
  const log = opts.log.child({ account: opts.account.name });
  const pool = new Pool(limits);

  const base = baseCredential(opts.credential);
  const baseSource = await describeCredential(base);
  let credential = base;
  let credentialSource = baseSource;
  const stats = { apiCalls: 0, retries: 0 };
  if (opts.account.roleArn) {
    const deps: AssumeRoleDeps = {
      account: { ...opts.account, roleArn: opts.account.roleArn },
      baseClients: new ClientFactory(base, endpoints, timeouts),
      // Its own pool: a refresh is asked for from inside calls that hold the scan pool's slots
      // (ali-oss resolves the key per request), so sharing those slots could deadlock the scan.
      pool: new Pool(limits),
      retry: limits,
      pacing,
      stats,
      now,
      baseSource,
    };
    const provider = opts.roleSessions?.provider(deps) ?? new AssumeRoleProvider(deps);
    // Assume once now, so a refused role fails the scan with a clear message instead of
    // turning into one gap per call.
    await provider.getCredentials().catch((e: unknown) => {
      opts.roleSessions?.forget(provider);
      throw e;
    });
    credential = assumedRoleCredential(provider);
    credentialSource = provider.getProviderName();
  }
  const caller = new Caller(new ClientFactory(credential, endpoints, timeouts), pool, limits, pacing, log, stats);
  log.debug({ credentialSource, endpoints: Object.keys(endpoints) }, 'cloud session opened');
  return { caller, pool, limits, endpoints, credentialSource, now, log };
}

/** 'emulator' when every overridden endpoint is this machine (and ECS is overridden). */
export function sourceOf(endpoints: Partial<Record<CloudService, ResolvedEndpoint>>): { kind: 'live' | 'emulator'; endpoint?: string } {
  const ecs = endpoints.ecs;
  if (!ecs) return { kind: 'live' };
  const all = Object.values(endpoints);
  const local = all.every((e) => isLoopbackHost(new URL(`${e.protocol}://${e.host}`).hostname));
  return { kind: local ? 'emulator' : 'live', endpoint: `${ecs.protocol}://${ecs.host}` };
}
