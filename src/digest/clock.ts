// Time for the scheduler and the delivery retries, passed in so tests drive it by hand.

export interface Clock {
  now(): Date;
  /** Call `fn` after `ms`; the handle goes to clearTimer. */
  setTimer(ms: number, fn: () => void): unknown;
  clearTimer(handle: unknown): void;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    // Timers never keep the process alive on their own: the chat adapters do.
    return setTimeout(fn, ms).unref();
  },
  clearTimer(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
