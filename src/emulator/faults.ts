// Injected failures: throttling, errors, access denial, slow or dropped answers and broken bodies,
// so tests and benchmarks can prove the collector reports gaps instead of false "clean" results.

import { z } from 'zod';
import { WhoownsError } from '../core/errors.js';
import { ApiError } from './api-error.js';
import { seededRng, type Rng } from './rng.js';
import type { FaultRule } from './types.js';

export type FaultOutcome =
  | { kind: 'throttle'; retryAfterMs: number }
  | { kind: 'error'; status: number; code: string }
  | { kind: 'timeout'; ms: number }
  | { kind: 'deny'; code: string }
  | { kind: 'malformed' };

export interface FaultDecision {
  /** Extra delay before answering (latency rules add up). */
  delayMs: number;
  /** What to answer instead of the real response; null = serve normally. */
  outcome: FaultOutcome | null;
}

const ruleSchema = z.strictObject({
  action: z.string().optional(),
  region: z.string().optional(),
  kind: z.enum(['latency', 'throttle', 'error', 'timeout', 'deny', 'malformed']),
  ms: z.number().min(0).optional(),
  ratePerSec: z.number().positive().optional(),
  status: z.number().int().min(400).max(599).optional(),
  code: z.string().min(1).optional(),
  times: z.number().int().min(0).optional(),
  probability: z.number().min(0).max(1).optional(),
});

function validate(rules: FaultRule[]): FaultRule[] {
  const problems: string[] = [];
  rules.forEach((rule, i) => {
    const r = ruleSchema.safeParse(rule);
    if (!r.success) problems.push(...r.error.issues.map((x) => `faults[${i}].${x.path.join('.')}: ${x.message}`));
    else if ((rule.kind === 'latency' || rule.kind === 'timeout') && rule.ms === undefined) {
      problems.push(`faults[${i}].ms: a ${rule.kind} rule needs ms`);
    } else if (rule.kind === 'throttle' && rule.ratePerSec === undefined) {
      problems.push(`faults[${i}].ratePerSec: a throttle rule needs ratePerSec`);
    }
  });
  if (problems.length > 0) {
    throw new WhoownsError('USAGE', {
      zh: `模拟器故障规则无效:${problems.join('; ')}`,
      en: `Invalid emulator fault rules: ${problems.join('; ')}`,
    });
  }
  return rules.map((r) => ({ ...r }));
}

interface Bucket {
  tokens: number;
  last: number;
}

export class FaultEngine {
  private rules: FaultRule[] = [];
  private fired: number[] = [];
  private buckets = new Map<string, Bucket>();
  private readonly rng: Rng;

  constructor(rules: FaultRule[] = [], seed = 1) {
    this.rng = seededRng(seed);
    this.setRules(rules);
  }

  /** Replace the rules; counters (`times`) and throttle buckets start afresh. */
  setRules(rules: FaultRule[]): void {
    this.rules = validate(rules);
    this.fired = this.rules.map(() => 0);
    this.buckets.clear();
  }

  /** `account`: the account answering; throttle buckets are per account and action, as Alibaba Cloud's are. */
  decide(action: string, region: string | undefined, now: number, account?: string): FaultDecision {
    let delayMs = 0;
    for (const [i, rule] of this.rules.entries()) {
      if (!this.matches(rule, action, region)) continue;
      if (rule.times !== undefined && (this.fired[i] ?? 0) >= rule.times) continue;
      const outcome = this.apply(rule, account === undefined ? `${i}:${action}` : `${i}:${account}:${action}`, now);
      if (outcome === undefined) continue; // the rule had nothing to do for this request
      if ((rule.probability ?? 1) < 1 && this.rng() >= (rule.probability ?? 1)) continue;
      this.fired[i] = (this.fired[i] ?? 0) + 1;
      if (outcome === 'delay') delayMs += rule.ms ?? 0;
      else return { delayMs, outcome };
    }
    return { delayMs, outcome: null };
  }

  private matches(rule: FaultRule, action: string, region: string | undefined): boolean {
    const actionOk = rule.action === undefined || rule.action === '*' || rule.action === action;
    const regionOk = rule.region === undefined || rule.region === region;
    return actionOk && regionOk;
  }

  private apply(rule: FaultRule, bucketKey: string, now: number): FaultOutcome | 'delay' | undefined {
    switch (rule.kind) {
      case 'latency':
        return 'delay';
      case 'throttle':
        return this.takeToken(bucketKey, rule.ratePerSec ?? 1, now);
      case 'error':
        return { kind: 'error', status: rule.status ?? 503, code: rule.code ?? defaultErrorCode(rule.status ?? 503) };
      case 'timeout':
        return { kind: 'timeout', ms: rule.ms ?? 0 };
      case 'deny':
        return { kind: 'deny', code: rule.code ?? 'Forbidden.RAM' };
      case 'malformed':
        return { kind: 'malformed' };
    }
  }

  /** Token bucket holding one second of requests; undefined when a token was available. */
  private takeToken(key: string, rate: number, now: number): FaultOutcome | undefined {
    const capacity = Math.max(1, rate);
    const bucket = this.buckets.get(key) ?? { tokens: capacity, last: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.last) / 1000) * rate);
    bucket.last = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return { kind: 'throttle', retryAfterMs: Math.max(1, Math.ceil(((1 - bucket.tokens) / rate) * 1000)) };
  }
}

function defaultErrorCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'InvalidParameter',
    403: 'Forbidden',
    404: 'InvalidApi.NotFound',
    429: 'Throttling',
    500: 'InternalError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return codes[status] ?? 'UnknownError';
}

export interface DenyContext {
  action: string;
  /** RAM service prefix of the action: ecs, ram, sts, vpc. */
  authPrefix: string;
  region: string | undefined;
  accountId: string;
  principal: string;
}

/** The error a fault answers with (timeout and malformed are handled by the server itself). */
export function faultError(outcome: FaultOutcome, ctx: DenyContext): ApiError | null {
  switch (outcome.kind) {
    case 'throttle':
      return new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.', {}, {
        'x-acs-retry-after': String(outcome.retryAfterMs),
      });
    case 'error':
      return new ApiError(outcome.status, outcome.code, 'The request has failed due to a temporary failure of the server.');
    case 'deny': {
      const authAction = `${ctx.authPrefix}:${ctx.action}`;
      const resource = `acs:${ctx.authPrefix}:${ctx.region ?? '*'}:${ctx.accountId}:*`;
      return new ApiError(
        403,
        outcome.code,
        `User not authorized to operate on the specified resource, or this API doesn't support RAM. Resource: ${resource} Action: ${authAction}`,
        {
          AccessDeniedDetail: {
            AuthAction: authAction,
            AuthPrincipalType: 'SubUser',
            AuthPrincipalDisplayName: ctx.principal,
            AuthPrincipalOwnerId: ctx.accountId,
            PolicyType: 'AccountLevelIdentityBasedPolicy',
            NoPermissionType: 'ImplicitDeny',
            EncodedDiagnosticMessage: Buffer.from(`${authAction} ${resource}`).toString('base64'),
          },
        },
      );
    }
    default:
      return null;
  }
}

/**
 * The same faults as Log Service answers them: a denial is 401 Unauthorized naming the log:
 * action in its message (SLS has no AccessDeniedDetail), throttling is 429 ReadQuotaExceed.
 */
export function slsFaultError(outcome: FaultOutcome, ctx: DenyContext): ApiError | null {
  switch (outcome.kind) {
    case 'deny':
      return new ApiError(
        401,
        'Unauthorized',
        `denied by sts or ram, action: log:${ctx.action}, resource: acs:log:${ctx.region ?? '*'}:${ctx.accountId}:project/*`,
      );
    case 'throttle':
      return new ApiError(429, 'ReadQuotaExceed', 'Project read quota exceed.', {}, { 'x-acs-retry-after': String(outcome.retryAfterMs) });
    default:
      return faultError(outcome, ctx);
  }
}
