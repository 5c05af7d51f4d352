import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

// Deployment probes: /healthz says the process answers, /readyz says the bot is connected and
// accepting Slack traffic (after start(), before stop()).

export function healthRoutes(isReady: () => boolean): CustomRoute[] {
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  return [
    { path: '/healthz', method: ['GET'], handler: (_req: IncomingMessage, res: ServerResponse) => send(res, 200, 'ok') },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => (isReady() ? send(res, 200, 'ready') : send(res, 503, 'starting')),
    },
  ];
}
