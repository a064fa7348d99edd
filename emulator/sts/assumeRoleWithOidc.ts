/**
 * AssumeRoleWithOIDC: anonymous (the ID token is the proof). The provider must exist, the token must be
 * signed by it, unexpired, issued by its issuer URL for one of its client IDs, and the role must trust it.
 */
import type { OidcProviderRegistry } from "../accounts/oidcProviders";
import type { RoleRegistry } from "../accounts/roles";
import {
  oidcAudienceMismatch,
  oidcIssuerMismatch,
  oidcNotTrusted,
  oidcProviderNotFound,
  oidcTokenExpired,
} from "./errors";
import { verifyIdToken } from "./jwt";
import { durationSeconds, findRole, required, sessionName } from "./params";
import { assumedRoleUser, type SessionIssuer } from "./sessions";

export function assumeRoleWithOidc(
  params: Record<string, string>,
  roles: RoleRegistry,
  providers: OidcProviderRegistry,
  sessions: SessionIssuer,
  now: number,
): Record<string, unknown> {
  const providerArn = required(params, "OIDCProviderArn");
  const token = required(params, "OIDCToken");
  const role = findRole(params, roles);
  const name = sessionName(params);
  const duration = durationSeconds(params, role);
  const provider = providers.find(providerArn);
  if (!provider) throw oidcProviderNotFound(providerArn);
  const claims = verifyIdToken(token, provider.publicKeyPem);
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now) throw oidcTokenExpired();
  if (claims.iss !== provider.issuerUrl) throw oidcIssuerMismatch();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((aud) => typeof aud === "string" && provider.clientIds.includes(aud))) {
    throw oidcAudienceMismatch();
  }
  if (!role.trustedOidcProviders.includes(provider.arn)) throw oidcNotTrusted(role.arn, provider.arn);
  return {
    Credentials: sessions.issue(role, duration, now),
    AssumedRoleUser: assumedRoleUser(role, name),
    OIDCTokenInfo: { Issuer: claims.iss, Subject: claims.sub, ClientIds: audiences.join(",") },
  };
}
