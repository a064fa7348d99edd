import { VpcApiError } from "./VpcApiError";

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

const RAISE = "the deadline (option deadlineMs or config alicloud-vpn:deadlineSeconds)";

/** Why time ran out decides what to do: a slow gateway is not a throttled account nor a network that drops. */
function deadlineAdvice(init: DeadlineExceededInit): string {
  const last = init.lastError instanceof VpcApiError ? init.lastError : undefined;
  if (init.waitingFor) {
    return (
      "Check the gateway in the VPC console (a change made there or by another program may be running, or the " +
      `gateway may be stuck); raise ${RAISE} if it is just slow.`
    );
  }
  if (last?.code.includes("Throttling")) {
    return `The API kept throttling the calls (the account's rate limit): lower the engine's --parallel, or raise ${RAISE}.`;
  }
  if (last && last.httpStatus === undefined) {
    const { endpoint, endpointSource } = last.context;
    const where = endpoint ? ` ${endpoint}${endpointSource ? ` (from ${endpointSource})` : ""}` : "";
    return (
      `The endpoint${where} kept failing to answer: check the network path to it (HTTPS_PROXY / NO_PROXY, ` +
      `a firewall); raise ${RAISE} only if the network is just slow.`
    );
  }
  if (last?.kind === "retryable") return `The API kept failing on its side (${last.code}): try again later.`;
  return `Raise ${RAISE} if the gateway is slow.`;
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
        `(${init.attempts} attempts, ${init.totalRetryDelayMs} ms of retry waits). ${deadlineAdvice(init)}${last}`,
      init.lastError ? { cause: init.lastError } : undefined,
    );
    this.action = init.action;
    this.deadlineMs = init.deadlineMs;
    this.attempts = init.attempts;
    this.totalRetryDelayMs = init.totalRetryDelayMs;
    this.lastError = init.lastError;
  }
}
