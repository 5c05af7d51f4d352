import type { Logger } from '../core/logger.js';

// The Resource Directory is listed again on a schedule (resourceDirectory.refreshMinutes), not
// only when someone asks: new member accounts reach the scan cycles and digests by themselves.
// With replicas, every replica's timer fires but only the leader lists (PostureSource.discover).

export interface DirectoryRefreshOptions {
  discover: () => Promise<void>;
  everyMs: number;
  log: Logger;
}

export function startDirectoryRefresh(o: DirectoryRefreshOptions): { stop(): void } {
  const run = () =>
    o.discover().catch((e: unknown) => o.log.warn({ err: e }, 'scheduled resource directory listing failed; keeping the accounts already known'));
  void run();
  const timer = setInterval(() => void run(), o.everyMs).unref();
  return { stop: () => clearInterval(timer) };
}
