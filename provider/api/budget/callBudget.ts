/**
 * One budget of API calls per key (account, region, action) inside this process, so that calls wait their
 * turn here instead of being throttled by the API. A token bucket with reservations: each call takes a
 * token at once, possibly going into debt, and sleeps until its token would have been there, so waiters
 * are served in order without waking each other. Handwritten rather than npm's `limiter`, whose waits use
 * its own setTimeout and Date.now: this client's clock and sleep are injectable (tests pin them).
 */
export interface BudgetClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

interface Bucket {
  capacity: number;
  /** Tokens per millisecond. */
  refill: number;
  tokens: number;
  at: number;
}

/**
 * Kept below the API's own bucket: the two start full at slightly different moments and count at send and
 * at arrival, so a budget equal to the API's could meet a throttle at the edge.
 */
export function headroom(perPeriod: number): number {
  return Math.max(1, Math.ceil(perPeriod * 0.02));
}

export class CallBudget {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: BudgetClock) {}

  /** Waits until the key's budget allows one more call (`perPeriod` calls per `periodMs`); returns the wait. */
  async take(key: string, perPeriod: number, periodMs: number): Promise<number> {
    const bucket = this.bucket(key, perPeriod, periodMs);
    bucket.tokens -= 1;
    if (bucket.tokens >= 0) return 0;
    const waitMs = Math.ceil(-bucket.tokens / bucket.refill);
    await this.clock.sleep(waitMs);
    return waitMs;
  }

  /**
   * The API throttled a call of this key anyway (another process of the account, a lower limit than
   * documented): nothing more goes out for it until `retryAfterMs` has passed and the queue has drained.
   */
  throttled(key: string, retryAfterMs: number): void {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    this.refillNow(bucket);
    bucket.tokens = Math.min(bucket.tokens, 0) - retryAfterMs * bucket.refill;
  }

  private bucket(key: string, perPeriod: number, periodMs: number): Bucket {
    let bucket = this.buckets.get(key);
    const capacity = Math.max(1, perPeriod - headroom(perPeriod));
    if (!bucket || bucket.capacity !== capacity) {
      bucket = { capacity, refill: perPeriod / periodMs, tokens: capacity, at: this.clock.now() };
      this.buckets.set(key, bucket);
    }
    this.refillNow(bucket);
    return bucket;
  }

  private refillNow(bucket: Bucket): void {
    const now = this.clock.now();
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + Math.max(0, now - bucket.at) * bucket.refill);
    bucket.at = now;
  }
}
