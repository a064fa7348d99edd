/** API error codes the client treats specially (see the VPC API reference and terraform-provider-alicloud's errors.go). */

/** The gateway (or a related task) is applying another change; retrying later succeeds. */
export const BUSY_CODES: readonly string[] = [
  "VpnGateway.Configuring",
  "TaskConflict",
  "Appliance.Configuring",
  "VpnTask.CONFLICT",
  "VpnConnection.Configuring",
  "VpnRouteEntry.Configuring",
];

/** Substrings of codes that mark flow control or a transient server fault. */
export const RETRYABLE_CODE_PARTS: readonly string[] = [
  "Throttling",
  "ServiceUnavailable",
  "InternalError",
  "LastTokenProcessing",
];

export const NOT_FOUND_CODES: readonly string[] = [
  "InvalidVpnGatewayInstanceId.NotFound",
  "InvalidRouteEntry.NotFound",
  "InvalidVpnInstanceId.NotFound",
];
export const NOT_FOUND_SUFFIX = ".NotFound";
/** Ends in `.NotFound` but means a bad access key, not a missing resource. */
export const ACCESS_KEY_NOT_FOUND = "InvalidAccessKeyId.NotFound";

/** Transport failures (no API answer) worth another attempt. */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "RequestTimeout",
  "SocketHangUp",
  "ResponseAborted",
];

/** Codes this client gives to failures that are not API answers. */
export const CLIENT_CODES = {
  timeout: "RequestTimeout",
  socketHangUp: "SocketHangUp",
  responseAborted: "ResponseAborted",
  invalidResponse: "InvalidResponse",
  unknownApiError: "UnknownError",
} as const;

export const HTTP_SERVER_ERROR_MIN = 500;
