// One loopback HTTP server that answers as ECS, RAM, IMS, STS and VPC at once: the real SDK
// clients are all pointed at its endpoint. Each request is read, authenticated, routed, passed
// through the fault rules and answered with the real wire format.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WhoownsError } from '../core/errors.js';
import { ApiError } from './api-error.js';
import { CredentialStore } from './credentials.js';
import { AccountData } from './data.js';
import { Directory } from './directory.js';
import { loadScenario } from './load.js';
import { FaultEngine, faultError, slsFaultError } from './faults.js';
import { Params } from './params.js';
import { SLS_SERVICE, serviceByVersion, type ServiceDef } from './services/index.js';
import { slsHostRegion, slsProjectOf, slsRegionOf, slsRoute } from './services/sls.js';
import { authenticate, type SignedRequest } from './signature.js';
import { isOssRequest, serveOss } from './services/oss.js';
import type { CallRecord, EmulatorCredential, EmulatorOptions, RunningEmulator } from './types.js';

export const DEFAULT_EMULATOR_CREDENTIAL: EmulatorCredential = Object.freeze({
  accessKeyId: 'LTAI5tEmulatorTestKey',
  accessKeySecret: 'emulator-test-secret',
});

const MAX_BODY_BYTES = 1024 * 1024;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Form / query decoding as the SDK encodes (querystring.stringify): %XX escapes, '+' is a space. */
export function parseForm(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    out[decode(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decode(pair.slice(eq + 1));
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Exchange {
  signed: SignedRequest;
  params: Params;
  action: string;
  service: ServiceDef | undefined;
  region: string | undefined;
  requestId: string;
  /** Log Service speaks its own wire format (see services/sls.ts). */
  sls: boolean;
}

async function readExchange(req: IncomingMessage): Promise<Exchange> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  let query: Record<string, string>;
  let bodyParams: Record<string, string> = {};
  try {
    query = q < 0 ? {} : parseForm(url.slice(q + 1));
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      bodyParams = parseForm(body.toString('utf8'));
    }
  } catch {
    throw new ApiError(400, 'InvalidParameter', 'The request contains a malformed percent-encoding.');
  }
  const all = { ...query, ...bodyParams };
  const header = (name: string) => {
    const v = req.headers[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const signed: SignedRequest = { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query, headers: req.headers, body, bodyParams };
  if (header('x-log-apiversion') !== undefined || header('authorization')?.startsWith('LOG ')) return slsExchange(signed, query, header('host'));
  return {
    signed,
    params: new Params(all),
    action: header('x-acs-action') ?? all['Action'] ?? '',
    service: serviceByVersion(header('x-acs-version') ?? all['Version']),
    // ROA services (ACK) spell it region_id.
    region: all['RegionId'] || all['region_id'] || undefined,
    requestId: randomUUID().toUpperCase(),
    sls: false,
  };
}

/** An SLS request: the action from method and path, the project from the Host header. */
function slsExchange(signed: SignedRequest, query: Record<string, string>, host: string | undefined): Exchange {
  const route = slsRoute(signed.method, signed.path);
  const project = slsProjectOf(host);
  const params: Record<string, string> = { ...query };
  if (project) params['project'] = project;
  // A request without a project (the account-level collection rules) is about its endpoint's region.
  else params['region'] = slsHostRegion(host);
  if (route?.name !== undefined) params[route.action === 'GetAlert' ? 'alert' : 'logstore'] = route.name;
  return {
    signed,
    params: new Params(params),
    action: route?.action ?? '',
    service: SLS_SERVICE,
    region: project ? undefined : params['region'],
    requestId: randomUUID().replace(/-/g, '').toUpperCase().slice(0, 24),
    sls: true,
  };
}

function send(res: ServerResponse, status: number, body: string, requestId: string, headers: Record<string, string> = {}, sls = false): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    [sls ? 'x-log-requestid' : 'x-acs-request-id']: requestId,
    ...headers,
  });
  res.end(body);
}

function errorBody(err: ApiError, ex: Exchange | undefined): string {
  const requestId = ex?.requestId ?? '';
  if (ex?.sls) return JSON.stringify({ errorCode: err.code, errorMessage: err.message });
  const product = ex?.service?.product ?? 'Ecs';
  return JSON.stringify({
    RequestId: requestId,
    HostId: ex?.service?.host ?? 'aliyuncs.com',
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${product}&requestId=${requestId}`,
    ...err.extra,
  });
}

/** A port someone else holds, or one this user may not bind, is the caller's to fix: say which and how. */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE') {
    const next = port < 65535 ? port + 1 : 18080;
    return new WhoownsError('USAGE', {
      zh: `${host} 的端口 ${port} 已被占用(也许另一个模拟器正在运行)。请停止占用它的程序,或换一个端口:--port ${next},或 --port 0 任选一个空闲端口。`,
      en: `Port ${port} on ${host} is already in use (another emulator running?). Stop what holds it, or pick another port: --port ${next}, or --port 0 for any free one.`,
    }, e);
  }
  if (e.code === 'EACCES') {
    return new WhoownsError('USAGE', {
      zh: `没有权限监听 ${host} 的端口 ${port}(1024 以下的端口需要特权)。请换一个 1024 以上的端口,或 --port 0。`,
      en: `Not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges). Pick a port above 1024, or --port 0.`,
    }, e);
  }
  return e;
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new WhoownsError('NOT_ALLOWED', {
      zh: `模拟器只能监听本机回环地址(127.0.0.1 / ::1),拒绝 ${host}。`,
      en: `The emulator only listens on loopback (127.0.0.1 / ::1); refusing ${host}.`,
    });
  }
  const data = new AccountData(opts.scenario);
  const directory = opts.scenario.resourceDirectory ? new Directory(opts.scenario.resourceDirectory, (n) => opts.memberScenarios?.[n] ?? loadScenario(n, { now: new Date() })) : undefined;
  // A session assumed into a directory member reads that member's account; anything else the scenario's.
  const dataFor = (caller: EmulatorCredential): AccountData => {
    const session = credentials.session(caller.accessKeyId);
    return (session && directory?.member(session.accountId)?.data) || data;
  };
  const faults = new FaultEngine(opts.faults ?? [], opts.seed ?? 1);
  const credentials = new CredentialStore(opts.credentials ?? [DEFAULT_EMULATOR_CREDENTIAL]);
  const calls: CallRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();

  // Pending delays are cancelled on stop(); their requests are simply never answered.
  const sleep = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  async function answer(ex: Exchange, res: ServerResponse, record: CallRecord): Promise<void> {
    await sleep(opts.latencyMs ?? 0);
    const caller = authenticate(ex.signed, (id) => credentials.find(id, Date.now()));
    if (!ex.service) throw new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    const handler = ex.service.handlers[ex.action];
    if (!handler) {
      if (ex.sls) throw new ApiError(404, 'RequestNotSupported', `${ex.signed.method} ${ex.signed.path} is not supported by this emulator.`);
      throw new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    }
    if (ex.sls && ex.params.get('project') !== undefined) ex.region = slsRegionOf(dataFor(caller), ex.params.get('project'));
    const decision = faults.decide(ex.action, ex.region, Date.now(), dataFor(caller).accountId);
    await sleep(decision.delayMs);
    const outcome = decision.outcome;
    if (outcome?.kind === 'timeout') {
      await sleep(outcome.ms);
      record.status = 0;
      res.socket?.destroy();
      return;
    }
    if (outcome) {
      const err = (ex.sls ? slsFaultError : faultError)(outcome, {
        action: ex.action,
        authPrefix: ex.service.authPrefix,
        region: ex.region,
        accountId: dataFor(caller).accountId,
        principal: caller.accessKeyId,
      });
      if (err) throw err;
    }
    const served = dataFor(caller);
    const body = handler({
      action: ex.action,
      method: ex.signed.method,
      path: ex.signed.path,
      params: ex.params,
      data: served,
      caller,
      credentials,
      now: new Date(),
      ...(directory && served === data ? { directory } : {}),
    });
    const json = JSON.stringify(ex.sls ? body : { RequestId: ex.requestId, ...body });
    // A body cut in half: what a broken proxy or a dropped connection mid-answer looks like.
    const text = outcome?.kind === 'malformed' ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json;
    record.status = 200;
    send(res, 200, text, ex.requestId, {}, ex.sls);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: CallRecord = { action: '', service: 'unknown', status: 0, at: Date.now() };
    calls.push(record);
    // OSS is not a POP API: its own signature, addressing and XML (services/oss.ts).
    if (isOssRequest(req)) {
      const lookup = (id: string) => credentials.find(id, Date.now());
      await serveOss(req, res, { lookup, dataFor, faults, sleep, latencyMs: opts.latencyMs ?? 0, requestId: randomUUID().toUpperCase(), record });
      return;
    }
    let ex: Exchange | undefined;
    try {
      ex = await readExchange(req);
      record.action = ex.action;
      record.service = ex.service?.name ?? 'unknown';
      if (ex.region !== undefined) record.region = ex.region;
      await answer(ex, res, record);
    } catch (e) {
      // An emulator bug surfaces as the real 500 code, with a hint so a failing test can be debugged.
      const hint = e instanceof Error ? ` (emulator: ${e.message})` : '';
      const err = e instanceof ApiError ? e : new ApiError(500, 'InternalError', `The request processing has failed due to some unknown error.${hint}`);
      record.status = err.status;
      send(res, err.status, errorBody(err, ex), ex?.requestId ?? '', err.headers, ex?.sls ?? false);
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, host, opts.port ?? 0)));
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const endpoint = `${hostInUrl}:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    url: `http://${endpoint}`,
    host,
    port,
    endpoint,
    calls,
    setFaults: (rules) => faults.setRules(rules),
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
