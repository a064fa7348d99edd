import { adviceFor, type ErrorContext } from "./advice";

/**
 * How the client treats an error: `retryable` (throttling, server or network trouble), `busy` (the gateway
 * applies another change), `notFound` (the resource is gone), `unreachable` (the endpoint cannot be connected
 * to: refused, DNS, TLS) or `final` (retrying cannot help).
 */
export type ErrorKind = "retryable" | "busy" | "notFound" | "unreachable" | "final";

export interface VpcApiErrorInit {
  action: string;
  code: string;
  /** The API's own message, or a transport error's. */
  apiMessage: string;
  kind: ErrorKind;
  requestId?: string;
  httpStatus?: number;
  recommend?: string;
  /** Seconds from `x-acs-retry-after`, converted to ms. */
  retryAfterMs?: number;
  /** What the call was about and where it went, for the advice. @default {} */
  context?: ErrorContext;
  cause?: unknown;
}

/** One error type for everything the VPC API (or the way to it) answered with. */
export class VpcApiError extends Error {
  override readonly name = "VpcApiError" as const;
  readonly action: string;
  readonly code: string;
  readonly apiMessage: string;
  readonly kind: ErrorKind;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly recommend?: string;
  readonly retryAfterMs?: number;
  readonly context: ErrorContext;
  /** Attempts made by the logical operation that ended with this error. */
  attempts = 1;
  /** Total time slept between those attempts. */
  totalRetryDelayMs = 0;

  constructor(init: VpcApiErrorInit) {
    super("", init.cause === undefined ? undefined : { cause: init.cause });
    this.action = init.action;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.kind = init.kind;
    this.requestId = init.requestId;
    this.httpStatus = init.httpStatus;
    this.recommend = init.recommend;
    this.retryAfterMs = init.retryAfterMs;
    this.context = init.context ?? {};
    this.message = this.describe();
  }

  /** Called by the retry loop once the operation is over, so the message tells how hard it tried. */
  recordAttempts(attempts: number, totalRetryDelayMs: number): this {
    this.attempts = attempts;
    this.totalRetryDelayMs = totalRetryDelayMs;
    this.message = this.describe();
    return this;
  }

  private describe(): string {
    const where =
      this.httpStatus === undefined
        ? "no response"
        : `HTTP ${this.httpStatus}, RequestId ${this.requestId ?? "none"}`;
    const tries =
      this.attempts > 1
        ? ` after ${this.attempts} attempts (${this.totalRetryDelayMs} ms of retry waits)`
        : "";
    const text = this.apiMessage ? ` ${this.apiMessage.replace(/\.?\s*$/, ".")}` : "";
    const more = this.recommend ? ` See ${this.recommend}` : "";
    return (
      `VPC API ${this.action} failed${tries}: ${this.code} (${where}).${text} ` +
      `${adviceFor(this.code, this.action, this.kind, this.context)}${more}`
    );
  }
}
