/**
 * The error codes the client knows (from the VPC API reference and terraform-provider-alicloud's errors.go),
 * the kinds retry.ts sorts them into, and what the user should do about each ({@link adviceFor}), which every
 * VpcApiError message ends with. Pure: no I/O, no state. Imports no error class, so errors.ts can build its
 * messages from it without an import cycle.
 */
import { CONFIG_KEYS, ENV_KEYS } from "./config/keys";

/**
 * How the client treats an error: `retryable` (throttling, server or network trouble), `busy` (the gateway
 * applies another change), `notFound` (the resource is gone), `unreachable` (the endpoint cannot be connected
 * to: refused, DNS, TLS) or `final` (retrying cannot help).
 */
export type ErrorKind = "retryable" | "busy" | "notFound" | "unreachable" | "final";

// ---- the codes ----

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

/** True for a flow-control code: the API refused the call before taking it, and says when to come back. */
export function isThrottlingCode(code: string): boolean {
  return code.includes(THROTTLING_CODE_PART);
}

/**
 * The account's own limit for the action and region ("Request was denied due to user flow control"): what
 * every process of the account spends together, so the only throttle a process's pace adapts to. `Throttling`
 * and `Throttling.Api` are the service's flow control, which says nothing of this account's share.
 */
export const ACCOUNT_THROTTLING_CODE = "Throttling.User";

/** Substrings of codes that mark flow control or a transient server fault. */
export const RETRYABLE_CODE_PARTS: readonly string[] = [
  THROTTLING_CODE_PART,
  "ServiceUnavailable",
  "InternalError",
  "LastTokenProcessing",
];

export const GATEWAY_NOT_FOUND_CODES: readonly string[] = [
  "InvalidVpnGatewayInstanceId.NotFound",
  "InvalidVpnInstanceId.NotFound",
];
export const ROUTE_NOT_FOUND_CODE = "InvalidRouteEntry.NotFound";
export const NOT_FOUND_SUFFIX = ".NotFound";
/** Ends in `.NotFound` but means a bad access key, not a missing resource. */
export const ACCESS_KEY_NOT_FOUND = "InvalidAccessKeyId.NotFound";

/** Codes this client gives to failures that are not API answers. */
export const CLIENT_CODES = {
  timeout: "RequestTimeout",
  socketHangUp: "SocketHangUp",
  responseAborted: "ResponseAborted",
  invalidResponse: "InvalidResponse",
  unknownApiError: "UnknownError",
} as const;

/** Transport failures (no API answer) worth another attempt. */
export const RETRYABLE_NETWORK_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  CLIENT_CODES.timeout,
  CLIENT_CODES.socketHangUp,
  CLIENT_CODES.responseAborted,
];

/**
 * Transport failures that mean the endpoint cannot be reached at all: nothing accepts the connection, its host
 * name does not resolve, or no route leads there. Not a slow gateway: retried briefly (a restarting server, a
 * resolver hiccup), then final with advice about the endpoint.
 */
const CONNECT_FAILURE_CODES = {
  refused: ["ECONNREFUSED"],
  dns: ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"],
  noRoute: ["EHOSTUNREACH", "ENETUNREACH"],
} as const;

/**
 * Node's codes for a failed TLS handshake: OpenSSL's certificate verdicts (CERT_HAS_EXPIRED,
 * DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ...), ERR_TLS_CERT_ALTNAME_INVALID, and EPROTO
 * (e.g. https spoken to a plain-http port: "wrong version number").
 */
const TLS_FAILURE_CODE = /^(EPROTO|ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

export const HTTP_SERVER_ERROR_MIN = 500;

/** Which transport failure keeps the endpoint out of reach; undefined for the rest. */
export function unreachableReason(code: string): "refused" | "dns" | "noRoute" | "tls" | undefined {
  for (const [reason, codes] of Object.entries(CONNECT_FAILURE_CODES)) {
    if ((codes as readonly string[]).includes(code)) return reason as "refused" | "dns" | "noRoute";
  }
  return TLS_FAILURE_CODE.test(code) ? "tls" : undefined;
}

// ---- what a code means for the user ----

/** What a call was about and where it went: the facts that tell one cause of an error from another. */
export interface ErrorContext {
  /** `scheme://host[:port]` the call went to. */
  endpoint?: string;
  /** Where that endpoint came from, e.g. `environment ALIBABA_CLOUD_ENDPOINT_VPC`. */
  endpointSource?: string;
  /** How to look at or change that endpoint, e.g. `pulumi config get alicloud-vpn:endpoint`. */
  endpointFix?: string;
  /** The gateway the call was about. */
  vpnGatewayId?: string;
  /** The region the call went to. */
  regionId?: string;
  /** Where the credentials came from (names of places, never values). */
  credentialSource?: string;
}

const ACCESS_KEY_ID_CODES = new Set([
  ACCESS_KEY_NOT_FOUND,
  "InvalidAccessKeyId.Inactive",
  "InvalidAccessKeyId",
]);
const SIGNATURE_CODES = new Set(["SignatureDoesNotMatch", "IncompleteSignature"]);
/** The endpoint answered, but not as the VPC API 2016-04-28 does. */
const NOT_THE_VPC_API_CODES = new Set([
  "InvalidAction",
  "InvalidVersion",
  CLIENT_CODES.invalidResponse,
  CLIENT_CODES.unknownApiError,
]);

/** Every place credentials are read from, with both families of environment names. */
function credentialPlaces(): string {
  return (
    `Pulumi config ${CONFIG_KEYS.accessKey} / ${CONFIG_KEYS.secretKey}; the environment ` +
    `${ENV_KEYS.accessKey.join(" or ")} with ${ENV_KEYS.secretKey.join(" or ")}; ` +
    `or the aliyun CLI profile (~/.aliyun/config.json)`
  );
}

const regionPlaces = (): string =>
  `the route's region input, else ${CONFIG_KEYS.region}, ${ENV_KEYS.region.join(" or ")}`;

/** What a user should do about an error, in one or a few sentences, from the causes each code really has. */
export function adviceFor(code: string, action: string, kind: ErrorKind, context: ErrorContext = {}): string {
  const gateway = context.vpnGatewayId ? `gateway ${context.vpnGatewayId}` : "the gateway";
  const region = context.regionId ? `region ${context.regionId}` : "the region the call names";
  const from = context.credentialSource ? ` (the key in use came from ${context.credentialSource})` : "";
  const keyFrom = context.credentialSource ? `; the key in use came from ${context.credentialSource}` : "";

  if (code === "Forbidden" || code.startsWith("Forbidden.") || code === "NoPermission") {
    return (
      `Either the caller lacks the RAM permission "vpc:${action}" (grant it to the RAM user or role of the ` +
      `access key: a policy allowing "vpc:${action}" on the gateway), or ${gateway} belongs to another ` +
      `Alibaba Cloud account than the access key (use that account's credentials${keyFrom}), or it is not ` +
      `in ${region} (check ${regionPlaces()}).`
    );
  }
  if (ACCESS_KEY_ID_CODES.has(code)) {
    return (
      `Check the access key: the AccessKeyId does not exist or is disabled${from}; check it in the RAM ` +
      `console. Credentials are read from ${credentialPlaces()}.`
    );
  }
  if (SIGNATURE_CODES.has(code)) {
    return (
      `Check the access key: the secret is not the one issued with the AccessKeyId${from}, or something ` +
      `between here and the API (a proxy) changed the request. Credentials are read from ${credentialPlaces()}.`
    );
  }
  if (code === "MissingSecurityToken" || code.startsWith("InvalidSecurityToken")) {
    return (
      "The access key is a temporary (STS) one: it needs the security token issued with it, unexpired " +
      `(${CONFIG_KEYS.securityToken}, or ${ENV_KEYS.securityToken.join(" or ")}, beside the key${from}); ` +
      "obtain a new one when it expires, or use a permanent AccessKey."
    );
  }
  if (code === "VpnGateway.FinancialLocked") {
    return "The account has an overdue payment and the gateway is locked; settle the payment in the Billing console, then try again.";
  }
  if (code.startsWith("InvalidTimeStamp")) {
    return "The request time is too far from the server's; synchronise this machine's clock (NTP).";
  }
  if (code === "SignatureNonceUsed") {
    return "The API saw this request's signature nonce before (a proxy or network device replayed the request); run again.";
  }
  if (code === "IdempotentParameterMismatch") {
    return "A ClientToken was reused with different parameters; use a new token for a different request.";
  }
  if (code === "Resource.QuotaFull") {
    return "The route quota of the gateway is full; remove unused routes or ask for a higher quota.";
  }
  if (NOT_THE_VPC_API_CODES.has(code)) {
    return (
      `${endpointNamed(context)} did not answer as the VPC API (2016-04-28) does: check that it is the VPC ` +
      `endpoint (https://vpc.<region>.aliyuncs.com), not another product's or a proxy's${fix(context)}.`
    );
  }
  if (kind === "unreachable") return unreachableAdvice(code, context);
  if (GATEWAY_NOT_FOUND_CODES.includes(code)) {
    return (
      `The VPN ${gateway} was not found in ${region}: check the gateway ID, and the region ` +
      `(${regionPlaces()}); the credentials must belong to the gateway's account${from}.`
    );
  }
  if (code === "InvalidRegionId.NotFound") {
    return `There is no ${region}: use a region ID such as "cn-hangzhou" (${regionPlaces()}).`;
  }
  if (code === ROUTE_NOT_FOUND_CODE) {
    return "The route is no longer on the gateway (changed outside Pulumi?): run `pulumi refresh` to record what the gateway holds.";
  }
  switch (kind) {
    case "notFound":
      return `The resource does not exist: check the ID and the region (${region}).`;
    case "busy":
      return "The gateway is applying another change; retried until the deadline ran out.";
    case "retryable":
      return "A transient failure (throttling, network or server); retried until the deadline ran out.";
    default:
      return (
        "The API refused the request: if its message names an input of the resource, correct that input; " +
        "otherwise check the request parameters against the API reference."
      );
  }
}

function endpointNamed(context: ErrorContext): string {
  const endpoint = context.endpoint ?? "The endpoint";
  return context.endpointSource ? `${endpoint} (the VPC endpoint from ${context.endpointSource})` : endpoint;
}

function fix(context: ErrorContext): string {
  return context.endpointFix ? ` (${context.endpointFix})` : "";
}

/** Refused, DNS, no route, TLS: the endpoint is wrong or the way to it is, never a slow gateway. */
function unreachableAdvice(code: string, context: ErrorContext): string {
  const where = endpointNamed(context);
  switch (unreachableReason(code)) {
    case "refused":
      return (
        `Nothing accepts connections at ${where}: check that this is the endpoint you meant${fix(context)} ` +
        "and that the service there is running (the emulator prints its endpoint when it starts)."
      );
    case "dns":
      return code === "EAI_AGAIN"
        ? `The host name of ${where} could not be looked up (a temporary DNS failure): check this machine's network and DNS resolver${fix(context)}.`
        : `The host name of ${where} does not resolve: check its spelling and the region in it${fix(context)}, and this machine's DNS.`;
    case "noRoute":
      return `No network route leads to ${where}: check this machine's network, VPN and firewall${fix(context)}.`;
    default:
      return (
        `The TLS handshake with ${where} failed (${code}): an https endpoint must present a certificate this ` +
        "machine trusts for its host name. If it serves plain http (the emulator), write http://...; if a proxy " +
        `inspects TLS, give Node its CA with NODE_EXTRA_CA_CERTS${fix(context)}.`
      );
  }
}
