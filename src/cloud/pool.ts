// Bounded concurrency across regions and resources: one global limit plus one per service.
// The per-service limit is AIMD: halve it when the service throttles us, add one back after a
// run of clean successes, so a throttled service is asked less often until it recovers.
// List calls go ahead of per-resource calls in the global queue: a list is what finds the
// resources the slow per-resource work is about (DescribeSecurityGroups before 1,000 rule reads),
// so when a dozen services queue thousands of detail calls at once (500 users x 6, 200 buckets x
// 7 ...), one service's lists must not wait behind the others' details (bench/collect.ts: the first
// rule read moved from +1.5 s to +0.8 s into the scan on the large account).

/** 'list' = enumerates resources (waits first); 'detail' = reads one resource already found. */
export type CallPriority = 'list' | 'detail';

export interface PoolLimits {
  /** Calls in flight across all services. */
  global: number;
  /** Calls in flight per service (the AIMD ceiling). */
  perService: number;
  /** Clean successes in a row before a throttled service gets one more slot. */
  successesToGrow: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { global: 16, perService: 8, successesToGrow: 5 };

/** A counting semaphore whose limit can move while tasks wait. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  private readonly urgent: Array<() => void> = [];

  constructor(private limitValue: number) {}

  get limit(): number {
    return this.limitValue;
  }

  get inFlight(): number {
    return this.active;
  }

  setLimit(n: number): void {
    this.limitValue = Math.max(1, n);
    this.drain();
  }

  /** Urgent waiters are served before the others, each queue in arrival order. */
  acquire(urgent = false): Promise<void> {
    if (this.active < this.limitValue) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => (urgent ? this.urgent : this.waiters).push(resolve));
  }

  release(): void {
    this.active--;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.limitValue && this.urgent.length + this.waiters.length > 0) {
      this.active++;
      (this.urgent.shift() ?? this.waiters.shift())!();
    }
  }
}

/** Additive-increase / multiplicative-decrease controller for one service's concurrency. */
export class Aimd {
  private streak = 0;
  private value: number;

  constructor(
    private readonly max: number,
    private readonly successesToGrow: number,
  ) {
    this.value = max;
  }

  get current(): number {
    return this.value;
  }

  onThrottle(): number {
    this.streak = 0;
    this.value = Math.max(1, Math.floor(this.value / 2));
    return this.value;
  }

  onSuccess(): number {
    if (this.value >= this.max) return this.value;
    this.streak++;
    if (this.streak >= this.successesToGrow) {
      this.streak = 0;
      this.value++;
    }
    return this.value;
  }
}

export class Pool {
  private readonly global: Semaphore;
  private readonly services = new Map<string, { sem: Semaphore; aimd: Aimd }>();

  constructor(private readonly limits: PoolLimits = DEFAULT_POOL_LIMITS) {
    this.global = new Semaphore(Math.max(1, limits.global));
  }

  private lane(service: string): { sem: Semaphore; aimd: Aimd } {
    let lane = this.services.get(service);
    if (!lane) {
      const max = Math.max(1, this.limits.perService);
      lane = { sem: new Semaphore(max), aimd: new Aimd(max, Math.max(1, this.limits.successesToGrow)) };
      this.services.set(service, lane);
    }
    return lane;
  }

  /** Current concurrency ceiling for a service (for tests and logs). */
  limitOf(service: string): number {
    return this.lane(service).sem.limit;
  }

  /** Run fn holding one service slot and one global slot (taken in that order, so no deadlock). */
  async run<T>(service: string, fn: () => Promise<T>, priority: CallPriority = 'detail'): Promise<T> {
    const lane = this.lane(service);
    // Only the global queue is reordered: inside one service, calls keep their order, so a
    // service's own follow-up batches cannot push its per-resource reads back.
    await lane.sem.acquire();
    try {
      await this.global.acquire(priority === 'list');
      try {
        return await fn();
      } finally {
        this.global.release();
      }
    } finally {
      lane.sem.release();
    }
  }

  throttled(service: string): void {
    const lane = this.lane(service);
    lane.sem.setLimit(lane.aimd.onThrottle());
  }

  succeeded(service: string): void {
    const lane = this.lane(service);
    const next = lane.aimd.onSuccess();
    if (next !== lane.sem.limit) lane.sem.setLimit(next);
  }
}
