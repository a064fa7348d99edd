import { ACS3_HEADERS, API_VERSION, CONTENT_TYPE_FORM } from "../constants";
import type { StaticCredentials } from "../config/credentials";
import type { ResolvedEndpoint } from "../config/endpoint";
import { acs3Authorization, canonicalQuery, rpcSignature, sha256Hex } from "../signing";
import type { WireRequest } from "../transport/httpTransport";
import { apiTimestamp } from "./wireParams";

export type SignatureVersion = "ACS3" | "RPC";

/** Everything one attempt needs; `now` and `nonce` are fresh per attempt, so is the signature. */
export interface SignInput {
  action: string;
  params: Record<string, string>;
  endpoint: ResolvedEndpoint;
  credentials: StaticCredentials;
  now: Date;
  nonce: string;
}

const METHOD = "POST";
const PATHNAME = "/";

/**
 * ACS3-HMAC-SHA256 the way @alicloud/openapi-client sends RPC-style APIs (`doRequest`): POST to `/`, the
 * API parameters in the query string, an empty body, the x-acs-* headers and Authorization.
 */
export function signAcs3(input: SignInput): WireRequest {
  const body = "";
  const headers: Record<string, string> = {
    host: input.endpoint.host,
    [ACS3_HEADERS.action]: input.action,
    [ACS3_HEADERS.version]: API_VERSION,
    [ACS3_HEADERS.date]: apiTimestamp(input.now),
    [ACS3_HEADERS.nonce]: input.nonce,
    [ACS3_HEADERS.contentSha256]: sha256Hex(body),
  };
  const { accessKeyId, accessKeySecret, securityToken } = input.credentials;
  if (securityToken) {
    // As openapi-client does with STS credentials: both headers, both signed.
    headers[ACS3_HEADERS.accessKeyId] = accessKeyId;
    headers[ACS3_HEADERS.securityToken] = securityToken;
  }
  headers.authorization = acs3Authorization(
    { method: METHOD, pathname: PATHNAME, query: input.params, headers, body },
    accessKeyId,
    accessKeySecret,
  );
  return {
    url: `${input.endpoint.origin}${PATHNAME}?${canonicalQuery(input.params)}`,
    headers,
    body,
    direct: input.endpoint.loopback,
  };
}

/**
 * RPC HMAC-SHA1 (SignatureVersion 1.0) the way @alicloud/pop-core sends it: common and API parameters plus
 * the Signature as one form-encoded body.
 */
export function signRpc(input: SignInput): WireRequest {
  const { accessKeyId, accessKeySecret, securityToken } = input.credentials;
  const params: Record<string, string> = {
    ...input.params,
    Action: input.action,
    Version: API_VERSION,
    Format: "JSON",
    AccessKeyId: accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: input.nonce,
    Timestamp: apiTimestamp(input.now),
  };
  if (securityToken) params.SecurityToken = securityToken;
  params.Signature = rpcSignature(METHOD, params, accessKeySecret);
  return {
    url: `${input.endpoint.origin}${PATHNAME}`,
    headers: { host: input.endpoint.host, "content-type": CONTENT_TYPE_FORM },
    body: canonicalQuery(params),
    direct: input.endpoint.loopback,
  };
}

export function signRequest(version: SignatureVersion, input: SignInput): WireRequest {
  return version === "RPC" ? signRpc(input) : signAcs3(input);
}
