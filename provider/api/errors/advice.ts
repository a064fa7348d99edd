import { CONFIG_KEYS, ENV_KEYS } from "../config/keys";
import { unreachableReason } from "../retry/classify";
import { ACCESS_KEY_NOT_FOUND } from "./codes";
import type { ErrorKind } from "./VpcApiError";

/** What a call was about and where it went: the facts that tell one cause of an error from another. */
export interface ErrorContext {
  /** `scheme://host[:port]` the call went to. */
  endpoint?: string;
  /** Where that endpoint came from, e.g. `environment ALIBABA_CLOUD_ENDPOINT_VPC`. */
  endpointSource?: string;
  /** How to look at or change that endpoint, e.g. `pulumi config get alicloud-vpn:endpoint`. */
  endpointFix?: string;
  vpnGatewayId?: string;
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
const GATEWAY_NOT_FOUND_CODES = new Set([
  "InvalidVpnGatewayInstanceId.NotFound",
  "InvalidVpnInstanceId.NotFound",
]);
/** The endpoint answered, but not as the VPC API 2016-04-28 does. */
const NOT_THE_VPC_API_CODES = new Set(["InvalidAction", "InvalidVersion", "InvalidResponse", "UnknownError"]);

/** Every place credentials are read from, with both families of environment names. */
export function credentialPlaces(): string {
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
  if (GATEWAY_NOT_FOUND_CODES.has(code)) {
    return (
      `The VPN ${gateway} was not found in ${region}: check the gateway ID, and the region ` +
      `(${regionPlaces()}); the credentials must belong to the gateway's account${from}.`
    );
  }
  if (code === "InvalidRegionId.NotFound") {
    return `There is no ${region}: use a region ID such as "cn-hangzhou" (${regionPlaces()}).`;
  }
  if (code === "InvalidRouteEntry.NotFound") {
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
