import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for oapi.dingtalk.com (session webhooks, custom robots) and api.dingtalk.com
// (access tokens, group messages). It records every request and checks what DingTalk checks.

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface FakeApiOptions {
  appKey?: string;
  appSecret?: string;
  customRobotToken?: string;
  customRobotSecret?: string;
  /** Seconds, as DingTalk returns it. */
  tokenExpireIn?: number;
}

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  /** Requests on one path, e.g. "/robot/sendBySession". */
  on(path: string): RecordedRequest[];
  /** Resolves with the n-th (1-based) request on `path`, waiting for it if needed. */
  waitFor(path: string, n?: number, timeoutMs?: number): Promise<RecordedRequest>;
  tokensIssued: number;
  /** Make the next group send fail with this HTTP status. */
  failNextGroupSend(status: number): void;
  close(): Promise<void>;
}

export async function startFakeApi(opts: FakeApiOptions = {}): Promise<FakeApi> {
  const appKey = opts.appKey ?? 'ding-app-key';
  const appSecret = opts.appSecret ?? 'ding-app-secret';
  const requests: RecordedRequest[] = [];
  const waiters: (() => void)[] = [];
  let tokensIssued = 0;
  let failGroupSend: number | undefined;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body };
      requests.push(rec);
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        for (const w of waiters.splice(0)) w();
      };
      switch (u.pathname) {
        case '/robot/sendBySession':
          // DingTalk answers 200 with an errcode when the session is no longer valid.
          if (u.searchParams.get('session')?.startsWith('revoked')) return send(200, { errcode: 300005, errmsg: 'session 不存在' });
          return send(200, { errcode: 0, errmsg: 'ok' });
        case '/robot/redirect':
          // A webhook host that bounces the reply (and its credential) somewhere else.
          res.writeHead(302, { location: `/robot/sendBySession${u.search}` }).end();
          for (const w of waiters.splice(0)) w();
          return;
        case '/v1.0/oauth2/accessToken':
          if (body?.appKey !== appKey || body?.appSecret !== appSecret) return send(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
          tokensIssued += 1;
          return send(200, { accessToken: `token-${tokensIssued}`, expireIn: opts.tokenExpireIn ?? 7200 });
        case '/v1.0/robot/groupMessages/send': {
          if (failGroupSend) {
            const status = failGroupSend;
            failGroupSend = undefined;
            return send(status, { code: 'Forbidden.AccessDenied', message: 'robot not in group', requestid: 'r1' });
          }
          if (!String(req.headers['x-acs-dingtalk-access-token'] ?? '').startsWith('token-')) return send(401, { code: 'InvalidAuthentication' });
          return send(200, { processQueryKey: `pq-${requests.length}` });
        }
        case '/robot/send': {
          if (u.searchParams.get('access_token') !== (opts.customRobotToken ?? 'robot-token')) return send(200, { errcode: 300001, errmsg: 'token is not exist' });
          if (opts.customRobotSecret) {
            const ts = u.searchParams.get('timestamp') ?? '';
            const expected = createHmac('sha256', opts.customRobotSecret).update(`${ts}\n${opts.customRobotSecret}`).digest('base64');
            // searchParams has already decoded the urlencoded signature once.
            if (u.searchParams.get('sign') !== expected) return send(200, { errcode: 310000, errmsg: 'sign not match' });
          }
          return send(200, { errcode: 0, errmsg: 'ok' });
        }
        default:
          return send(404, { code: 'NotFound' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const on = (path: string) => requests.filter((r) => r.path === path);

  return {
    url,
    requests,
    on,
    get tokensIssued() {
      return tokensIssued;
    },
    failNextGroupSend(status) {
      failGroupSend = status;
    },
    waitFor(path, n = 1, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no request #${n} on ${path} within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const hit = on(path)[n - 1];
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
