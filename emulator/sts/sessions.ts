/** STS sessions: a temporary key, secret and token registered with the VPC API's key registry until they expire. */
import type { CredentialRegistry } from "../auth/credentials";
import type { RoleRecord } from "../accounts/roles";
import { randomString, type Random } from "../random";

export interface IssuedSession {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
  /** ISO 8601 UTC without milliseconds, as STS answers. */
  Expiration: string;
}

export class SessionIssuer {
  constructor(
    private readonly registry: CredentialRegistry,
    private readonly random: Random,
    /** Overrides every session's real lifetime (tests of refresh). */
    public lifetimeMs?: number,
  ) {}

  issue(role: RoleRecord, durationSeconds: number, now: number, lifetimeMs = this.lifetimeMs): IssuedSession {
    const expiresAt = now + (lifetimeMs ?? durationSeconds * 1000);
    const session = {
      AccessKeyId: `STS.${randomString(this.random, 25)}`,
      AccessKeySecret: randomString(this.random, 44),
      SecurityToken: `CAIS${randomString(this.random, 120)}`,
      Expiration: new Date(Math.floor(expiresAt / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    };
    this.registry.add({
      accessKeyId: session.AccessKeyId,
      accessKeySecret: session.AccessKeySecret,
      securityToken: session.SecurityToken,
      accountId: role.accountId,
      roleArn: role.arn,
      expiresAt: Math.floor(expiresAt / 1000) * 1000,
    });
    return session;
  }
}

export function assumedRoleUser(role: RoleRecord, sessionName: string): Record<string, string> {
  return {
    Arn: `acs:ram::${role.accountId}:assumed-role/${role.roleName.toLowerCase()}/${sessionName}`,
    AssumedRoleId: `${role.roleId}:${sessionName}`,
  };
}
