import { UNREACHABLE_RETRY_MS } from "../errors/codes";
import { DeadlineExceededError } from "../errors/DeadlineExceededError";
import { VpcApiError } from "../errors/VpcApiError";
import { isRetryableKind } from "./classify";
import type { BackoffPolicy } from "./policy";

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

export interface RetryLoopOptions {
  action: string;
  deadline: Deadline;
  policy: BackoffPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Upper bound on attempts besides the deadline. @default Infinity */
  maxAttempts?: number;
  /** Connect failures in a row are final once retrying them would pass this. @default 15000 */
  unreachableRetryMs?: number;
  /** Told before each wait. @default none */
  onRetry?: (event: { action: string; attempt: number; delayMs: number; error: VpcApiError }) => void;
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
      unreachableSince = err.kind === "unreachable" ? (unreachableSince ?? options.now()) : undefined;
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
      await options.sleep(delay);
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
