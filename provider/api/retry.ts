/**
 * Retries of one call, in three layers (as smithy-typescript's retry): a pure classifier (what an error
 * means), a policy (how long to wait: capped exponential backoff with full jitter) and the loop that runs
 * the attempts against one deadline and records them on the result and on the final error. Waits of another
 * shape (a gateway becoming active) are poll.ts's.
 */
import {
  ACCESS_KEY_NOT_FOUND,
  BUSY_CODES,
  GATEWAY_NOT_FOUND_CODES,
  HTTP_SERVER_ERROR_MIN,
  NOT_FOUND_SUFFIX,
  RETRYABLE_CODE_PARTS,
  RETRYABLE_NETWORK_CODES,
  ROUTE_NOT_FOUND_CODE,
  isThrottlingCode,
  unreachableReason,
  type ErrorKind,
} from "./codes";
import { DeadlineExceededError, VpcApiError } from "./errors";

// ---- classify ----

export interface ErrorFacts {
  code: string;
  /** Absent when no HTTP response came back (network failure, timeout). */
  httpStatus?: number;
}

/** Pure: what an API or transport error means for the caller. No I/O, no state. */
export function classifyError({ code, httpStatus }: ErrorFacts): ErrorKind {
  if (httpStatus === undefined) {
    if (unreachableReason(code)) return "unreachable";
    return RETRYABLE_NETWORK_CODES.includes(code) ? "retryable" : "final";
  }
  if (BUSY_CODES.includes(code)) return "busy";
  if (RETRYABLE_CODE_PARTS.some((part) => code.includes(part))) return "retryable";
  if (GATEWAY_NOT_FOUND_CODES.includes(code) || code === ROUTE_NOT_FOUND_CODE) return "notFound";
  if (code.endsWith(NOT_FOUND_SUFFIX) && code !== ACCESS_KEY_NOT_FOUND) return "notFound";
  if (httpStatus >= HTTP_SERVER_ERROR_MIN) return "retryable";
  return "final";
}

/**
 * True when the API answered that it did not take the call: throttled, or refused by a busy gateway. Any
 * other failure (no answer, a server error) may have come after the call was taken.
 */
export function wasRefused(err: VpcApiError): boolean {
  return err.kind === "busy" || isThrottlingCode(err.code);
}

/**
 * Kinds the retry loop tries again. Busy is among them: another process may be writing to the gateway.
 * Unreachable only briefly (the loop bounds it): a wrong endpoint does not heal by waiting.
 */
function isRetryableKind(kind: ErrorKind): boolean {
  return kind === "retryable" || kind === "busy" || kind === "unreachable";
}

// ---- policy ----

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

const DEFAULT_BASE_DELAY_MS = 200;
const DEFAULT_SLOW_BASE_DELAY_MS = 1_000;
const DEFAULT_MAX_DELAY_MS = 20_000;

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
    const base = kind === "busy" || isThrottlingCode(code) ? this.slowBase : this.base;
    return Math.min(this.cap, base * 2 ** Math.max(0, retry - 1));
  }

  /** Delay before retry number `retry` (1 = the first retry). An API `retryAfterMs` wins when given. */
  delayMs(retry: number, kind: ErrorKind, code = "", retryAfterMs?: number): number {
    if (retryAfterMs !== undefined) return retryAfterMs;
    return Math.floor(this.random() * this.ceiling(retry, kind, code));
  }
}

// ---- loop ----

/** How long connect failures in a row are retried before they are final. */
const UNREACHABLE_RETRY_MS = 15_000;

/** What the loop reports on success; the same numbers land on the final error otherwise. */
export interface RetryMetadata {
  attempts: number;
  totalRetryDelayMs: number;
}

/** The wall-clock bound of one logical operation, shared by its retries, pages and waits. */
export interface Deadline {
  /** Epoch ms after which no attempt starts and no wait begins. */
  at: number;
  /** The budget it was created with, for messages. */
  budgetMs: number;
}

/** Reported before each wait of the retry loop; carries no secret (the error message never holds one). */
export interface RetryEvent {
  /** The API action, e.g. `CreateVpnRouteEntry`. */
  action: string;
  /** The attempt that failed (1-based). */
  attempt: number;
  /** The wait before the next attempt, in ms. */
  delayMs: number;
  /** What the failed attempt met. */
  error: VpcApiError;
}

export interface RetryLoopOptions {
  action: string;
  deadline: Deadline;
  policy: BackoffPolicy;
  now: () => number;
  /** Waits before the next attempt; `after` is the error that attempt follows. */
  sleep: (ms: number, after: VpcApiError) => Promise<void>;
  /** Upper bound on attempts besides the deadline. @default Infinity */
  maxAttempts?: number;
  /** Connect failures in a row are final once retrying them would pass this. @default 15000 */
  unreachableRetryMs?: number;
  /** Since when earlier calls have found the endpoint unreachable, if they still do: the run counts from then. */
  unreachableSince?: () => number | undefined;
  /** Told before each wait. @default none */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or the deadline leaves no room for the
 * next wait. `attempt` receives its number and the time left, and must sign afresh each time. Errors that
 * are not VpcApiError are bugs: they propagate at once, never retried.
 */
export async function runWithRetries<T>(
  attempt: (attemptNumber: number, remainingMs: number) => Promise<T>,
  options: RetryLoopOptions,
): Promise<{ value: T; metadata: RetryMetadata }> {
  const maxAttempts = options.maxAttempts ?? Infinity;
  const unreachableRetryMs = options.unreachableRetryMs ?? UNREACHABLE_RETRY_MS;
  let totalRetryDelayMs = 0;
  let lastError: VpcApiError | undefined;
  /** When the current run of connect failures began. */
  let unreachableSince: number | undefined;
  for (let attempts = 1; ; attempts++) {
    const remainingMs = options.deadline.at - options.now();
    if (remainingMs <= 0) throw deadlineError(options, attempts - 1, totalRetryDelayMs, lastError);
    try {
      const value = await attempt(attempts, remainingMs);
      return { value, metadata: { attempts, totalRetryDelayMs } };
    } catch (err) {
      if (!(err instanceof VpcApiError)) throw err;
      if (!isRetryableKind(err.kind) || attempts >= maxAttempts) {
        throw err.recordAttempts(attempts, totalRetryDelayMs);
      }
      lastError = err.recordAttempts(attempts, totalRetryDelayMs);
      const delay = options.policy.delayMs(attempts, err.kind, err.code, err.retryAfterMs);
      // An endpoint that cannot be reached is wrong, or the way to it is: say so soon, whatever the deadline.
      unreachableSince =
        err.kind === "unreachable"
          ? (unreachableSince ?? options.unreachableSince?.() ?? options.now())
          : undefined;
      if (
        unreachableSince !== undefined &&
        (options.now() + delay - unreachableSince > unreachableRetryMs ||
          options.now() + delay >= options.deadline.at)
      ) {
        throw err;
      }
      if (options.now() + delay >= options.deadline.at) {
        throw deadlineError(options, attempts, totalRetryDelayMs, lastError);
      }
      options.onRetry?.({ action: options.action, attempt: attempts, delayMs: delay, error: err });
      await options.sleep(delay, err);
      totalRetryDelayMs += delay;
    }
  }
}

function deadlineError(
  options: RetryLoopOptions,
  attempts: number,
  totalRetryDelayMs: number,
  lastError: VpcApiError | undefined,
): DeadlineExceededError {
  return new DeadlineExceededError({
    action: options.action,
    deadlineMs: options.deadline.budgetMs,
    attempts,
    totalRetryDelayMs,
    lastError,
  });
}
