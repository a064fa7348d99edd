/**
 * Verifies an OIDC ID token (a JWS, RS256) with node's crypto. Hand-written because the emulator only needs
 * the one algorithm the test providers use and must not trust unsigned tokens; STS does the same checks.
 */
import { createPublicKey, verify } from "node:crypto";
import { oidcTokenInvalid } from "./errors";

export interface IdTokenClaims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  exp?: number;
  iat?: number;
}

function part(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw oidcTokenInvalid(`the ${what} is not base64url JSON`);
  }
}

export function verifyIdToken(token: string, publicKeyPem: string): IdTokenClaims {
  const pieces = token.trim().split(".");
  if (pieces.length !== 3) throw oidcTokenInvalid("not a JWT (three dot-separated parts)");
  const [headerText, payloadText, signatureText] = pieces;
  const header = part(headerText, "header");
  if (header.alg !== "RS256") throw oidcTokenInvalid(`unsupported alg ${String(header.alg)}`);
  const ok = verify(
    "sha256",
    Buffer.from(`${headerText}.${payloadText}`),
    createPublicKey(publicKeyPem),
    Buffer.from(signatureText, "base64url"),
  );
  if (!ok) throw oidcTokenInvalid("the signature does not verify with the provider's key");
  return part(payloadText, "payload") as IdTokenClaims;
}
