import type { ErrorKind } from "../errors/VpcApiError";

export interface BackoffPolicyOptions {
  /** First delay ceiling for transient (network, 5xx) errors. @default 200 */
  baseDelayMs?: number;
  /** First delay ceiling for busy gateways and throttling, which take longer to clear. @default 1000 */
  slowBaseDelayMs?: number;
  /** No delay exceeds this. @default 20000 */
  maxDelayMs?: number;
  /** Uniform in [0, 1). @default Math.random */
  random?: () => number;
}

export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_SLOW_BASE_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 20_000;

/**
 * Capped exponential backoff with full jitter: the delay before retry `n` (1-based) is uniform in
 * [0, min(cap, base * 2^(n-1))). Full jitter spreads concurrent writers that hit one busy gateway.
 */
export class BackoffPolicy {
  private readonly base: number;
  private readonly slowBase: number;
  private readonly cap: number;
  private readonly random: () => number;

  constructor(options: BackoffPolicyOptions = {}) {
    this.base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.slowBase = options.slowBaseDelayMs ?? DEFAULT_SLOW_BASE_DELAY_MS;
    this.cap = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    this.random = options.random ?? Math.random;
  }

  /** The ceiling before jitter, for tests and for logs. */
  ceiling(retry: number, kind: ErrorKind, code = ""): number {
    const base = kind === "busy" || code.includes("Throttling") ? this.slowBase : this.base;
    return Math.min(this.cap, base * 2 ** Math.max(0, retry - 1));
  }

  /** Delay before retry number `retry` (1 = the first retry). An API `retryAfterMs` wins when given. */
  delayMs(retry: number, kind: ErrorKind, code = "", retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return retryAfterMs;
    return Math.floor(this.random() * this.ceiling(retry, kind, code));
  }
}
