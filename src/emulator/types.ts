// The public contract of the emulator (re-exported by index.ts). Collector tests, benchmarks and
// the demo mode depend on these shapes: change them only together with their users.

import type { Service } from '../cloud/snapshot.js';
import type { Scenario } from './scenario.js';

export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, requests must carry this x-acs-security-token (STS-style credential). */
  securityToken?: string;
  /** Answer every request made with this credential with InvalidSecurityToken.Expired. */
  expired?: boolean;
}

export type FaultKind = 'latency' | 'throttle' | 'error' | 'timeout' | 'deny' | 'malformed';

export interface FaultRule {
  /** API action name, or '*' (default: all). */
  action?: string;
  /** RegionId parameter to match (default: any). */
  region?: string;
  kind: FaultKind;
  /** latency / timeout: delay in ms (timeout = never answer within ms, then drop the socket). */
  ms?: number;
  /** throttle: requests per second allowed per action (token bucket); above it 400 Throttling.User. */
  ratePerSec?: number;
  /** error: HTTP status (default 503, code ServiceUnavailable). */
  status?: number;
  /** error / deny: code override (deny default Forbidden.RAM, 403, with AccessDeniedDetail). */
  code?: string;
  /** Apply only to the first N matching requests (default: always). */
  times?: number;
  /** 0..1, default 1; drawn from a seeded RNG so runs are repeatable. */
  probability?: number;
}

export interface EmulatorOptions {
  scenario: Scenario;
  /** Default 127.0.0.1; anything that is not loopback is refused. */
  host?: string;
  /** Default 0 = a random free port. */
  port?: number;
  /** Accepted keys; default [DEFAULT_EMULATOR_CREDENTIAL]. */
  credentials?: EmulatorCredential[];
  faults?: FaultRule[];
  /** Base latency added to every call. */
  latencyMs?: number;
  /** Seed for fault probabilities (default 1). */
  seed?: number;
  /** Directory members' scenarios by the name their `scenario:` gives, before bundled names and paths (benchmarks: generated members). */
  memberScenarios?: Record<string, Scenario>;
}

export interface CallRecord {
  action: string;
  service: string;
  region?: string;
  /** HTTP status answered; 0 when the socket was dropped (timeout fault). */
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
}

export interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  /** "127.0.0.1:PORT": what SDK clients take as `endpoint` (with protocol 'http'). */
  endpoint: string;
  calls: CallRecord[];
  setFaults(faults: FaultRule[]): void;
  stop(): Promise<void>;
}

export type { Service };
