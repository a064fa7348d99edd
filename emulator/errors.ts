import { HEADER } from "./constants";

/**
 * One exception type for every refusal, carrying the API's code, message and HTTP status; the server turns
 * it into the wire format `{RequestId, HostId, Code, Message, Recommend}`. Undocumented codes are the
 * emulator's choices, listed in CHOICES.md.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra response headers, e.g. `x-acs-retry-after` on throttling. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const missingParameter = (name: string): ApiError =>
  new ApiError(
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    400,
  );

export const invalidParameter = (name: string, why: string): ApiError =>
  new ApiError("InvalidParameter", `The specified parameter "${name}" is not valid: ${why}`, 400);

export const invalidAction = (action: string): ApiError =>
  new ApiError(
    "InvalidAction.NotFound",
    `Specified api "${action}" is not found, please check your url and method.`,
    404,
  );

export const invalidVersion = (version: string): ApiError =>
  new ApiError("InvalidVersion", `Specified parameter Version "${version}" is not valid.`, 400);

export const signatureDoesNotMatch = (why: string): ApiError =>
  new ApiError(
    "SignatureDoesNotMatch",
    `Specified signature is not matched with our calculation. ${why}`,
    400,
  );

export const incompleteSignature = (why: string): ApiError =>
  new ApiError(
    "IncompleteSignature",
    `The request signature does not conform to Aliyun standards. ${why}`,
    400,
  );

export const accessKeyNotFound = (): ApiError =>
  new ApiError("InvalidAccessKeyId.NotFound", "Specified access key is not found.", 404);

export const timestampExpired = (timestamp: string): ApiError =>
  new ApiError(
    "InvalidTimeStamp.Expired",
    `Specified time stamp or date value "${timestamp}" is expired.`,
    400,
  );

export const timestampFormat = (timestamp: string): ApiError =>
  new ApiError(
    "InvalidTimeStamp.Format",
    `Specified time stamp or date value "${timestamp}" is not well formatted.`,
    400,
  );

export const nonceUsed = (): ApiError =>
  new ApiError("SignatureNonceUsed", "Specified signature nonce was used already.", 400);

export const missingSecurityToken = (): ApiError =>
  new ApiError("MissingSecurityToken", "SecurityToken is mandatory for this access key.", 400);

export const securityTokenMismatch = (): ApiError =>
  new ApiError(
    "InvalidSecurityToken.MismatchWithAccessKey",
    "Specified SecurityToken mismatch with the access key.",
    400,
  );

export const securityTokenExpired = (): ApiError =>
  new ApiError("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.", 400);

export const gatewayNotFound = (id: string): ApiError =>
  new ApiError(
    "InvalidVpnGatewayInstanceId.NotFound",
    `The specified vpn gateway instance id "${id}" does not exist.`,
    404,
  );

export const forbidden = (): ApiError =>
  new ApiError("Forbidden", "User not authorized to operate on the specified resource.", 403);

export const gatewayConfiguring = (): ApiError =>
  new ApiError("VpnGateway.Configuring", "The specified service is configuring.", 400);

export const financialLocked = (): ApiError =>
  new ApiError("VpnGateway.FinancialLocked", "The specified service is financial locked.", 400);

export const quotaFull = (): ApiError =>
  new ApiError("Resource.QuotaFull", "The quota of resource is full.", 400);

export const routeNotFound = (what: string): ApiError =>
  new ApiError("InvalidRouteEntry.NotFound", `The specified route entry (${what}) does not exist.`, 404);

export const routeAlreadyExists = (what: string): ApiError =>
  new ApiError("VpnRouteEntry.AlreadyExists", `The specified route entry (${what}) already exists.`, 400);

export const activeRouteConflict = (what: string): ApiError =>
  new ApiError(
    "VpnRouteEntry.ActiveRouteConflict",
    `Another route entry with weight 100 exists for ${what}; only one active (100) and standby (0) entries are allowed.`,
    400,
  );

export const activeStandbyRouteExists = (what: string, others: string[]): ApiError =>
  new ApiError(
    "OperationUnsupported.ActiveStandbyRouteExists",
    `The weight of the route entry (${what}) cannot be modified while another route entry for its destination ` +
      `exists (NextHop=${others.join(", ")}): delete the other route entry, modify the weight, then create it again.`,
    400,
  );

export const missingNewAttribute = (): ApiError =>
  new ApiError(
    "MissingParameter",
    'The input parameter "NewWeight" or "NewPriority" that is mandatory for processing this request is not supplied.',
    400,
  );

export const nextHopNotFound = (nextHop: string, vpnGatewayId: string): ApiError =>
  new ApiError(
    "InvalidNextHop.NotFound",
    `Specified next hop does not exist: "${nextHop}" is not an IPsec connection of VPN gateway ${vpnGatewayId}.`,
    400,
  );

export const activeStandbyPairFull = (what: string): ApiError =>
  new ApiError(
    "VpnRouteEntry.ActiveStandbyPairFull",
    `Two route entries already exist for ${what}; a destination takes one active (100) and one standby (0) entry.`,
    400,
  );

/** The busy codes a write may meet besides VpnGateway.Configuring (terraform-provider-alicloud retries them all). */
export const BUSY_CODES: readonly string[] = [
  "TaskConflict",
  "Appliance.Configuring",
  "VpnTask.CONFLICT",
  "VpnConnection.Configuring",
];

export const busy = (code: string): ApiError =>
  new ApiError(code, "The specified resource is busy with another task; try again later.", 400);

export const weightMismatch = (given: number, current: number): ApiError =>
  new ApiError(
    "InvalidParameter.Weight",
    `The specified Weight ${given} does not match the route entry's current weight ${current}.`,
    400,
  );

export const priorityMismatch = (given: number, current: number): ApiError =>
  new ApiError(
    "InvalidParameter.Priority",
    `The specified Priority ${given} does not match the route entry's current priority ${current}.`,
    400,
  );

export const idempotentMismatch = (): ApiError =>
  new ApiError(
    "IdempotentParameterMismatch",
    "The request uses the same client token as a previous, but non-identical request.",
    400,
  );

export const dryRunPassed = (): ApiError =>
  new ApiError("DryRunOperation", "Request validation has been passed with DryRun flag set.", 400);

/** The account's limit for the action and region (the rate limiter's answer). */
export const throttled = (retryAfterSeconds: number): ApiError =>
  new ApiError("Throttling.User", "Request was denied due to user flow control.", 400, {
    [HEADER.retryAfter]: String(retryAfterSeconds),
  });

/** The service's own flow control, whatever the account spends (the fault mode's throttle). */
export const serviceThrottled = (retryAfterSeconds: number): ApiError =>
  new ApiError("Throttling", "Request was denied due to request throttling.", 400, {
    [HEADER.retryAfter]: String(retryAfterSeconds),
  });

export const serviceUnavailable = (): ApiError =>
  new ApiError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);

export const internalError = (): ApiError =>
  new ApiError(
    "InternalError",
    "The request processing has failed due to some unknown error, exception or failure.",
    500,
  );

export const requestTooLarge = (limit: number): ApiError =>
  new ApiError("InvalidParameter", `The request body is larger than ${limit} bytes.`, 413);
