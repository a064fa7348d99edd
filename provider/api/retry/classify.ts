import {
  ACCESS_KEY_NOT_FOUND,
  BUSY_CODES,
  HTTP_SERVER_ERROR_MIN,
  NOT_FOUND_CODES,
  NOT_FOUND_SUFFIX,
  RETRYABLE_CODE_PARTS,
  RETRYABLE_NETWORK_CODES,
} from "../errors/codes";
import type { ErrorKind } from "../errors/VpcApiError";

export interface ErrorFacts {
  code: string;
  /** Absent when no HTTP response came back (network failure, timeout). */
  httpStatus?: number;
}

/** Pure: what an API or transport error means for the caller. No I/O, no state. */
export function classifyError({ code, httpStatus }: ErrorFacts): ErrorKind {
  if (httpStatus === undefined) return RETRYABLE_NETWORK_CODES.includes(code) ? "retryable" : "final";
  if (BUSY_CODES.includes(code)) return "busy";
  if (RETRYABLE_CODE_PARTS.some((part) => code.includes(part))) return "retryable";
  if (NOT_FOUND_CODES.includes(code)) return "notFound";
  if (code.endsWith(NOT_FOUND_SUFFIX) && code !== ACCESS_KEY_NOT_FOUND) return "notFound";
  if (httpStatus >= HTTP_SERVER_ERROR_MIN) return "retryable";
  return "final";
}

/** Kinds the retry loop tries again. Busy is among them: another process may be writing to the gateway. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === "retryable" || kind === "busy";
}
