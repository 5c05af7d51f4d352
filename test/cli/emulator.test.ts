import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

// `whoowns emulator --port N` when N is taken: a usage error naming the port and the way out,
// not "Internal error".

let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
});

describe('whoowns emulator --port in use', () => {
  it('exits 2 and says which port and what to do (en)', async () => {
    const r = await cli(['emulator', '--port', String(port)], { env: { LANG: 'en_US.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^Error: Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port 0`));
    expect(r.stderr).not.toMatch(/Internal error/);
  });

  it('exits 2 and says so in Chinese (zh)', async () => {
    const r = await cli(['emulator', '--port', String(port)], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^错误: 127\\.0\\.0\\.1 的端口 ${port} 已被占用.*--port 0`));
  });
});
