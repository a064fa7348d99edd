import type { StaticCredentials } from "./spec";

/** Temporary credentials and the instant (epoch ms) they stop working. */
export interface Session extends StaticCredentials {
  securityToken: string;
  expiresAt: number;
}

/** `Expiration` as STS, the metadata service and credentials URIs write it (ISO 8601, UTC). */
export function parseExpiration(expiration: string | undefined, what: string): number {
  const at = expiration ? Date.parse(expiration) : NaN;
  if (Number.isNaN(at)) throw new Error(`${what} answered without a valid Expiration`);
  return at;
}
