// Turn whatever an SDK call threw into a small, secret-free description the retry layer and
// the gap list can act on. SDK error classes are matched by name and fields, not instanceof,
// because several copies of @darabonba/typescript can live in node_modules.

export type FailureKind =
  | 'throttle' // Throttling*, HTTP 429/503, ServiceUnavailable: back off, slow down, retry
  | 'server' // other 5xx: retry a few times
  | 'timeout' // connect/read timeout: retry a few times
  | 'network' // refused, reset, DNS: retry a few times
  | 'denied' // RAM said no: never retry
  | 'client' // other 4xx (bad parameter, unknown action, not found): never retry
  | 'malformed' // the body was not the JSON we expect: never retry
  | 'unknown';

export interface CallFailure {
  kind: FailureKind;
  /** API code (Forbidden.RAM, Throttling.User ...) or a local one (Timeout, Unreachable, Malformed). */
  code: string;
  message: string;
  statusCode?: number;
  /** From x-acs-retry-after (ms), when the server sent it. */
  retryAfterMs?: number;
  /** RAM action the caller lacks, e.g. ecs:DescribeDisks. */
  missingAction?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Strip anything that could carry a credential out of a message, and cap its length. */
export function sanitizeMessage(text: string): string {
  return text
    .replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1')
    .replace(/(POST|GET) (\/[^\s?]*)\?\S*/g, '$1 $2')
    .replace(/((?:AccessKeyId|AccessKeySecret|SecurityToken|Signature|Credential|x-acs-security-token)[=:]\s*)[^\s&,;]+/gi, '$1[redacted]')
    .replace(/\bLTAI[0-9A-Za-z]{8,}\b/g, '[access-key-id]')
    .replace(/\bSTS\.[0-9A-Za-z]{8,}\b/g, '[sts-key-id]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function field(e: unknown, name: string): unknown {
  return typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[name] : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== 'undefined' ? v : undefined;
}

function missingActionOf(e: unknown, message: string): string | undefined {
  const detail = field(e, 'accessDeniedDetail') ?? field(field(e, 'data'), 'AccessDeniedDetail');
  const fromDetail = str(field(detail, 'AuthAction')) ?? str(field(detail, 'authAction'));
  if (fromDetail) return fromDetail;
  const m = /action:?\s*([a-z][a-z0-9-]*:[A-Za-z0-9*]+)/i.exec(message);
  return m?.[1];
}

export function classifyError(e: unknown): CallFailure {
  const name = str(field(e, 'name')) ?? '';
  const rawMessage = str(field(e, 'message')) ?? String(e);
  const message = sanitizeMessage(rawMessage);
  const statusCode = typeof field(e, 'statusCode') === 'number' ? (field(e, 'statusCode') as number) : undefined;
  const apiCode = str(field(e, 'code'));
  const sysCode = str(field(e, 'code')) ?? str(field(field(e, 'cause'), 'code'));

  if (statusCode !== undefined) {
    const code = apiCode ?? `Http${statusCode}`;
    const retryAfter = field(e, 'retryAfter');
    const retryAfterMs = typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : undefined;
    const base = { code, message, statusCode, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (code.includes('Throttling') || statusCode === 429 || statusCode === 503 || code === 'ServiceUnavailable') {
      return { kind: 'throttle', ...base };
    }
    if (statusCode >= 500) return { kind: 'server', ...base };
    // Log Service says no with 401 Unauthorized ("denied by sts or ram, action: log:..."); its other
    // 401s (SignatureNotMatch, a wrong key) are not a missing permission.
    if (statusCode === 403 || /^(Forbidden|NoPermission|AccessDenied|NotAuthorized|Unauthorized$)/i.test(code)) {
      const missingAction = missingActionOf(e, rawMessage);
      return { kind: 'denied', ...base, ...(missingAction ? { missingAction } : {}) };
    }
    return { kind: 'client', ...base };
  }
  if (name === 'ThrottlingError') return { kind: 'throttle', code: apiCode ?? 'Throttling', message };

  if (name === 'RequestTimeoutError' || (sysCode && TIMEOUT_CODES.has(sysCode)) || /\b(Read|Connect)Timeout\b/.test(rawMessage)) {
    return { kind: 'timeout', code: 'Timeout', message };
  }
  if ((sysCode && NETWORK_CODES.has(sysCode)) || /socket hang up/i.test(rawMessage)) {
    return { kind: 'network', code: 'Unreachable', message: sysCode ? `${sysCode}: ${message}` : message };
  }
  if (e instanceof SyntaxError || name === 'SyntaxError' || /^expect: /.test(rawMessage) || name === 'MalformedResponse') {
    return { kind: 'malformed', code: 'Malformed', message };
  }
  return { kind: 'unknown', code: apiCode ?? (name || 'Error'), message };
}

/** Thrown by our own parsers when a body parses as JSON but has the wrong shape. */
export class MalformedResponse extends Error {
  override name = 'MalformedResponse';
}
