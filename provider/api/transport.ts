/**
 * One HTTP attempt and its answer: the request goes out on axios (keep-alive, a hard per-attempt timeout, the
 * caller's cancellation), and comes back as the API's JSON object or the VpcApiError it stands for; a failure
 * with no answer becomes a network code the classifier knows, with nothing of the request kept on it.
 */
import http from "node:http";
import https from "node:https";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import axios, { isAxiosError, type AxiosInstance } from "axios";
import { CLIENT_CODES, type ErrorContext } from "./codes";
import { OperationCancelledError, VpcApiError } from "./errors";
import { classifyError } from "./retry";

// ---- the attempt ----

export interface WireRequest {
  /** Full URL, query string already encoded. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Loopback endpoints bypass any HTTP(S)_PROXY from the environment. */
  direct: boolean;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP attempt on axios: keep-alive agents, a hard per-attempt timeout, no retries (the retry loop
 * owns them), never throwing on status (the caller parses the API's JSON error body).
 */
export class HttpTransport {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });
  private readonly axios: AxiosInstance;

  constructor() {
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: "text",
      // Keep the raw text: the client parses JSON itself, errors included.
      transformResponse: [(data: unknown) => data],
      decompress: true,
    });
  }

  /** One attempt, ended early when `cancel` aborts (the caller tells that from a timeout by the signal). */
  async send(req: WireRequest, timeoutMs: number, cancel?: AbortSignal): Promise<WireResponse> {
    const controller = new AbortController();
    // axios' `timeout` is a socket idle timeout; the abort bounds the whole attempt, body included.
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onCancel = () => controller.abort();
    cancel?.addEventListener("abort", onCancel, { once: true });
    if (cancel?.aborted) controller.abort();
    try {
      const res = await this.axios.request<string>({
        method: "POST",
        url: req.url,
        headers: {
          // axios adds a form Content-Type to every POST unless told not to (false); an unsigned
          // Content-Type would be part of what the server signs, so send exactly what was signed.
          "content-type": false,
          ...req.headers,
          "user-agent": userAgent(),
          accept: "application/json",
        },
        // No body at all when empty: axios would otherwise add a Content-Type that was not signed.
        data: req.body === "" ? undefined : req.body,
        timeout: timeoutMs,
        signal: controller.signal,
        proxy: req.direct ? false : undefined,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers ?? {})) {
        if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
      }
      return {
        status: res.status,
        headers,
        body: typeof res.data === "string" ? res.data : String(res.data ?? ""),
      };
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener("abort", onCancel);
    }
  }

  /** Closes idle keep-alive sockets. */
  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

const PACKAGE_NAME = "alicloud-vpn-routes";

/**
 * `alicloud-vpn-routes/<version> Node.js/<v> (<platform>; <arch>)`. The version is read from the package's
 * own package.json, found by walking up from this file (it sits at a different depth in sources and in dist/).
 */
function userAgent(): string {
  return `${PACKAGE_NAME}/${packageVersion()} Node.js/${process.version} (${process.platform}; ${process.arch})`;
}

let cachedVersion: string | undefined;

export function packageVersion(): string {
  if (cachedVersion) return cachedVersion;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return (cachedVersion = pkg.version);
    }
    if (dirname(dir) === dir) return (cachedVersion = "unknown");
  }
}

// ---- the answer ----

const HTTP_OK_MIN = 200;
const HTTP_OK_MAX = 299;
const MS_PER_SECOND = 1000;
/** Response header (seconds) the newer SDKs honour on throttled calls. */
const HEADER_RETRY_AFTER = "x-acs-retry-after";

/** The API's error body: `{"RequestId","HostId","Code","Message","Recommend"}`. */
interface ApiErrorBody {
  RequestId?: string;
  Code?: string;
  Message?: string;
  Recommend?: string;
}

/** The JSON object of a 2xx answer, or the VpcApiError the answer stands for (with `context` for its advice). */
export function parseResponse(
  action: string,
  res: WireResponse,
  context: ErrorContext = {},
): Record<string, unknown> {
  const ok = res.status >= HTTP_OK_MIN && res.status <= HTTP_OK_MAX;
  const parsed = parseJsonObject(res.body);
  if (ok && parsed) return parsed;
  const body = (parsed ?? {}) as ApiErrorBody;
  const code = typeof body.Code === "string" && body.Code ? body.Code : CLIENT_CODES.invalidResponse;
  const apiMessage =
    typeof body.Message === "string"
      ? body.Message
      : ok
        ? "the response body is not a JSON object"
        : `HTTP ${res.status} without an API error body`;
  throw new VpcApiError({
    action,
    code,
    apiMessage,
    kind: classifyError({ code, httpStatus: res.status }),
    requestId: typeof body.RequestId === "string" ? body.RequestId : res.headers["x-acs-request-id"],
    httpStatus: res.status,
    recommend: typeof body.Recommend === "string" ? body.Recommend : undefined,
    retryAfterMs: retryAfterMs(res.headers[HEADER_RETRY_AFTER]),
    context,
  });
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `x-acs-retry-after` is in seconds (fractions allowed); anything else is ignored. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * MS_PER_SECOND) : undefined;
}

/** A failure with no API answer, reduced to what is safe to keep: no request config, no headers. */
interface NetworkFailure {
  code: string;
  message: string;
}

/**
 * Maps an axios error to a code the classifier knows. Returns undefined for anything that is not an
 * axios error: those are bugs and must propagate untouched (and never be retried).
 */
export function toNetworkFailure(err: unknown): NetworkFailure | undefined {
  if (!isAxiosError(err)) return undefined;
  const message = err.message || "request failed";
  // Our own per-attempt abort (ERR_CANCELED) and axios' socket timeout both mean "timed out".
  if (err.code === "ERR_CANCELED" || /timeout/i.test(message)) {
    return { code: CLIENT_CODES.timeout, message: "the attempt timed out" };
  }
  // axios reports a response cut off mid-body as ERR_BAD_RESPONSE "stream has been aborted".
  if (err.code === "ERR_BAD_RESPONSE" && /aborted/i.test(message)) {
    return {
      code: CLIENT_CODES.responseAborted,
      message: "the connection closed in the middle of the response",
    };
  }
  if (/socket hang up/i.test(message)) return { code: err.code ?? CLIENT_CODES.socketHangUp, message };
  return { code: err.code ?? "ERR_NETWORK", message };
}

// ---- cancellation ----

/** Throws the cancellation at once when `signal` is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, action: string): void {
  if (signal?.aborted) throw new OperationCancelledError(action);
}

/**
 * `work`, unless `signal` aborts first: then an OperationCancelledError (the work itself is not stopped; a
 * sleep simply ends unobserved). The injected sleeps of tests are plain promises, so the race lives here.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, action: string): Promise<T> {
  if (!signal) return work;
  throwIfCancelled(signal, action);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new OperationCancelledError(action));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
