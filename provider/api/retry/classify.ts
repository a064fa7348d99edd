import {
  ACCESS_KEY_NOT_FOUND,
  BUSY_CODES,
  CONNECT_FAILURE_CODES,
  HTTP_SERVER_ERROR_MIN,
  NOT_FOUND_CODES,
  NOT_FOUND_SUFFIX,
  RETRYABLE_CODE_PARTS,
  RETRYABLE_NETWORK_CODES,
  TLS_FAILURE_CODE,
} from "../errors/codes";
import type { ErrorKind } from "../errors/VpcApiError";

export interface ErrorFacts {
  code: string;
  /** Absent when no HTTP response came back (network failure, timeout). */
  httpStatus?: number;
}

/** Which transport failure keeps the endpoint out of reach; undefined for the rest. */
export function unreachableReason(code: string): "refused" | "dns" | "noRoute" | "tls" | undefined {
  for (const [reason, codes] of Object.entries(CONNECT_FAILURE_CODES)) {
    if ((codes as readonly string[]).includes(code)) return reason as "refused" | "dns" | "noRoute";
  }
  return TLS_FAILURE_CODE.test(code) ? "tls" : undefined;
}

/** Pure: what an API or transport error means for the caller. No I/O, no state. */
export function classifyError({ code, httpStatus }: ErrorFacts): ErrorKind {
  if (httpStatus === undefined) {
    if (unreachableReason(code)) return "unreachable";
    return RETRYABLE_NETWORK_CODES.includes(code) ? "retryable" : "final";
  }
  if (BUSY_CODES.includes(code)) return "busy";
  if (RETRYABLE_CODE_PARTS.some((part) => code.includes(part))) return "retryable";
  if (NOT_FOUND_CODES.includes(code)) return "notFound";
  if (code.endsWith(NOT_FOUND_SUFFIX) && code !== ACCESS_KEY_NOT_FOUND) return "notFound";
  if (httpStatus >= HTTP_SERVER_ERROR_MIN) return "retryable";
  return "final";
}

/**
 * Kinds the retry loop tries again. Busy is among them: another process may be writing to the gateway.
 * Unreachable only briefly (the loop bounds it): a wrong endpoint does not heal by waiting.
 */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === "retryable" || kind === "busy" || kind === "unreachable";
}
