import { HEADER_RETRY_AFTER } from "../constants";
import type { ErrorContext } from "../codes";
import { CLIENT_CODES } from "../codes";
import { VpcApiError } from "../errors";
import { classifyError } from "../retry";
import type { WireResponse } from "../transport/httpTransport";

const HTTP_OK_MIN = 200;
const HTTP_OK_MAX = 299;
const MS_PER_SECOND = 1000;

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
export function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * MS_PER_SECOND) : undefined;
}
