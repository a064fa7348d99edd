export interface DeadlineExceededInit {
  action: string;
  deadlineMs: number;
  attempts: number;
  totalRetryDelayMs: number;
  /** The last error seen before time ran out (also kept as `cause`). */
  lastError?: Error;
  /** What was being waited for, when it was not a plain retry (e.g. a gateway becoming active). */
  waitingFor?: string;
}

/** One logical operation (its retries and waits included) ran past its deadline. */
export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceededError" as const;
  readonly action: string;
  readonly deadlineMs: number;
  readonly attempts: number;
  readonly totalRetryDelayMs: number;
  readonly lastError?: Error;

  constructor(init: DeadlineExceededInit) {
    const what = init.waitingFor ? ` waiting for ${init.waitingFor}` : "";
    const last = init.lastError ? ` Last error: ${init.lastError.message}` : "";
    super(
      `VPC API ${init.action} did not complete within its deadline of ${init.deadlineMs} ms${what} ` +
        `(${init.attempts} attempts, ${init.totalRetryDelayMs} ms of retry waits). ` +
        `Raise the deadline (option deadlineMs or config alicloud-vpn:deadlineSeconds) if the gateway is slow.${last}`,
      init.lastError ? { cause: init.lastError } : undefined,
    );
    this.action = init.action;
    this.deadlineMs = init.deadlineMs;
    this.attempts = init.attempts;
    this.totalRetryDelayMs = init.totalRetryDelayMs;
    this.lastError = init.lastError;
  }
}
