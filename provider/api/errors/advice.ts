import { ACCESS_KEY_NOT_FOUND } from "./codes";
import type { ErrorKind } from "./VpcApiError";

const ACCESS_KEY_CODES = new Set([
  ACCESS_KEY_NOT_FOUND,
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "InvalidAccessKeyId.Inactive",
  "InvalidAccessKeyId",
]);

/** What a user should do about an error, in one or two sentences. */
export function adviceFor(code: string, action: string, kind: ErrorKind): string {
  if (code === "Forbidden" || code.startsWith("Forbidden.") || code === "NoPermission") {
    return (
      `The caller lacks the RAM permission "vpc:${action}"; grant it to the RAM user or role ` +
      `(a policy allowing "vpc:${action}" on the gateway) and try again.`
    );
  }
  if (ACCESS_KEY_CODES.has(code)) {
    return (
      "Check the access key: the AccessKeyId must exist and be enabled, and the secret must be the one " +
      "issued with it (alicloud:accessKey / alicloud:secretKey, ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY, or the aliyun CLI profile)."
    );
  }
  if (code.startsWith("InvalidSecurityToken")) {
    return "The STS security token is invalid or expired; obtain a new one and update the credentials.";
  }
  if (code === "VpnGateway.FinancialLocked") {
    return "The account has an overdue payment and the gateway is locked; settle the payment in the Billing console, then try again.";
  }
  if (code.startsWith("InvalidTimeStamp")) {
    return "The request time is too far from the server's; synchronise this machine's clock (NTP).";
  }
  if (code === "IdempotentParameterMismatch") {
    return "A ClientToken was reused with different parameters; use a new token for a different request.";
  }
  if (code === "Resource.QuotaFull") {
    return "The route quota of the gateway is full; remove unused routes or ask for a higher quota.";
  }
  switch (kind) {
    case "notFound":
      return "The resource does not exist: check the ID and the region.";
    case "busy":
      return "The gateway is applying another change; retried until the deadline ran out.";
    case "retryable":
      return "A transient failure (throttling, network or server); retried until the deadline ran out.";
    default:
      return "Check the request parameters against the API reference.";
  }
}
