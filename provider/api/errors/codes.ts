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

/** Flow control: `Throttling`, `Throttling.User`, `Throttling.Api`. */
export const THROTTLING_CODE_PART = "Throttling";

/** Substrings of codes that mark flow control or a transient server fault. */
export const RETRYABLE_CODE_PARTS: readonly string[] = [
  THROTTLING_CODE_PART,
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
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "RequestTimeout",
  "SocketHangUp",
  "ResponseAborted",
];

/**
 * Transport failures that mean the endpoint cannot be reached at all: nothing accepts the connection, its host
 * name does not resolve, or no route leads there. Not a slow gateway: retried briefly (a restarting server, a
 * resolver hiccup), then final with advice about the endpoint.
 */
export const CONNECT_FAILURE_CODES = {
  refused: ["ECONNREFUSED"],
  dns: ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"],
  noRoute: ["EHOSTUNREACH", "ENETUNREACH"],
} as const;

/**
 * Node's codes for a failed TLS handshake: OpenSSL's certificate verdicts (CERT_HAS_EXPIRED,
 * DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ...), ERR_TLS_CERT_ALTNAME_INVALID, and EPROTO
 * (e.g. https spoken to a plain-http port: "wrong version number").
 */
export const TLS_FAILURE_CODE = /^(EPROTO|ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

/** How long connect failures in a row are retried before they are final. */
export const UNREACHABLE_RETRY_MS = 15_000;

/** Codes this client gives to failures that are not API answers. */
export const CLIENT_CODES = {
  timeout: "RequestTimeout",
  socketHangUp: "SocketHangUp",
  responseAborted: "ResponseAborted",
  invalidResponse: "InvalidResponse",
  unknownApiError: "UnknownError",
} as const;

export const HTTP_SERVER_ERROR_MIN = 500;
