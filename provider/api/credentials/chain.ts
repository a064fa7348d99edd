/** Turns a resolved credential spec into keys to sign with, sharing one SessionCache per source per process. */
import { fetchEcsRoleSession } from "./ecsMetadata";
import { assumeRole, assumeRoleWithOidc, fromCredentialsUri } from "./library";
import { SessionCache } from "./cache";
import type { Session } from "./session";
import { specKey, type CredentialSpec, type StaticCredentials } from "./spec";

export class CredentialChain {
  private readonly caches = new Map<string, SessionCache>();

  constructor(private readonly now: () => number) {}

  /** `from` names where the spec came from, for messages. */
  async credentials(spec: CredentialSpec, from: string): Promise<StaticCredentials> {
    if (spec.kind === "static") return spec.credentials;
    const key = specKey(spec);
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new SessionCache(() => this.fetch(spec, from), this.now);
      this.caches.set(key, cache);
    }
    const { accessKeyId, accessKeySecret, securityToken } = await cache.get();
    return { accessKeyId, accessKeySecret, securityToken };
  }

  /** The API refused a session's token: the next call fetches a new one. */
  invalidate(spec: CredentialSpec): void {
    this.caches.get(specKey(spec))?.invalidate();
  }

  private fetch(spec: Exclude<CredentialSpec, { kind: "static" }>, from: string): Promise<Session> {
    switch (spec.kind) {
      case "assumeRole":
        return assumeRole(spec.role, () => this.credentials(spec.base, from), from);
      case "oidc":
        return assumeRoleWithOidc(spec.oidc, from);
      case "uri":
        return fromCredentialsUri(spec.uri);
      case "ecs":
        return fetchEcsRoleSession(spec);
    }
  }
}
