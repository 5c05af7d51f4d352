import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for slack.com: the Web API under /api/<method>, response_url targets under
// /respond/<id>, and upload targets under /upload/<id>. It records what the bot sent and can be
// told to fail the next calls the way Slack does (429 with Retry-After, 500, {ok:false,error}).
// Posted messages are kept per channel with their metadata, and conversations.history reads them
// back (newest first, metadata only with include_all_metadata) — what a resumed digest looks for.
// An answer delay holds every Web API answer after the call is recorded, as a slow Slack would:
// the post is in the channel before the bot hears about it.

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

export type Fault = { kind: 'ratelimit'; retryAfterSec: number } | { kind: 'error'; status: number } | { kind: 'slack-error'; error: string; needed?: string };

export interface ChannelMessage {
  channel: string;
  ts: string;
  text?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Present on a file share (files.completeUploadExternal with channel_id). */
  files?: { id: string; name: string }[];
}

/** What the fake tells a listener: a call recorded (answer not sent yet), then its answer written. */
export interface CallEvent {
  method: string;
  phase: 'recorded' | 'answered';
  body: Record<string, unknown>;
}

export interface FakeSlack {
  /** Pass as apiUrl: "http://127.0.0.1:PORT/api/". */
  readonly apiUrl: string;
  readonly base: string;
  readonly calls: RecordedCall[];
  readonly responses: RecordedResponse[];
  readonly uploads: { id: string; bytes: number }[];
  /** Messages in channels (chat.postMessage, and file shares with `files`), oldest first. */
  readonly messages: ChannelMessage[];
  messagesIn(channel: string): ChannelMessage[];
  /** Hold each Web API answer this long after the call is recorded (0: answer at once). */
  answerDelayMs: number;
  /** Called on every Web API call, when recorded and when answered. */
  onCall?: (e: CallEvent) => void;
  /** Every request by method (or "respond"), failed ones included. */
  attempts(method: string): number;
  /** Every call to `method` (or path prefix "respond") fails with `fault` for the next `times` requests. */
  fail(method: string, times: number, fault: Fault): void;
  respondUrl(id: string): string;
  /** What apps.connections.open hands out (a local WebSocket server in Socket Mode tests). */
  socketUrl?: string;
  /** User group id → member user ids, served by usergroups.users.list (unknown id: no_such_subteam). */
  usergroups: Record<string, string[]>;
  callsTo(method: string): RecordedCall[];
  /** Resolve when `pick()` returns something, polling; reject after `timeoutMs`. */
  waitFor<T>(pick: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const uploads: { id: string; bytes: number }[] = [];
  const messages: ChannelMessage[] = [];
  const fileNames = new Map<string, string>();
  const faults = new Map<string, { times: number; fault: Fault }>();
  // Slack's ts is its wall clock (µs), unique per channel; look-ups bound by time depend on it.
  let lastTs = 0;
  const nextTs = (): string => {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return (lastTs / 1e6).toFixed(6);
  };
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
    } else if (f.fault.kind === 'slack-error') {
      json(res, { ok: false, error: f.fault.error, ...(f.fault.needed ? { needed: f.fault.needed } : {}) });
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
    const answer = apiAnswer(name, body);
    fake.onCall?.({ method: name, phase: 'recorded', body });
    if (fake.answerDelayMs > 0) await new Promise((r) => setTimeout(r, fake.answerDelayMs));
    if (!res.destroyed) json(res, answer);
    fake.onCall?.({ method: name, phase: 'answered', body });
  });

  function apiAnswer(name: string, body: Record<string, unknown>): unknown {
    switch (name) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'whoowns' };
      case 'chat.postMessage': {
        const m: ChannelMessage = { channel: String(body.channel), ts: nextTs(), text: body.text };
        if (isMetadata(body.metadata)) m.metadata = body.metadata;
        messages.push(m);
        return { ok: true, channel: body.channel, ts: m.ts, message: { text: body.text } };
      }
      case 'conversations.history':
        return history(body);
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'usergroups.users.list': {
        const users = fake.usergroups[String(body.usergroup)];
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'apps.connections.open':
        return fake.socketUrl ? { ok: true, url: fake.socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'files.getUploadURLExternal': {
        const id = `F${++fileSeq}`;
        fileNames.set(id, String(body.filename));
        return { ok: true, file_id: id, upload_url: `${base}/upload/${id}` };
      }
      case 'files.completeUploadExternal': {
        const files = (body.files as { id: string }[] | undefined) ?? [];
        // Sharing to a channel shows up there as a message carrying the files.
        if (body.channel_id) messages.push({ channel: String(body.channel_id), ts: nextTs(), files: files.map((f) => ({ id: f.id, name: fileNames.get(f.id) ?? '' })) });
        return { ok: true, files: files.map((f) => ({ id: f.id })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Newest first, from `oldest` on, in pages of `limit` with a numeric cursor. */
  function history(body: Record<string, unknown>): unknown {
    const oldest = Number(body.oldest ?? 0);
    const limit = Number(body.limit ?? 100);
    const start = Number(body.cursor ?? 0);
    const withMeta = String(body.include_all_metadata) === 'true';
    const all = messages.filter((m) => m.channel === body.channel && Number(m.ts) >= oldest).reverse();
    const page = all
      .slice(start, start + limit)
      .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(m.files ? { files: m.files } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
    const more = start + limit < all.length;
    return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : '' } };
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    base,
    calls,
    responses,
    uploads,
    messages,
    messagesIn: (channel) => messages.filter((m) => m.channel === channel),
    answerDelayMs: 0,
    usergroups: {},
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

function isMetadata(v: unknown): v is ChannelMessage['metadata'] & object {
  return typeof v === 'object' && v !== null && typeof (v as { event_type?: unknown }).event_type === 'string';
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
