// The few HTTP calls the adapter makes, with plain fetch. URLs here carry credentials (session
// webhooks, custom robot access tokens), so nothing derived from a URL goes into errors or logs.

export type FetchLike = typeof fetch;

export interface JsonResult {
  /** False when the request never got an HTTP answer. */
  reached: boolean;
  status: number;
  body: Record<string, unknown>;
  /** Safe to log: an error code, never the URL. */
  failure?: string;
}

export async function postJson(
  fetchImpl: FetchLike,
  url: string,
  payload: unknown,
  opts: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<JsonResult> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
      body: JSON.stringify(payload),
      // A redirect would carry the body (and a webhook's credential) to a host nobody checked.
      redirect: 'error',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (e) {
    return { reached: false, status: 0, body: {}, failure: networkCode(e) };
  }
  const raw = await res.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page; the status says enough.
  }
  return { reached: true, status: res.status, body };
}

/** "ECONNREFUSED", "TimeoutError", ... — the name of what failed, without the message (it can quote the URL). */
export function networkCode(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } } | undefined;
  const code = err?.cause?.code ?? err?.code ?? err?.cause?.name ?? err?.name;
  return typeof code === 'string' ? code.slice(0, 40) : 'network error';
}

/** A short, single-line excerpt of a platform's error message, safe for logs and error text. */
export function excerpt(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '';
  return String(v)
    .replace(/(access_token|session|sign|token)=[^&\s]*/gi, '$1=…')
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}
