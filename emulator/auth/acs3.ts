/**
 * ACS3-HMAC-SHA256: the Authorization header names the key, the signed headers and the signature; the
 * action, version, date and nonce travel in `x-acs-*` headers, API parameters in the query or a form body.
 */
import { ACS3_ALGORITHM, acs3Signature, sha256Hex } from "../../provider/api/signing";
import { HEADER } from "../constants";
import { incompleteSignature, missingParameter } from "../errors";
import type { ParsedRequest } from "../http/parseRequest";
import type { SignedClaims } from "./claims";
import { safeEqual } from "./safeEqual";

const AUTHORIZATION = /^(\S+)\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]*),\s*Signature=([0-9a-fA-F]+)$/;
const REQUIRED_HEADERS = [HEADER.action, HEADER.version, HEADER.date, HEADER.nonce, HEADER.contentSha256];

export function isAcs3(req: ParsedRequest): boolean {
  return (req.headers[HEADER.authorization] ?? "").startsWith("ACS3-");
}

function header(req: ParsedRequest, name: string): string {
  const value = req.headers[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function acs3Claims(req: ParsedRequest): SignedClaims {
  const match = AUTHORIZATION.exec(req.headers[HEADER.authorization] ?? "");
  if (!match) throw incompleteSignature("The Authorization header is malformed.");
  const [, algorithm, accessKeyId, signedList, signature] = match;
  if (algorithm !== ACS3_ALGORITHM) throw incompleteSignature(`Only ${ACS3_ALGORITHM} is supported.`);
  for (const name of REQUIRED_HEADERS) header(req, name);
  const signedNames = new Set(signedList.split(";"));
  // Every header that changes the request's meaning must be covered by the signature.
  const mustSign = Object.keys(req.headers).filter((n) => n === "host" || n.startsWith("x-acs-"));
  const unsigned = mustSign.filter((n) => !signedNames.has(n));
  if (unsigned.length > 0) throw incompleteSignature(`Headers not signed: ${unsigned.join(", ")}.`);
  const signedHeaders = Object.fromEntries(Object.entries(req.headers).filter(([n]) => signedNames.has(n)));
  const declaredHash = header(req, HEADER.contentSha256);
  return {
    scheme: "acs3",
    accessKeyId,
    nonce: header(req, HEADER.nonce),
    timestamp: header(req, HEADER.date),
    securityToken: req.headers[HEADER.securityToken],
    version: req.headers[HEADER.version],
    verify: (secret) => {
      // The signature covers the declared body hash; the body itself must match it.
      if (!safeEqual(declaredHash.toLowerCase(), sha256Hex(req.body))) return false;
      const expected = acs3Signature(
        {
          method: req.method,
          pathname: req.pathname,
          query: req.query,
          headers: signedHeaders,
          body: req.body,
        },
        secret,
      );
      return expected.signedHeaders === signedList && safeEqual(expected.signature, signature.toLowerCase());
    },
  };
}
