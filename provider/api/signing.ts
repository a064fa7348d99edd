/**
 * One attempt's request, signed: the API parameters as the wire carries them, then either of the two
 * signing schemes of Alibaba Cloud's RPC-style APIs, as pure functions (parameters in, signature out;
 * tested with golden vectors): ACS3-HMAC-SHA256 (what @alicloud/openapi-client sends) and RPC HMAC-SHA1,
 * SignatureVersion 1.0 (what @alicloud/pop-core sends). Both encode and sort parameters the same way:
 * {@link canonicalQuery} is that one step, also the query string of the ACS3 URL and the RPC body. The
 * emulator verifies requests with these same functions, so this file imports nothing of the client but
 * types.
 */
import { createHash, createHmac } from "node:crypto";
import type { ResolvedEndpoint } from "./config/settings";
import type { WireRequest } from "./transport";
import type { StaticCredentials } from "./types";

const API_VERSION = "2016-04-28";

export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

/**
 * RFC 3986 percent-encoding of UTF-8 text, as both schemes require: only `A-Z a-z 0-9 - _ . ~` stay as they
 * are; space becomes `%20` (never `+`) and `! ' ( ) *` are encoded, which `encodeURIComponent` alone leaves
 * untouched.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** Parameters sorted by name, names and values percent-encoded, joined as `k=v` with `&`. */
function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
    .join("&");
}

export function sha256Hex(body: string | Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

// ---- ACS3-HMAC-SHA256 ----

/** The headers an ACS3 request is signed with (the emulator checks the same names). */
export const ACS3_HEADERS = {
  action: "x-acs-action",
  version: "x-acs-version",
  date: "x-acs-date",
  nonce: "x-acs-signature-nonce",
  contentSha256: "x-acs-content-sha256",
  securityToken: "x-acs-security-token",
  accessKeyId: "x-acs-accesskey-id",
} as const;

/** What ACS3 signs of an HTTP request. Header names may be in any case. */
export interface Acs3Request {
  method: string;
  pathname: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | Buffer;
}

function isSignedHeader(lowerName: string): boolean {
  return lowerName === "host" || lowerName === "content-type" || lowerName.startsWith("x-acs-");
}

function canonicalHeaders(headers: Record<string, string>): { text: string; signedHeaders: string } {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!isSignedHeader(lower)) continue;
    byName.set(lower, [...(byName.get(lower) ?? []), String(value ?? "").trim()]);
  }
  const names = [...byName.keys()].sort();
  const text = names.map((name) => `${name}:${byName.get(name)!.sort().join(",")}\n`).join("");
  return { text, signedHeaders: names.join(";") };
}

/**
 * `METHOD\nURI\nQuery\nHeaders\nSignedHeaders\nHashedPayload`. The payload hash is the
 * `x-acs-content-sha256` header when present (what the sender declared), else computed from the body.
 */
function acs3CanonicalRequest(req: Acs3Request): { canonicalRequest: string; signedHeaders: string } {
  const headers = canonicalHeaders(req.headers);
  const declared = Object.entries(req.headers).find(([n]) => n.toLowerCase() === ACS3_HEADERS.contentSha256);
  const payloadHash = declared ? String(declared[1]) : sha256Hex(req.body);
  const canonicalRequest = [
    req.method.toUpperCase(),
    req.pathname || "/",
    canonicalQuery(req.query),
    headers.text,
    headers.signedHeaders,
    payloadHash,
  ].join("\n");
  return { canonicalRequest, signedHeaders: headers.signedHeaders };
}

/** Hex HMAC-SHA256, keyed with the raw secret, of `ACS3-HMAC-SHA256\n` + hex(SHA256(canonicalRequest)). */
export function acs3Signature(
  req: Acs3Request,
  accessKeySecret: string,
): { signature: string; signedHeaders: string } {
  const { canonicalRequest, signedHeaders } = acs3CanonicalRequest(req);
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
  return { signature, signedHeaders };
}

/** The `Authorization` header value. */
export function acs3Authorization(req: Acs3Request, accessKeyId: string, accessKeySecret: string): string {
  const { signature, signedHeaders } = acs3Signature(req, accessKeySecret);
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}

// ---- RPC HMAC-SHA1 ----

/** `METHOD&%2F&enc(canonicalQuery)`; the signature itself is never among the signed parameters. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const { Signature: _ignored, ...signed } = params;
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(signed))}`;
}

/** HMAC-SHA1 (SignatureVersion 1.0), keyed with `secret + "&"`, base64-encoded. */
export function rpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac("sha1", `${accessKeySecret}&`)
    .update(rpcStringToSign(method, params), "utf8")
    .digest("base64");
}

// ---- the wire ----

/**
 * API parameters as the wire carries them: booleans as "true"/"false", numbers as decimal strings,
 * strings unchanged, undefined and null left out.
 */
export function toWireParams(params: object): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "boolean") wire[name] = value ? "true" : "false";
    else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} is not a finite number`);
      // BigInt keeps large integers in plain decimal (String(1e21) would be "1e+21").
      wire[name] = Number.isInteger(value) ? BigInt(value).toString() : String(value);
    } else if (typeof value === "string") wire[name] = value;
    else throw new TypeError(`Parameter ${name} has unsupported type ${typeof value}`);
  }
  return wire;
}

/** UTC `YYYY-MM-DDThh:mm:ssZ`, no milliseconds, as both signing schemes require. */
function apiTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ---- the signed request ----

const CONTENT_TYPE_FORM = "application/x-www-form-urlencoded";

/** How requests are signed: `ACS3` (ACS3-HMAC-SHA256 in an Authorization header) or `RPC` (HMAC-SHA1 in a form body). */
export type SignatureVersion = "ACS3" | "RPC";

/** Everything one attempt needs; `now` and `nonce` are fresh per attempt, so is the signature. */
interface SignInput {
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
function signAcs3(input: SignInput): WireRequest {
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
function signRpc(input: SignInput): WireRequest {
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
