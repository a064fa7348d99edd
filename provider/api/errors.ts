/**
 * Every error the client throws, each a small class with a literal `name`, its context as fields and `cause`
 * kept, all under one base class, {@link AlicloudVpnError}, which the provider's own errors extend too. What
 * an API code means and the advice a message ends with live in codes.ts.
 */
import { adviceFor, isThrottlingCode, type ErrorContext, type ErrorKind } from "./codes";

export type { ErrorKind } from "./codes";

/**
 * The base of every error this product throws on purpose, so `instanceof AlicloudVpnError` tells them from
 * bugs and from other libraries' errors. Each subclass names itself with a literal `name`.
 */
export class AlicloudVpnError extends Error {
  /** The class's name, a literal in each subclass. */
  override readonly name: string = "AlicloudVpnError";
}

// ---- the API's answers ----

/** What a {@link VpcApiError} is made of. */
export interface VpcApiErrorInit {
  /** The API action, e.g. `CreateVpnRouteEntry`. */
  action: string;
  /** The API's error code, e.g. `VpnGateway.Configuring`, or a transport error's. */
  code: string;
  /** The API's own message, or a transport error's. */
  apiMessage: string;
  /** How the client treats it. */
  kind: ErrorKind;
  /** The API's RequestId. @default none (no answer) */
  requestId?: string;
  /** The answer's HTTP status. @default none (no answer) */
  httpStatus?: number;
  /** The API's `Recommend` link. @default none */
  recommend?: string;
  /** Seconds from `x-acs-retry-after`, converted to ms. */
  retryAfterMs?: number;
  /** What the call was about and where it went, for the advice. @default {} */
  context?: ErrorContext;
  /** The underlying error (a network failure). @default none */
  cause?: unknown;
}

/** One error type for everything the VPC API (or the way to it) answered with. */
export class VpcApiError extends AlicloudVpnError {
  /** Always `VpcApiError`. */
  override readonly name = "VpcApiError" as const;
  /** The API action, e.g. `CreateVpnRouteEntry`. */
  readonly action: string;
  /** The API's error code, e.g. `VpnGateway.Configuring`, or a transport error's. */
  readonly code: string;
  /** The API's own message, or a transport error's. */
  readonly apiMessage: string;
  /** How the client treats it: `retryable`, `busy`, `notFound`, `unreachable` or `final`. */
  readonly kind: ErrorKind;
  /** The API's RequestId, for Alibaba Cloud support. */
  readonly requestId?: string;
  /** The answer's HTTP status; undefined when no answer came. */
  readonly httpStatus?: number;
  /** The API's `Recommend` link. */
  readonly recommend?: string;
  /** The wait `x-acs-retry-after` asked for, in ms. */
  readonly retryAfterMs?: number;
  /** What the call was about and where it went. */
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

/** The API said the resource (gateway, route) does not exist. */
export function isNotFound(err: unknown): err is VpcApiError {
  return err instanceof VpcApiError && err.kind === "notFound";
}

/** The gateway was busy with another change, also when the deadline ran out while it stayed busy. */
export function isBusy(err: unknown): boolean {
  if (err instanceof VpcApiError) return err.kind === "busy";
  if (err instanceof DeadlineExceededError) return isBusy(err.lastError);
  return false;
}

// ---- time and cancellation ----

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
  if (last && isThrottlingCode(last.code)) {
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
export class DeadlineExceededError extends AlicloudVpnError {
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

/** The caller cancelled the operation (the engine's Cancel after a Ctrl-C or SIGTERM): its waits and retries stopped. */
export class OperationCancelledError extends AlicloudVpnError {
  override readonly name = "OperationCancelledError" as const;
  readonly action: string;

  constructor(action: string) {
    super(`VPC API ${action} was cancelled (Ctrl-C or SIGTERM): it stopped waiting and retrying.`);
    this.action = action;
  }
}

/** True for a cancellation, also one that reached the caller as the reason of an aborted signal. */
export function isCancelled(err: unknown): err is OperationCancelledError {
  return err instanceof OperationCancelledError;
}

// ---- configuration, credentials, endpoint ----

/** A configuration value that is present but unusable (malformed JSON or URL, unreadable file). */
export class ConfigurationError extends AlicloudVpnError {
  override readonly name = "ConfigurationError" as const;
  readonly source: string;

  /**
   * `problem` must never quote the value itself: it may hold a secret. `message` replaces the usual
   * "Invalid configuration in <source>: <problem>" for a setting whose message names its own fix.
   */
  constructor(source: string, problem: string, message = `Invalid configuration in ${source}: ${problem}`) {
    super(message);
    this.source = source;
  }
}

/** No source held usable credentials. `searched` lists every place looked at and what was found there. */
export class CredentialsNotFoundError extends AlicloudVpnError {
  override readonly name = "CredentialsNotFoundError" as const;
  readonly searched: readonly string[];

  constructor(searched: readonly string[]) {
    super(
      "No Alibaba Cloud credentials found. Looked in, in order:\n" +
        searched.map((line, i) => `  ${i + 1}. ${line}`).join("\n") +
        "\nSet one of them (for example `pulumi config set alicloud:accessKey ...` and " +
        "`pulumi config set --secret alicloud:secretKey ...`), or sign in without keys: " +
        "alicloud:assumeRoleWithOidc (CI with OIDC), alicloud:ecsRoleName (an ECS instance's RAM role) or " +
        "alicloud:credentialsUri; alicloud:assumeRole then reaches another account.",
    );
    this.searched = searched;
  }
}

/**
 * Temporary credentials could not be fetched (STS, OIDC, the ECS metadata service, a credentials URI).
 * The message names the source, the role and its account, and what to change; it never quotes a secret,
 * a token, or a request URL (the SDK puts the caller's STS token in it).
 */
export class CredentialFetchError extends AlicloudVpnError {
  override readonly name = "CredentialFetchError" as const;
  /** STS's error code, when STS answered. */
  readonly code?: string;
  readonly roleArn?: string;

  constructor(message: string, details: { code?: string; roleArn?: string } = {}) {
    super(message);
    this.code = details.code;
    this.roleArn = details.roleArn;
  }
}

/** A plain-http endpoint on a host that is not loopback: credentials and signatures would cross the network in clear. */
export class InsecureEndpointError extends AlicloudVpnError {
  override readonly name = "InsecureEndpointError" as const;
  readonly endpoint: string;

  constructor(endpoint: string, source: string) {
    super(
      `Refusing plain http to ${endpoint} (from ${source}): only loopback hosts (127.0.0.0/8, localhost, ::1) ` +
        "may be reached without TLS. Use https, or set allowInsecureHttp: true if you really mean it.",
    );
    this.endpoint = endpoint;
  }
}

/** No region was named by the call, the client, the config, the environment or the CLI profile. */
export class RegionNotFoundError extends AlicloudVpnError {
  override readonly name = "RegionNotFoundError" as const;
  readonly searched: readonly string[];

  constructor(action: string, searched: readonly string[]) {
    super(
      `No region for VPC API ${action}. Looked in, in order: ${searched.join("; ")}. ` +
        "Set one, for example `pulumi config set alicloud:region cn-hangzhou`.",
    );
    this.searched = searched;
  }
}
