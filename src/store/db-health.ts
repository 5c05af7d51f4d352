import type { Logger } from '../core/logger.js';
import type { Db } from './sql.js';

// Readiness tied to the database (replicas on PostgreSQL): a pod that cannot reach the shared
// state answers nothing right, so /readyz turns 503 and the Service stops sending it traffic.
// The probe handlers are synchronous, so a background ping keeps the answer fresh.

export interface DbHealth {
  ok(): boolean;
  stop(): void;
}

export function watchDb(db: Db, o: { log: Logger; intervalMs?: number; timeoutMs?: number }): DbHealth {
  const intervalMs = o.intervalMs ?? 5_000;
  const timeoutMs = o.timeoutMs ?? 3_000;
  let ok = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const ping = async () => {
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    });
    const was = ok;
    try {
      await Promise.race([db.get('SELECT 1 AS one'), timeout]);
      ok = true;
    } catch (e) {
      ok = false;
      // The error names the server, never the password (see src/store/postgres.ts).
      if (was) o.log.warn({ code: (e as { code?: string }).code, reason: (e as Error).message }, 'database unreachable: not ready until it answers');
    } finally {
      clearTimeout(t);
    }
    if (!was && ok) o.log.info('database reachable again: ready');
    if (!stopped) timer = setTimeout(() => void ping(), intervalMs).unref();
  };
  timer = setTimeout(() => void ping(), 0).unref();
  return {
    ok: () => ok,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
