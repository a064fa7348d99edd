/**
 * The two signing schemes of Alibaba Cloud's RPC-style APIs, as pure functions (parameters in, signature
 * out; tested with golden vectors): ACS3-HMAC-SHA256 (what @alicloud/openapi-client sends) and RPC
 * HMAC-SHA1, SignatureVersion 1.0 (what @alicloud/pop-core sends). Both encode and sort parameters the same
 * way: {@link canonicalQuery} is that one step, also the query string of the ACS3 URL and the RPC body.
 * The emulator verifies requests with these same functions, so this file imports nothing of the client.
 */
import { createHash, createHmac } from "node:crypto";

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
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
    .join("&");
}

export function sha256Hex(body: string | Buffer): string {
  return createHash("sha256").update(body).digest("hex");
}

// ---- ACS3-HMAC-SHA256 ----

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
  const declared = Object.entries(req.headers).find(([n]) => n.toLowerCase() === "x-acs-content-sha256");
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
