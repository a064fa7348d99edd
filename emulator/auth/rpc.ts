/** HMAC-SHA1 (SignatureVersion 1.0): common parameters and the signature in the query, a form body, or both. */
import { rpcSignature } from "../../provider/api/signing";
import { RPC_SIGNATURE_METHOD, RPC_SIGNATURE_VERSION } from "../constants";
import { invalidParameter, missingParameter } from "../errors";
import type { ParsedRequest } from "../http/parseRequest";
import type { SignedClaims } from "./claims";
import { safeEqual } from "./safeEqual";

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function rpcClaims(req: ParsedRequest): SignedClaims {
  const { params } = req;
  const accessKeyId = required(params, "AccessKeyId");
  const signature = required(params, "Signature");
  const nonce = required(params, "SignatureNonce");
  const timestamp = required(params, "Timestamp");
  const method = params.SignatureMethod ?? RPC_SIGNATURE_METHOD;
  if (method !== RPC_SIGNATURE_METHOD)
    throw invalidParameter("SignatureMethod", `only ${RPC_SIGNATURE_METHOD} is supported`);
  const version = params.SignatureVersion ?? RPC_SIGNATURE_VERSION;
  if (version !== RPC_SIGNATURE_VERSION)
    throw invalidParameter("SignatureVersion", `only ${RPC_SIGNATURE_VERSION} is supported`);
  return {
    scheme: "rpc",
    accessKeyId,
    nonce,
    timestamp,
    securityToken: params.SecurityToken,
    version: params.Version,
    // rpcSignature leaves `Signature` out of the signed set; every other parameter, query or form, is in.
    verify: (secret) => safeEqual(rpcSignature(req.method, params, secret), signature),
  };
}
