/** Rate limits as the real API keys them: one bucket per parent account, region and action. */
import type { RateLimitOptions } from "../options";
import { DOCUMENTED_RATE_LIMITS, RATE_LIMIT_PERIOD_MS } from "./documented";
import { TokenBucket } from "./tokenBucket";

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private options: RateLimitOptions | false = {};

  constructor(options: RateLimitOptions | false | undefined) {
    this.set(options);
  }

  /** Replaces the limits; every bucket starts full again. */
  set(options: RateLimitOptions | false | undefined): void {
    this.options = options === false ? false : { ...(options ?? {}) };
    this.buckets.clear();
  }

  /** Calls allowed per 60 s for an action, or undefined when it is not limited. */
  limitOf(action: string): number | undefined {
    if (this.options === false) return undefined;
    const own = this.options.perMinute?.[action];
    const documented = DOCUMENTED_RATE_LIMITS[action]?.perPeriod;
    const base = own ?? documented;
    if (base === undefined) return undefined;
    return Math.max(1, Math.round(base * (own === undefined ? (this.options.scale ?? 1) : 1)));
  }

  /** Spends one call of the caller's budget; undefined when allowed, else the milliseconds until it would be. */
  admit(accountId: string, regionId: string, action: string, now: number): number | undefined {
    const limit = this.limitOf(action);
    if (limit === undefined) return undefined;
    const key = `${accountId}\n${regionId}\n${action}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limit, RATE_LIMIT_PERIOD_MS, now);
      this.buckets.set(key, bucket);
    }
    const taken = bucket.take(now);
    return taken.ok ? undefined : taken.waitMs;
  }
}
