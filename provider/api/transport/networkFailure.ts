import { isAxiosError } from "axios";
import { CLIENT_CODES } from "../codes";

/** A failure with no API answer, reduced to what is safe to keep: no request config, no headers. */
export interface NetworkFailure {
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
