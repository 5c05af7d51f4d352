import { createHmac } from 'node:crypto';

// Builds signed requests the way Slack sends them to /slack/events.

export const SECRET = 'test-signing-secret';

export function sign(body: string, timestamp: number, secret = SECRET): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  signature?: string;
}

export interface SentResult {
  status: number;
  body: string;
  ms: number;
}

export async function post(url: string, body: string, contentType: string, opts: SendOptions = {}): Promise<SentResult> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(body, timestamp, opts.secret),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text, ms: performance.now() - started };
}

export function slashCommand(fields: { command: string; text: string; response_url: string } & Record<string, string>): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'ops',
    user_id: 'U1',
    user_name: 'alice',
    api_app_id: 'A1',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
}

let eventSeq = 0;

export function eventCallback(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${++eventSeq}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}

export interface BlockActionWhere {
  channel?: { id: string; name: string };
  user?: string;
  /** Drop top-level fields (e.g. user, team) to build broken or forged payloads. */
  omit?: string[];
}

export function blockAction(action: { action_id: string; value: string }, responseUrl: string | undefined, where: BlockActionWhere = {}): string {
  const channel = where.channel ?? { id: 'C1', name: 'ops' };
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: where.user ?? 'U1', username: 'alice', name: 'alice', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel.id, is_ephemeral: false },
    trigger_id: '1.2.3',
    channel,
    message: { type: 'message', ts: '1700000000.000100', text: 'x' },
    response_url: responseUrl,
    actions: [{ type: 'button', block_id: 'b1', text: { type: 'plain_text', text: 'Go' }, action_ts: '1700000001.0', ...action }],
  };
  if (responseUrl === undefined) delete payload.response_url;
  for (const field of where.omit ?? []) delete payload[field];
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';
