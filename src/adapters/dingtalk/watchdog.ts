// Stream connections to DingTalk are known to go quiet without closing. The gateway pings
// every few seconds, so a long silence means the socket is dead even if TCP has not noticed.

export interface Watchdog {
  /** Something arrived: a frame, a ping, a fresh connection. */
  touch(): void;
  start(): void;
  stop(): void;
}

export function createWatchdog(opts: { timeoutMs: number; onSilent: (silentMs: number) => void; now?: () => number }): Watchdog {
  const now = opts.now ?? Date.now;
  let last = now();
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const silent = now() - last;
    if (silent < opts.timeoutMs) return;
    // Restart the count so a reconnect in progress gets a full window before the next nudge.
    last = now();
    opts.onSilent(silent);
  };
  return {
    touch() {
      last = now();
    },
    start() {
      if (timer) return;
      last = now();
      timer = setInterval(check, Math.max(20, Math.min(opts.timeoutMs / 4, 5000)));
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
