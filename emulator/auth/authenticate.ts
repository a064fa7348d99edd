/** Who sent the request, or the API's refusal: unknown key, stale timestamp, bad signature, token, nonce reuse. */
import {
  accessKeyNotFound,
  missingSecurityToken,
  nonceUsed,
  securityTokenExpired,
  securityTokenMismatch,
  signatureDoesNotMatch,
} from "../errors";
import type { ParsedRequest } from "../http/parseRequest";
import { acs3Claims, isAcs3 } from "./acs3";
import type { SignedClaims } from "./claims";
import type { CredentialRegistry, Principal } from "./credentials";
import type { NonceCache } from "./nonces";
import { rpcClaims } from "./rpc";
import { safeEqual } from "./safeEqual";
import { checkTimestamp } from "./timestamp";

export interface Authenticated {
  principal: Principal;
  claims: SignedClaims;
}

export function authenticate(
  req: ParsedRequest,
  registry: CredentialRegistry,
  nonces: NonceCache,
  now: number,
): Authenticated {
  const claims = isAcs3(req) ? acs3Claims(req) : rpcClaims(req);
  const principal = registry.get(claims.accessKeyId);
  if (!principal) throw accessKeyNotFound();
  checkTimestamp(claims.timestamp, now);
  if (!claims.verify(principal.accessKeySecret)) {
    throw signatureDoesNotMatch("Please check your AccessKeySecret and the string to sign.");
  }
  checkSecurityToken(principal, claims.securityToken);
  if (principal.expiresAt !== undefined && now >= principal.expiresAt) throw securityTokenExpired();
  // Only a verified request may spend a nonce, or anyone could burn nonces of others.
  if (!nonces.remember(principal.accessKeyId, claims.nonce, now)) throw nonceUsed();
  return { principal, claims };
}

function checkSecurityToken(principal: Principal, sent: string | undefined): void {
  if (principal.securityToken === undefined) {
    if (sent) throw securityTokenMismatch();
    return;
  }
  if (!sent) throw missingSecurityToken();
  if (!safeEqual(sent, principal.securityToken)) throw securityTokenMismatch();
}
