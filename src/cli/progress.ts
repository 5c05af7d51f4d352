import type { CliIo } from './io.js';

// A one-line progress indicator on stderr for scans longer than a second; silent when not a TTY.
export function progressReporter(io: CliIo & { errIsTTY?: boolean }, now: () => number = Date.now) {
  const started = now();
  const enabled = io.isTTY;
  let shown = false;
  return {
    update: (done: number, total: number) => {
      if (!enabled || now() - started < 1000) return;
      shown = true;
      io.err(`\rscanning… ${done}/${total} calls`);
    },
    done: () => {
      if (shown) io.err('\r\u001b[K');
    },
  };
}
