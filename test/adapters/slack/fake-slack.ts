import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for slack.com: the Web API under /api/<method>, response_url targets under
// /respond/<id>, and upload targets under /upload/<id>. It records what the bot sent and can be
// told to fail the next calls the way Slack does (429 with Retry-After, 500).

export interface RecordedCall {
  method: string;
  /** Form fields with JSON-looking values parsed (blocks, files). */
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export type Fault = { kind: 'ratelimit'; retryAfterSec: number } | { kind: 'error'; status: number };

export interface FakeSlack {
  /** Pass as apiUrl: "http://127.0.0.1:PORT/api/". */
  readonly apiUrl: string;
  readonly base: string;
  readonly calls: RecordedCall[];
  readonly responses: RecordedResponse[];
  readonly uploads: { id: string; bytes: number }[];
  /** Every request by method (or "respond"), failed ones included. */
  attempts(method: string): number;
  /** Every call to `method` (or path prefix "respond") fails with `fault` for the next `times` requests. */
  fail(method: string, times: number, fault: Fault): void;
  respondUrl(id: string): string;
  /** What apps.connections.open hands out (a local WebSocket server in Socket Mode tests). */
  socketUrl?: string;
  callsTo(method: string): RecordedCall[];
  /** Resolve when `pick()` returns something, polling; reject after `timeoutMs`. */
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const uploads: { id: string; bytes: number }[] = [];
  const faults = new Map<string, { times: number; fault: Fault }>();
  let ts = 1_700_000_000;
  let fileSeq = 0;

  const attempts = new Map<string, number>();
  const injectFault = (key: string, res: ServerResponse): boolean => {
    attempts.set(key, (attempts.get(key) ?? 0) + 1);
    const f = faults.get(key);
    if (!f || f.times <= 0) return false;
    f.times -= 1;
    if (f.fault.kind === 'ratelimit') {
      res.writeHead(429, { 'retry-after': String(f.fault.retryAfterSec), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    } else {
      res.writeHead(f.fault.status, { 'content-type': 'text/plain' });
      res.end('server error');
    }
    return true;
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, area, name] = url.pathname.split('/');
    if (area === 'respond' && name) {
      if (injectFault('respond', res)) return;
      responses.push({ id: name, body: JSON.parse(raw.toString('utf8') || '{}'), at: Date.now() });
      return json(res, { ok: true });
    }
    if (area === 'upload' && name) {
      uploads.push({ id: name, bytes: raw.length });
      res.writeHead(200).end('OK - ' + raw.length);
      return;
    }
    if (area !== 'api' || !name) {
      res.writeHead(404).end();
      return;
    }
    if (injectFault(name, res)) return;
    const body = parseForm(req.headers['content-type'], raw);
    calls.push({ method: name, body, authorization: req.headers.authorization, at: Date.now() });
    switch (name) {
      case 'auth.test':
        return json(res, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'whoowns' });
      case 'chat.postMessage':
        return json(res, { ok: true, channel: body.channel, ts: `${ts++}.000100`, message: { text: body.text } });
      case 'chat.postEphemeral':
        return json(res, { ok: true, message_ts: `${ts++}.000200` });
      case 'apps.connections.open':
        return fake.socketUrl ? json(res, { ok: true, url: fake.socketUrl }) : json(res, { ok: false, error: 'not_allowed_token_type' });
      case 'files.getUploadURLExternal': {
        const id = `F${++fileSeq}`;
        return json(res, { ok: true, file_id: id, upload_url: `${base}/upload/${id}` });
      }
      case 'files.completeUploadExternal':
        return json(res, { ok: true, files: (body.files as { id: string }[] | undefined)?.map((f) => ({ id: f.id })) ?? [] });
      default:
        return json(res, { ok: false, error: 'unknown_method' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    base,
    calls,
    responses,
    uploads,
    attempts: (method) => attempts.get(method) ?? 0,
    fail(method, times, fault) {
      faults.set(method, { times, fault });
    },
    respondUrl: (id) => `${base}/respond/${id}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    async waitFor(pick, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = pick();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`fake slack: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseForm(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json')) return JSON.parse(text || '{}');
  if (!contentType?.includes('application/x-www-form-urlencoded')) return { rawBytes: raw.length };
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
