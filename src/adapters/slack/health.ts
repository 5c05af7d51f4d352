import { createServer, type Server, type ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

// Deployment probes: /healthz says the process answers, /readyz says the bot is connected and
// accepting Slack traffic (after start(), before stop()).

interface Probe {
  path: string;
  answer(res: ServerResponse): void;
}

function probes(isReady: () => boolean): Probe[] {
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  return [
    { path: '/healthz', answer: (res) => send(res, 200, 'ok') },
    { path: '/readyz', answer: (res) => (isReady() ? send(res, 200, 'ready') : send(res, 503, 'not ready')) },
  ];
}

/** For Bolt's HTTPReceiver, next to /slack/events. */
export function healthRoutes(isReady: () => boolean): CustomRoute[] {
  return probes(isReady).map((p) => ({ path: p.path, method: ['GET'], handler: (_req, res) => p.answer(res) }));
}

/**
 * In Socket Mode nothing listens for Slack, but deployments still probe: serve the same routes on
 * our own small server (Bolt's Socket Mode one can neither bind a host nor report its port).
 */
export function startProbeServer(isReady: () => boolean, port: number, host?: string): Promise<Server> {
  const routes = probes(isReady);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const probe = req.method === 'GET' ? routes.find((r) => r.path === path) : undefined;
    if (probe) probe.answer(res);
    else res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Stop a server now: open keep-alive connections are cut, not waited for. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
