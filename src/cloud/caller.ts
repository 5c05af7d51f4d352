// The one door to the cloud for a scan: look the action up in ACTIONS, run it through the
// pool and retry layer, count it, and turn a final failure into a Gap. A region whose
// endpoint stopped answering is not asked again in the same scan (its later calls become
// gaps at once), so one dead region cannot stall the whole scan.

import type { Logger } from '../core/logger.js';
import type { Gap } from './snapshot.js';
import { ACTIONS, type ActionKey, type BodyOf, type ReqOf } from './actions.js';
import { MalformedResponse, type CallFailure } from './call-error.js';
import type { ClientFactory } from './clients.js';
import type { Pool } from './pool.js';
import { CallFailed, runWithRetry, type Pacing, type RetryLimits } from './retry.js';

export interface CallStats {
  apiCalls: number;
  retries: number;
}

export type CallResult<B> =
  | { ok: true; body: B }
  /** `expected` = the failure is an answer (e.g. "no login profile"), so no gap was recorded. */
  | { ok: false; failure: CallFailure; expected: boolean };

export interface CallOptions {
  /** Per-resource calls name the resource in the gap. */
  resource?: string;
  /** Failures that are answers, not gaps (e.g. EntityNotExist.User.LoginProfile). */
  expected?: (f: CallFailure) => boolean;
}

export class Caller {
  readonly gaps: Gap[] = [];
  private readonly down = new Map<string, CallFailure>();

  constructor(
    private readonly clients: ClientFactory,
    private readonly pool: Pool,
    private readonly retry: RetryLimits,
    private readonly pacing: Pacing,
    private readonly log: Logger,
    /** Shared with anything else that calls the cloud for this scan (AssumeRole). */
    readonly stats: CallStats = { apiCalls: 0, retries: 0 },
  ) {}

  async call<K extends ActionKey>(
    key: K,
    region: string | undefined,
    req: ReqOf<K>,
    opts: CallOptions = {},
  ): Promise<CallResult<BodyOf<K>>> {
    const def = ACTIONS[key];
    const laneKey = `${def.service}:${region ?? '-'}`;
    const dead = this.down.get(laneKey);
    if (dead) {
      const failure: CallFailure = {
        kind: dead.kind,
        code: 'RegionUnreachable',
        message: `skipped: the ${def.service} endpoint${region ? ` for ${region}` : ''} did not answer earlier in this scan (${dead.code})`,
      };
      this.addGap(def.service, def.action, region, opts.resource, failure);
      return { ok: false, failure, expected: false };
    }
    const client = this.clients.get(def.service, region);
    const runtime = this.clients.runtime();
    const invoke = def.invoke as (c: unknown, r: unknown, rt: unknown) => Promise<{ body?: unknown }>;
    try {
      const res = await runWithRetry(
        this.pool,
        def.service,
        async () => {
          const out = await invoke(client, req, runtime);
          if (!out || typeof out.body !== 'object' || out.body === null) {
            throw new MalformedResponse('response has no JSON object body');
          }
          return out.body as BodyOf<K>;
        },
        this.retry,
        this.pacing,
        {
          onAttempt: () => {
            this.stats.apiCalls++;
          },
          onRetry: (f, delayMs) => {
            this.stats.retries++;
            this.log.debug({ action: def.action, region, code: f.code, delayMs }, 'retrying cloud call');
          },
        },
        // A call that names no resource is a list (or an account-wide read): it goes first.
        opts.resource === undefined ? 'list' : 'detail',
      );
      return { ok: true, body: res };
    } catch (e) {
      if (!(e instanceof CallFailed)) throw e;
      const failure = e.failure;
      if (opts.expected?.(failure)) return { ok: false, failure, expected: true };
      if ((failure.kind === 'timeout' || failure.kind === 'network') && region !== undefined) {
        this.down.set(laneKey, failure);
      }
      this.addGap(def.service, def.action, region, opts.resource, failure);
      return { ok: false, failure, expected: false };
    }
  }

  private addGap(
    service: Gap['service'],
    action: string,
    region: string | undefined,
    resource: string | undefined,
    f: CallFailure,
  ): void {
    const gap: Gap = {
      service,
      action,
      code: f.code,
      message: f.message,
      ...(region !== undefined ? { region } : {}),
      ...(resource !== undefined ? { resource } : {}),
      ...(f.missingAction !== undefined ? { missingAction: f.missingAction } : {}),
    };
    this.gaps.push(gap);
    this.log.warn({ service, action, region, resource, code: f.code }, 'cloud call failed; recorded as a gap');
  }

  /** Record a gap that did not come from a failed call (e.g. a body of the wrong shape). */
  gap(key: ActionKey, region: string | undefined, code: string, message: string, resource?: string): void {
    const def = ACTIONS[key];
    this.addGap(def.service, def.action, region, resource, { kind: 'malformed', code, message });
  }
}
