import { DWClient, GATEWAY_URL, type DWClientDownStream } from 'dingtalk-stream';
import type { WebSocket } from 'ws';
import type { Logger } from '../../core/logger.js';
import { excerpt, postJson, type FetchLike } from './http.js';

// dingtalk-stream's DWClient with the sharp edges filed off (all verified against 2.1.5, pinned exactly
// in package.json because this class uses its private fields dw_url and socket):
// - every failed connect schedules TWO retries (the connect() catch and the socket's close
//   handler), so an outage grows attempts 1, 2, 4, 8… per second: connect() is single-flight here;
// - a pending retry reconnects even after disconnect(): a `stopped` flag guards connect();
// - a frame that is not JSON throws inside the socket's message handler (uncaught exception);
// - its default subscriptions array is shared by every client in the process and subscribes to
//   all EVENTs; this client subscribes only to the callbacks it registers;
// - getEndpoint() posts the secret with axios and, with debug on, prints the whole config.
// The endpoint call is ours (plain fetch), so tests can point it at a local gateway.

const WS_OPEN = 1;
const WS_CLOSED = 3;

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  log: Logger;
  /** The connections/open URL; the real gateway unless a test overrides it. */
  gatewayUrl?: string;
  fetch?: FetchLike;
  /** Called for anything that shows the connection is alive: frames, pings, a new connection. */
  onActivity?: () => void;
}

export class StreamClient extends DWClient {
  private readonly options: StreamClientOptions;
  private stopped = false;
  private connectInFlight = false;
  private endpointFailures = 0;

  constructor(options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: false, debug: false, ua: 'whoowns' });
    this.options = options;
    this.config.subscriptions = [];
  }

  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, log } = this.options;
    const r = await postJson(this.options.fetch ?? fetch, this.options.gatewayUrl ?? GATEWAY_URL, {
      clientId,
      clientSecret,
      ua: this.config.ua,
      subscriptions: this.config.subscriptions,
    });
    const { endpoint, ticket } = r.body;
    if (r.status === 200 && typeof endpoint === 'string' && typeof ticket === 'string' && endpoint && ticket) {
      this.endpointFailures = 0;
      // dw_url is private in the SDK's typings but is what _connect() dials.
      (this as unknown as { dw_url: string }).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
      return this;
    }
    // The SDK retries every second forever; say it once, then once a minute.
    this.endpointFailures += 1;
    if (this.endpointFailures === 1 || this.endpointFailures % 60 === 0) {
      const fields = { failures: this.endpointFailures, status: r.status, failure: r.failure, code: excerpt(r.body.code) };
      if (r.status === 401 || r.status === 403 || /clientid|secret|auth/i.test(String(r.body.code ?? ''))) {
        log.error(fields, 'DingTalk refused the stream credentials: check DINGTALK_CLIENT_ID / DINGTALK_CLIENT_SECRET; retrying');
      } else {
        log.warn(fields, 'DingTalk stream gateway unavailable; retrying every second');
      }
    }
    throw new Error('DingTalk stream endpoint unavailable');
  }

  override async connect(): Promise<void> {
    if (this.stopped || this.connectInFlight || this.currentSocket()?.readyState === WS_OPEN) return;
    this.connectInFlight = true;
    try {
      await super.connect();
    } finally {
      this.connectInFlight = false;
    }
  }

  override async _connect(): Promise<void> {
    const opened = super._connect();
    // The gateway's WebSocket-level pings count as life too (ws answers them by itself).
    this.currentSocket()?.on('ping', () => this.options.onActivity?.());
    await opened;
    this.options.log.info('connected to DingTalk stream gateway');
    this.options.onActivity?.();
  }

  override onDownStream(data: string): void {
    this.options.onActivity?.();
    try {
      super.onDownStream(data);
    } catch (e) {
      this.options.log.warn({ err: (e as Error)?.name }, 'ignored a DingTalk frame that could not be handled');
    }
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    // The gateway announces a restart with "disconnect" and closes a few seconds later. Callbacks
    // are acked on arrival and replies go over HTTP, so moving to a new connection now loses nothing.
    if (downstream.headers?.topic === 'disconnect') {
      this.options.log.info('DingTalk gateway asked for a reconnect');
      this.reconnect();
    }
  }

  /** Drop the current socket; the SDK's close handler dials again a second later. */
  reconnect(): void {
    const socket = this.currentSocket();
    if (socket && socket.readyState !== WS_CLOSED) socket.terminate();
    else void this.connect();
  }

  /** Acknowledge a callback so the gateway does not redeliver it. Never throws. */
  ack(messageId: string | undefined, result: unknown): boolean {
    if (!messageId) return false;
    try {
      this.socketCallBackResponse(messageId, result);
      return true;
    } catch (e) {
      this.options.log.warn({ err: (e as Error)?.message?.slice(0, 80) }, 'could not ack a DingTalk callback');
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const socket = this.currentSocket();
    this.disconnect();
    if (!socket || socket.readyState === WS_CLOSED) return;
    // A dead peer never finishes the close handshake; do not wait ws's 30 s for it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1000);
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private currentSocket(): WebSocket | undefined {
    return (this as unknown as { socket?: WebSocket }).socket;
  }
}
