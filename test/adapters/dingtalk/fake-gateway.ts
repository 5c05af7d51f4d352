import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

// A local DingTalk stream gateway. Like the real one it has two halves:
//  1. POST /v1.0/gateway/connections/open {clientId, clientSecret, ua, subscriptions}
//     → {endpoint: "ws://…/connect", ticket} (one-time ticket; wrong credentials → 401);
//  2. the WebSocket at endpoint?ticket=…, speaking JSON frames:
//     server → client  {specVersion, type: 'CALLBACK'|'SYSTEM'|'EVENT', headers: {messageId, topic, …}, data: "<json>"}
//     client → server  {code: 200, headers: {contentType, messageId}, message: 'OK', data: "<json>"}
//     (acks for callbacks carry data {"response": …}; answers to SYSTEM ping echo the ping's data).

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface ClientFrame {
  code: number;
  headers: { messageId?: string; contentType?: string; [k: string]: unknown };
  message: string;
  data: string;
}

export interface OpenRequest {
  clientId: string;
  clientSecret: string;
  ua: string;
  subscriptions: { type: string; topic: string }[];
}

export interface FakeGateway {
  /** The connections/open URL to pass as endpointOverride. */
  openUrl: string;
  /** Every connections/open request, refused ones included. */
  openRequests: OpenRequest[];
  /** WebSocket connections accepted so far (reconnects included). */
  readonly connections: number;
  /** Every frame clients sent. */
  received: ClientFrame[];
  /** Frames that acknowledge `messageId`. */
  acksFor(messageId: string): ClientFrame[];
  /** Send a robot CALLBACK frame on the newest connection; `data` objects are JSON-encoded. Returns its messageId. */
  sendCallback(data: unknown, messageId?: string): string;
  /** Send raw text on the newest connection (for malformed frames). */
  sendRaw(text: string): void;
  sendPing(): string;
  /** SYSTEM disconnect, as the real gateway sends before a restart. */
  sendDisconnect(): void;
  /** Kill every open connection without a close handshake. */
  dropConnections(): void;
  /** Outage: 'open' answers connections/open with 503, 'socket' refuses the WebSocket upgrade with 503. */
  setUnavailable(where: 'open' | 'socket' | false): void;
  /** WebSocket upgrade attempts, refused ones included. */
  readonly upgrades: number;
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  waitForAck(messageId: string, timeoutMs?: number): Promise<ClientFrame>;
  close(): Promise<void>;
}

export async function startFakeGateway(opts: { clientId?: string; clientSecret?: string } = {}): Promise<FakeGateway> {
  const clientId = opts.clientId ?? 'ding-app-key';
  const clientSecret = opts.clientSecret ?? 'ding-app-secret';
  const openRequests: OpenRequest[] = [];
  const received: ClientFrame[] = [];
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const changed: (() => void)[] = [];
  let connections = 0;
  let unavailable: 'open' | 'socket' | false = false;
  let upgrades = 0;
  const notify = () => {
    for (const w of changed.splice(0)) w();
  };

  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/v1.0/gateway/connections/open') return json(404, { code: 'NotFound' });
      let body: OpenRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OpenRequest;
      } catch {
        return json(400, { code: 'InvalidParameter' });
      }
      openRequests.push(body);
      if (unavailable === 'open') return json(503, { code: 'ServiceUnavailable' });
      if (body.clientId !== clientId || body.clientSecret !== clientSecret) return json(401, { code: 'InvalidAuthentication' });
      const ticket = randomUUID();
      tickets.add(ticket);
      json(200, { endpoint: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/connect`, ticket });
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const ticket = u.searchParams.get('ticket') ?? '';
    upgrades += 1;
    if (unavailable === 'socket') {
      socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
      return;
    }
    if (u.pathname !== '/connect' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      sockets.push(ws);
      ws.on('message', (raw) => {
        try {
          received.push(JSON.parse(String(raw)) as ClientFrame);
        } catch {
          // not a frame the real gateway would accept either
        }
        notify();
      });
      ws.on('close', () => sockets.splice(sockets.indexOf(ws), 1));
      notify();
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const newest = (): WebSocket => {
    const ws = sockets.at(-1);
    if (!ws) throw new Error('fake gateway: no client connected');
    return ws;
  };
  const frame = (type: string, topic: string, data: unknown, messageId: string = randomUUID()) => {
    newest().send(
      JSON.stringify({
        specVersion: '1.0',
        type,
        headers: { appId: 'app-1', connectionId: 'conn-1', contentType: 'application/json', messageId, time: String(Date.now()), topic },
        data: typeof data === 'string' ? data : JSON.stringify(data),
      }),
    );
    return messageId;
  };
  const waitUntil = (ok: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake gateway: ${what} within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (ok()) {
          clearTimeout(timer);
          resolve();
        } else changed.push(check);
      };
      check();
    });
  const acksFor = (id: string) => received.filter((f) => f.headers?.messageId === id);

  return {
    openUrl: `${base}/v1.0/gateway/connections/open`,
    openRequests,
    get connections() {
      return connections;
    },
    get upgrades() {
      return upgrades;
    },
    received,
    acksFor,
    sendCallback: (data, messageId) => frame('CALLBACK', TOPIC_ROBOT, data, messageId),
    sendRaw: (text) => newest().send(text),
    sendPing: () => frame('SYSTEM', 'ping', { opaque: randomUUID() }),
    sendDisconnect: () => void frame('SYSTEM', 'disconnect', { reason: 'gateway restarting' }),
    dropConnections: () => {
      for (const ws of [...sockets]) ws.terminate();
    },
    setUnavailable: (v) => {
      unavailable = v;
    },
    waitForConnections: (n, timeoutMs = 5000) => waitUntil(() => connections >= n && sockets.length > 0, `no connection #${n}`, timeoutMs),
    waitForAck: async (id, timeoutMs = 5000) => {
      await waitUntil(() => acksFor(id).length > 0, `no ack for ${id}`, timeoutMs);
      return acksFor(id)[0]!;
    },
    close: async () => {
      for (const ws of [...sockets]) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
