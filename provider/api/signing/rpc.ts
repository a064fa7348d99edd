import { createHmac } from "node:crypto";
import { percentEncode } from "./percentEncode";

/** Parameters sorted by name, names and values percent-encoded, joined as `k=v` with `&`. */
export function rpcCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join("&");
}

/** `METHOD&%2F&enc(canonicalQuery)`; the signature itself is never among the signed parameters. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const { Signature: _ignored, ...signed } = params;
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(rpcCanonicalQuery(signed))}`;
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
